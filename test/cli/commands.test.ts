import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fixtureDb } from './fixture.ts';
import { isUsageError, runCli } from './helpers.ts';

let fx: ReturnType<typeof fixtureDb>;
before(() => (fx = fixtureDb()));
after(() => fx.cleanup());
const db = () => ['--db', fx.file];

test('exclusions add / list / remove / undo, and bad exclusions exit 2', async () => {
  const add = await runCli(['exclusions', 'add', '--detection', '2012', '--cidr', '10.0.1.0/30', '--note', 'lab', '--close-open', ...db()]);
  assert.equal(add.code, 0, add.stderr);
  assert.match(add.stdout, /exclusion 1 added .*closed alerts/);
  const list = JSON.parse((await runCli(['exclusions', '--json', ...db()])).stdout) as { exclusions: { id: number; value: string; note: string }[] };
  assert.deepEqual(list.exclusions.map((e) => [e.id, e.value, e.note]), [[1, '10.0.1.0/30', 'lab']]);
  const open2012 = JSON.parse((await runCli(['alerts', '--json', '--status', 'open', '--detection', '2012', ...db()])).stdout) as { alerts: { source: { ip: string } }[] };
  assert.ok(open2012.alerts.every((a) => a.source.ip === '10.0.1.4'), 'the open alerts the subnet covers were closed');
  const remove = await runCli(['exclusions', 'remove', '1', ...db()]);
  assert.equal(remove.code, 0);
  assert.ok(isUsageError(await runCli(['exclusions', 'remove', '1', ...db()]), /already removed/));
  const token = /exclusions undo (\d+)/.exec(remove.stdout)?.[1];
  assert.equal((await runCli(['exclusions', 'undo', token!, ...db()])).code, 0);
  assert.match((await runCli(['exclusions', ...db()])).stdout, /10\.0\.1\.0\/30/);
  assert.ok(isUsageError(await runCli(['exclusions', 'add', '--detection', '2012', ...db()]), /exactly one of/));
  assert.ok(isUsageError(await runCli(['exclusions', 'add', '--detection', '2012', '--ip', '1.2.3.4', '--host', 'x', ...db()]), /exactly one of/));
  assert.ok(isUsageError(await runCli(['exclusions', 'add', '--detection', '1234', '--ip', '1.2.3.4', ...db()]), /not a detection/));
  assert.ok(isUsageError(await runCli(['exclusions', 'add', '--detection', 'all', '--cidr', '10.0.0.0/99', ...db()]), /not a subnet/));
  assert.ok(isUsageError(await runCli(['exclusions', 'remove', 'abc', ...db()]), /not a valid exclusion id/));
  assert.ok(isUsageError(await runCli(['exclusions', 'remove', '77', ...db()]), /no exclusion 77/));
});

test('export writes CEF, JSON and CSV to stdout or a file; bad format or time exit 2', async () => {
  const cef = await runCli(['export', '--format', 'cef', ...db()]);
  assert.equal(cef.code, 0, cef.stderr);
  const lines = cef.stdout.trim().split('\n');
  assert.ok(lines.length > 3 && lines.every((l) => /^CEF:0\|ReconLens\|ReconLens\|\d+\.\d+\.\d+\|\w+SecurityAlert\|.+\|(3|5|10)\|start=\d+ /.test(l)));
  const out = join(fx.dir, 'alerts.csv');
  const csv = await runCli(['export', '--format', 'csv', '--out', out, '--since', '2026-01-06T00:00:00Z', ...db()]);
  assert.equal(csv.code, 0, csv.stderr);
  assert.ok(existsSync(out));
  assert.match(readFileSync(out, 'utf8'), /^id,detection,title,/);
  const all = JSON.parse((await runCli(['export', '--format', 'json', ...db()])).stdout) as { alerts: unknown[] };
  const later = JSON.parse((await runCli(['export', '--format', 'json', '--since', '2026-01-06', ...db()])).stdout) as { alerts: unknown[] };
  assert.ok(later.alerts.length < all.alerts.length && later.alerts.length > 0);
  assert.ok(isUsageError(await runCli(['export', '--format', 'xml', ...db()]), /--format must be/));
  assert.ok(isUsageError(await runCli(['export', ...db()]), /needs --format/));
  assert.ok(isUsageError(await runCli(['export', '--format', 'cef', '--since', 'yesterday', ...db()]), /ISO 8601/));
  assert.ok(isUsageError(await runCli(['export', '--format', 'cef', '--out', join(fx.dir, 'no', 'such', 'dir', 'x.cef'), ...db()]), /cannot write/));
});

test('settings show and set; bad keys and values exit 2', async () => {
  assert.equal((await runCli(['settings', 'set', 'samrLearningS', '7d', ...db()])).code, 0);
  assert.equal((await runCli(['settings', 'set', 'dnsServers', '10.0.0.53, fd00::53', ...db()])).code, 0);
  assert.equal((await runCli(['settings', 'set', 'analystName', 'ana', ...db()])).code, 0);
  const view = JSON.parse((await runCli(['settings', '--json', ...db()])).stdout) as Record<string, unknown>;
  assert.equal(view['samrLearningS'], 7 * 86400);
  assert.deepEqual(view['dnsServers'], ['10.0.0.53', 'fd00::53']);
  assert.match((await runCli(['settings', ...db()])).stdout, /analystName\s+ana/);
  assert.ok(isUsageError(await runCli(['settings', 'set', 'enumUnknownNames', '-3', ...db()]), /enumUnknownNames: '-3' is not a whole number/));
  assert.ok(isUsageError(await runCli(['settings', 'set', 'colour', 'red', ...db()]), /unknown setting 'colour'/));
  assert.ok(isUsageError(await runCli(['settings', 'set', 'dcs', ...db()]), /needs KEY and VALUE/));
  assert.ok(isUsageError(await runCli(['settings', 'get', ...db()]), /unknown subcommand/));
});

test('captures list and capture delete; unknown ids exit 2', async () => {
  const list = JSON.parse((await runCli(['captures', '--json', ...db()])).stdout) as { captures: { id: number; status: string; blindSpots: Record<string, unknown> }[] };
  assert.equal(list.captures[0]?.status, 'complete');
  assert.ok('smb3EncryptedFrames' in (list.captures[0]?.blindSpots ?? {}));
  assert.match((await runCli(['captures', ...db()])).stdout, /scenario\.pcapng/);
  assert.ok(isUsageError(await runCli(['capture', 'delete', '9', ...db()]), /no capture 9/));
  assert.ok(isUsageError(await runCli(['capture', 'delete', '-1', ...db()]), /not a valid capture id/));
  assert.ok(isUsageError(await runCli(['capture', 'remove', '1', ...db()]), /unknown subcommand/));
  assert.equal((await runCli(['capture', 'retention', '--days', '30', ...db()])).code, 0);
});

test('database backup, check, vacuum, restore', async () => {
  const copy = join(fx.dir, 'copy.db');
  assert.equal((await runCli(['database', 'backup', copy, ...db()])).code, 0);
  assert.ok(isUsageError(await runCli(['database', 'backup', copy, ...db()]), /exists/));
  assert.match((await runCli(['database', 'check', ...db()])).stdout, /: ok$/m);
  assert.equal((await runCli(['database', 'vacuum', ...db()])).code, 0);
  const del = await runCli(['capture', 'delete', '1', ...db()]);
  assert.equal(del.code, 0, del.stderr);
  assert.equal(JSON.parse((await runCli(['alerts', '--json', ...db()])).stdout).alerts.length, 0);
  assert.equal((await runCli(['database', 'restore', copy, ...db()])).code, 0);
  assert.ok(JSON.parse((await runCli(['alerts', '--json', ...db()])).stdout).alerts.length > 0);
  assert.ok(isUsageError(await runCli(['database', 'restore', join(fx.dir, 'missing.db'), ...db()]), /no file/));
  assert.ok(isUsageError(await runCli(['database', 'shrink', ...db()]), /unknown subcommand/));
  assert.equal((await runCli(['database', 'path', '--db', 'x/y.db'])).stdout.trim(), join(process.cwd(), 'x/y.db'));
});
