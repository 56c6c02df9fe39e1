/** The menu's File › Export alerts: CEF of the filtered alerts, and an export saved in the data folder. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { seededHandlers } from './fixture.ts';

test('CEF export of the filtered alerts: one SIEM line per alert, only those that match', async () => {
  const { h } = seededHandlers();
  const all = await h['alerts.export']({ format: 'cef' });
  assert.equal(all.count, 2);
  assert.equal(all.filename, 'reconlens-alerts.cef');
  const lines = all.content.trim().split('\n');
  assert.equal(lines.length, 2);
  for (const l of lines) assert.match(l, /^CEF:0\|ReconLens\|ReconLens\|test\|\w+SecurityAlert\|/);
  const only2012 = await h['alerts.export']({ format: 'cef', detections: ['2012'] });
  assert.equal(only2012.count, 1);
  assert.match(only2012.content, /EnumerateSessionsSecurityAlert/);
  assert.doesNotMatch(only2012.content, /AccountEnumerationSecurityAlert/);
  assert.equal((await h['alerts.export']({ format: 'csv', detections: ['2003'] })).count, 1);
});

test('exportFile writes a new file under <data folder>/exports/ per export and says where', async () => {
  const { h, deps } = seededHandlers();
  const a = await h['alerts.exportFile']({ format: 'json', statuses: ['open'] });
  const b = await h['alerts.exportFile']({ format: 'json', statuses: ['open'] });
  assert.equal(dirname(a.path), join(deps.dataDir, 'exports'));
  assert.match(a.path, /reconlens-alerts-[\dT-]+Z?(-\d+)?\.json$/);
  assert.notEqual(a.path, b.path);
  assert.equal(a.count, 2);
  assert.equal((JSON.parse(readFileSync(a.path, 'utf8')) as { alerts: unknown[] }).alerts.length, 2);
  const c = await h['alerts.exportFile']({ format: 'cef', detections: ['2003'] });
  assert.equal(c.count, 1);
  assert.ok(c.path.endsWith('.cef') && existsSync(c.path));
  assert.equal(existsSync(`${c.path}.partial`), false);
});
