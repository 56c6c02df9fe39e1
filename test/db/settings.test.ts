import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditTrail } from '../../db/audit.ts';
import { applySetting, settingsView } from '../../db/settings-view.ts';
import { osUserName } from '../../db/settings.ts';
import { tempStore } from './helpers.ts';

test('settings: defaults, validated changes with an audit entry, lists kept with their source', () => {
  const t = tempStore();
  try {
    const db = t.store.db;
    const view = settingsView(db);
    assert.equal(view['analystName'], osUserName(), 'the analyst name defaults to the OS user');
    assert.equal(view['mergeWindowS'], 86400);
    assert.equal(applySetting(db, 'mergeWindowS', '2h'), 7200);
    assert.deepEqual(applySetting(db, 'dcs', '10.0.0.10,10.0.0.11'), ['10.0.0.10', '10.0.0.11']);
    assert.deepEqual(applySetting(db, 'dcs', '10.0.0.11'), ['10.0.0.11']);
    assert.deepEqual(applySetting(db, 'sensitiveAccounts', 'svc_backup, Bob'), ['Bob', 'svc_backup']);
    assert.throws(() => applySetting(db, 'theme', 'purple'), /theme: 'purple' is not one of system, light, dark/);
    assert.throws(() => applySetting(db, 'dnsServers', '10.0.0.1,nope'), /'nope' is not an IPv4 or IPv6 address/);
    assert.deepEqual(settingsView(db)['dnsServers'], [], 'a rejected list changes nothing');
    const s = t.store.getDetectionSettings();
    assert.ok(s.taggedSensitive.has('bob') && s.taggedSensitive.has('svc_backup'));
    assert.deepEqual(t.store.hostsJson().map((h) => [h.ip, h.roles]), [['10.0.0.10', []], ['10.0.0.11', ['dc']]]);
    const trail = auditTrail(db).filter((a) => a.action === 'settings');
    assert.equal(trail.length, 4);
    assert.deepEqual(trail[0]?.from, { mergeWindowS: 86400 });
    assert.deepEqual(trail[0]?.to, { mergeWindowS: 7200 });
  } finally {
    t.done();
  }
});
