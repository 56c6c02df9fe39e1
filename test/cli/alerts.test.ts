import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openStore } from '../../db/index.ts';
import { fixtureDb } from './fixture.ts';
import { isUsageError, runCli } from './helpers.ts';

let fx: ReturnType<typeof fixtureDb>;
before(() => (fx = fixtureDb()));
after(() => fx.cleanup());

test('alerts --json prints { alerts } with the same objects as the store (analyze --json)', async () => {
  const r = await runCli(['alerts', '--db', fx.file, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const store = openStore(fx.file);
  try {
    assert.deepEqual(JSON.parse(r.stdout), { alerts: store.alertsJson({}) });
    const only = JSON.parse((await runCli(['alerts', '--db', fx.file, '--json', '--detection', '2007'])).stdout) as { alerts: { detection: string }[] };
    assert.ok(only.alerts.length > 0 && only.alerts.every((a) => a.detection === '2007'));
  } finally {
    store.close();
  }
});

test('alerts without --json prints a readable table', async () => {
  const r = await runCli(['alerts', '--db', fx.file, '--status', 'open']);
  assert.equal(r.code, 0);
  assert.match(r.stdout.split('\n')[0] ?? '', /^ID\s+DET\s+STATUS\s+LAST SEEN\s+SOURCE\s+TITLE$/);
  assert.match(r.stdout, /WS-1 \(10\.0\.1\.1\)/);
});

test('alert close / reopen / undo change the alert and print an undo token', async () => {
  const close = await runCli(['alert', 'close', '1', '--as', 'btp', '--exclude', '--note', 'scanner', '--db', fx.file]);
  assert.equal(close.code, 0, close.stderr);
  const token = /alert undo (\d+)/.exec(close.stdout)?.[1];
  assert.ok(token, close.stdout);
  const closed = JSON.parse((await runCli(['alerts', '--db', fx.file, '--json', '--status', 'closed'])).stdout) as { alerts: { id: number; classification: string }[] };
  assert.deepEqual(closed.alerts.map((a) => [a.id, a.classification]), [[1, 'btp']]);
  const ex = JSON.parse((await runCli(['exclusions', '--json', '--db', fx.file])).stdout) as { exclusions: { kind: string; value: string; fromAlert: number }[] };
  assert.deepEqual(ex.exclusions.map((e) => [e.kind, e.value, e.fromAlert]), [['ip', '10.0.1.1', 1], ['host', 'WS-1', 1]]);
  assert.ok(isUsageError(await runCli(['alert', 'close', '1', '--as', 'tp', '--db', fx.file]), /already closed/));
  assert.equal((await runCli(['alert', 'undo', token, '--db', fx.file])).code, 0);
  assert.ok(isUsageError(await runCli(['alert', 'undo', token, '--db', fx.file]), /already undone/));
  assert.equal(JSON.parse((await runCli(['exclusions', '--json', '--db', fx.file])).stdout).exclusions.length, 0);
  assert.equal((await runCli(['alert', 'close', '1', '--as', 'fp', '--db', fx.file])).code, 0);
  assert.equal((await runCli(['alert', 'reopen', '1', '--db', fx.file])).code, 0);
  const audit = JSON.parse((await runCli(['alert', 'audit', '1', '--json', '--db', fx.file])).stdout) as { audit: { action: string }[] };
  assert.deepEqual(audit.audit.map((a) => a.action), ['close-and-exclude', 'undo', 'close', 'reopen']);
});

test('bad ids and values exit 2 with one line', async () => {
  const db = ['--db', fx.file];
  assert.ok(isUsageError(await runCli(['alerts', '--status', 'done', ...db]), /--status must be/));
  assert.ok(isUsageError(await runCli(['alerts', '--detection', '9999', ...db]), /--detection must be/));
  assert.ok(isUsageError(await runCli(['alerts', '--bogus', ...db]), /unknown option --bogus/));
  assert.ok(isUsageError(await runCli(['alert', 'close', '999', '--as', 'tp', ...db]), /no alert 999/));
  assert.ok(isUsageError(await runCli(['alert', 'close', '1x', '--as', 'tp', ...db]), /not a valid alert id/));
  assert.ok(isUsageError(await runCli(['alert', 'close', '2', '--as', 'maybe', ...db]), /not a classification/));
  assert.ok(isUsageError(await runCli(['alert', 'close', '2', ...db]), /needs --as/));
  assert.ok(isUsageError(await runCli(['alert', 'reopen', '2', ...db]), /open, not closed/));
  assert.ok(isUsageError(await runCli(['alert', 'explode', '2', ...db]), /unknown subcommand/));
  assert.ok(isUsageError(await runCli(['alert', ...db]), /needs a subcommand/));
  assert.ok(isUsageError(await runCli(['alert', 'reopen', '2', '--exclude', ...db]), /belong to 'alert close'/));
});

test('--help answers with exit 0', async () => {
  for (const cmd of ['alerts', 'alert', 'exclusions', 'export', 'captures', 'capture', 'settings', 'database']) {
    const r = await runCli([cmd, '--help']);
    assert.equal(r.code, 0, cmd);
    assert.match(r.stdout, /^usage: reconlens /, cmd);
  }
});
