/** `analyze --syslog udp|tcp --jsonl` against listeners on 127.0.0.1: each alert goes out as CEF. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { createServer, type AddressInfo } from 'node:net';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const SAMR = '/work/shared/corpus/samr-enum-lab/net.exe_user__domain.pcapng';
const AXFR = '/work/shared/corpus/ncsc-pef/1tcpdnsaxfr.pcap';
const missing = [SAMR, AXFR].find((f) => !existsSync(f));
const work = mkdtempSync(join(tmpdir(), 'rl-siem-'));
after(() => rmSync(work, { recursive: true, force: true }));

async function analyze(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'main', 'cli', 'entry.ts'), 'analyze', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

/** RFC 6587 octet counting: "LEN SP MSG"... */
function frames(buf: Buffer): string[] {
  const out: string[] = [];
  for (let off = 0; off < buf.length; ) {
    const sp = buf.indexOf(0x20, off);
    const len = Number(buf.subarray(off, sp).toString('ascii'));
    assert.ok(Number.isInteger(len) && len > 0, `frame length at ${off}`);
    out.push(buf.subarray(sp + 1, sp + 1 + len).toString('utf8'));
    off = sp + 1 + len;
  }
  return out;
}

test('analyze --syslog tcp:// --jsonl: octet-counted RFC 5424 CEF and JSON lines', { skip: missing ? `corpus missing: ${missing}` : false }, async () => {
  const chunks: Buffer[] = [];
  const server = createServer((s) => s.on('data', (d: Buffer) => chunks.push(d)));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const closed = new Promise<void>((resolve) => server.on('connection', (s) => s.on('close', () => resolve())));
  const jsonl = join(work, 'tcp.jsonl');
  const r = await analyze(['--db', join(work, 'tcp.db'), '--learning', '0', '--dc', '192.168.11.11', '--json', '--syslog', `tcp://127.0.0.1:${(server.address() as AddressInfo).port}`, '--jsonl', jsonl, SAMR]);
  assert.equal(r.code, 0, r.stderr);
  await closed;
  server.close();
  const msgs = frames(Buffer.concat(chunks));
  assert.equal(msgs.length, 1, msgs.join('\n'));
  assert.match(msgs[0]!, /^<164>1 \d{4}-\d\d-\d\dT[\d:.]+Z \S+ reconlens \d+ RL2021 - CEF:0\|ReconLens\|ReconLens\|[\d.]+\|SamrReconnaissanceSecurityAlert\|.+\|5\|.*src=192\.168\.11\.101 .*dst=192\.168\.11\.11 .*externalId=2021/);
  const doc = JSON.parse(r.stdout) as { alerts: { id: number }[] };
  const lines = readFileSync(jsonl, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: number; detection: string });
  assert.deepEqual(lines.map((l) => l.id), doc.alerts.map((a) => a.id), 'the same alert objects as analyze --json');
  assert.deepEqual(Object.keys(lines[0]!).sort(), Object.keys(doc.alerts[0]!).sort());
});

test('analyze --syslog udp://: one datagram per alert', { skip: missing ? `corpus missing: ${missing}` : false }, async () => {
  const rx = createSocket('udp4');
  rx.bind(0, '127.0.0.1');
  await once(rx, 'listening');
  const got = once(rx, 'message') as Promise<[Buffer]>;
  const r = await analyze(['--db', join(work, 'udp.db'), '--syslog', `udp://127.0.0.1:${(rx.address() as AddressInfo).port}`, AXFR]);
  assert.equal(r.code, 0, r.stderr);
  const [msg] = await got;
  rx.close();
  assert.match(msg.toString('utf8'), /^<165>1 .* RL2007 - CEF:0\|ReconLens\|ReconLens\|[\d.]+\|DnsReconnaissanceSecurityAlert\|.*\|3\|.*src=1\.1\.1\.2 /);
});

test('analyze: a bad --syslog is one line and exit 2, before reading anything', async () => {
  const r = await analyze(['--db', join(work, 'bad.db'), '--syslog', 'udp://nowhere', SAMR]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^reconlens: --syslog needs a host and a port 1-65535, got "udp:\/\/nowhere"\n$/);
});
