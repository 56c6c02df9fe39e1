/**
 * `reconlens analyze` as a user runs it (a child process, TypeScript sources): the JSON contract,
 * exit codes, the one-line errors for bad files, already-imported files, saved settings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { corpusPath, repoRoot } from '../helpers/paths.ts';

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'bin/reconlens.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, RECONLENS_FROM_SOURCE: '1', RECONLENS_DB: '' },
    cwd: repoRoot,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'reconlens-cli-'));
const db = path.join(dir, 'r.db');
const axfr = corpusPath('ncsc-pef/1tcpdnsaxfr.pcap');

test('analyze --json prints one document: captures, hosts, alerts', () => {
  const r = cli(['analyze', '--db', db, '--json', '--learning', '15m', '--dc', '10.0.0.1', '--dns-server', '10.0.0.2', axfr]);
  assert.equal(r.code, 0, r.err);
  const doc = JSON.parse(r.out) as { captures: Record<string, unknown>[]; hosts: { ip: string; roles: string[] }[]; alerts: Record<string, unknown>[] };
  assert.deepEqual(Object.keys(doc), ['captures', 'hosts', 'alerts']);
  const c = doc.captures[0]!;
  assert.equal(c['file'], axfr);
  assert.equal(c['format'], 'pcap');
  assert.equal(c['packets'], 1);
  assert.equal(c['bytes'], 291);
  assert.equal(c['sha256'], 'b4012aeb40f4363329578061b7d388dfdf8aa4a374c94df23b834fc45e108d9f');
  assert.deepEqual(c['linkTypes'], [1]);
  assert.equal(c['firstPacket'], '2015-03-26T11:25:18.287Z');
  assert.equal(c['status'], 'complete');
  assert.ok(doc.hosts.some((h) => h.ip === '10.0.0.1' && h.roles.includes('dc')));
  assert.ok(doc.hosts.some((h) => h.ip === '10.0.0.2' && h.roles.includes('dns-server')));
  assert.ok(Array.isArray(doc.alerts));
  assert.match(r.err, /^reconlens: analyzed 1 file: 1 packets/m);
});

test('a file imported before: exit 0, one notice, its stored capture marked alreadyImported', () => {
  const r = cli(['analyze', '--db', db, '--json', axfr]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /1tcpdnsaxfr\.pcap: already imported \(capture \d+\), not read again/);
  const doc = JSON.parse(r.out) as { captures: Record<string, unknown>[] };
  assert.equal(doc.captures.length, 1);
  assert.equal(doc.captures[0]!['alreadyImported'], true);
});

test('bad files: one line each on stderr, exit 2 after analysing the good ones', () => {
  const text = path.join(dir, 'notes.txt');
  writeFileSync(text, 'hello\n');
  const empty = path.join(dir, 'empty.pcap');
  writeFileSync(empty, '');
  const good = corpusPath('suricata-verify/krb.pcap');
  const r = cli(['analyze', '--db', db, '--json', text, empty, good, path.join(dir, 'missing.pcap')]);
  assert.equal(r.code, 2);
  assert.ok(r.err.includes(`reconlens: ${text}: not a capture file (looks like text)\n`), r.err);
  assert.ok(r.err.includes(`reconlens: ${empty}: empty file\n`), r.err);
  assert.ok(r.err.includes(`reconlens: ${path.join(dir, 'missing.pcap')}: no such file\n`), r.err);
  const doc = JSON.parse(r.out) as { captures: { file: string; packets: number }[] };
  assert.deepEqual(doc.captures.map((c) => [c.file, c.packets]), [[good, 9]]);
});

test('usage errors exit 2; --help exits 0', () => {
  assert.equal(cli(['analyze', '--db', db, '--learning', '3 weeks', axfr]).code, 2);
  const badIp = cli(['analyze', '--db', db, '--dc', 'dc01', axfr]);
  assert.equal(badIp.code, 2);
  assert.match(badIp.err, /--dc: 'dc01' is not an IP address/);
  assert.equal(cli(['analyze', '--db', db]).code, 2);
  const help = cli(['analyze', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /usage: reconlens analyze/);
});

test('durations: 0, 90s, 15m, 2h, 28d; anything else is a usage error', async () => {
  const { parseDuration } = await import('../../main/cli/commands/analyze.ts');
  assert.deepEqual(['0', '90s', '15m', '2h', '28d', '45'].map(parseDuration), [0, 90, 900, 7200, 28 * 86400, 45]);
  for (const bad of ['', '-1', '2w', '1.5h', 'h', '99999999999d']) assert.throws(() => parseDuration(bad), /--learning/, bad);
});
