import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { createServer, type AddressInfo } from 'node:net';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatSyslog, octetCounted, parseSyslogTarget } from '../../main/siem/syslog-format.ts';
import { createSyslogSender } from '../../main/siem/syslog-sender.ts';
import { JsonlWriter } from '../../main/siem/jsonl-writer.ts';

const CEF = 'CEF:0|ReconLens|ReconLens|0.1.0|2021|User and Group membership reconnaissance (SAMR)|5|msg=a=b\\|c';
/** RFC 5424 HEADER: <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD MSG */
const RFC5424 = /^<(\d{1,3})>1 (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) ([\x21-\x7e]{1,255}) ([\x21-\x7e]{1,48}) ([\x21-\x7e]{1,128}) ([\x21-\x7e]{1,32}) - (.*)$/s;

test('syslog targets are parsed strictly', () => {
  assert.deepEqual(parseSyslogTarget('udp://127.0.0.1:514'), { protocol: 'udp', host: '127.0.0.1', port: 514 });
  assert.deepEqual(parseSyslogTarget('tcp://siem.example:6514'), { protocol: 'tcp', host: 'siem.example', port: 6514 });
  for (const bad of ['127.0.0.1:514', 'http://x:1', 'udp://x', 'udp://x:0', 'udp://x:70000', 'tcp://x:1/path', 'nonsense']) {
    assert.throws(() => parseSyslogTarget(bad), /--syslog/, bad);
  }
});

test('messages are RFC 5424 with the CEF line as MSG', () => {
  const m = formatSyslog({ msg: CEF, cefSeverity: 5, time: new Date('2026-01-02T03:04:05.678Z'), host: 'sensor 1', procId: 42 });
  const r = RFC5424.exec(m);
  assert.ok(r, m);
  assert.equal(Number(r[1]), 20 * 8 + 4, 'local4.warning for a medium alert');
  assert.equal(r[2], '2026-01-02T03:04:05.678Z');
  assert.equal(r[3], 'sensor1', 'spaces are not allowed in HOSTNAME');
  assert.equal(r[4], 'reconlens');
  assert.equal(r[7], CEF);
  assert.equal(RFC5424.exec(formatSyslog({ msg: 'x', cefSeverity: 3 }))?.[1], String(20 * 8 + 5));
  assert.equal(RFC5424.exec(formatSyslog({ msg: 'x', cefSeverity: 10 }))?.[1], String(20 * 8 + 2));
});

test('octet counting counts bytes, not characters', () => {
  assert.equal(octetCounted('é').toString('utf8'), '2 é');
});

test('UDP: one datagram per message', async () => {
  const rx = createSocket('udp4');
  rx.bind(0, '127.0.0.1');
  await once(rx, 'listening');
  const got: string[] = [];
  const all = new Promise<void>((resolve) =>
    rx.on('message', (m) => {
      got.push(m.toString('utf8'));
      if (got.length === 3) resolve();
    }),
  );
  const sender = createSyslogSender({ protocol: 'udp', host: '127.0.0.1', port: (rx.address() as AddressInfo).port });
  for (let i = 0; i < 3; i++) sender.send(formatSyslog({ msg: `${CEF} n=${i}`, cefSeverity: 5 }));
  await all;
  await sender.close();
  rx.close();
  assert.equal(sender.failures, 0);
  for (const m of got) assert.match(m, RFC5424);
  assert.deepEqual(got.map((m) => /n=(\d)$/.exec(m)?.[1]).sort(), ['0', '1', '2']);
});

test('TCP: octet-counted frames that reassemble whatever the segmentation', async () => {
  const received: Buffer[] = [];
  const server = createServer((s) => s.on('data', (d: Buffer) => received.push(d)));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const closed = new Promise<void>((resolve) => server.on('connection', (s) => s.on('close', () => resolve())));
  const sender = createSyslogSender({ protocol: 'tcp', host: '127.0.0.1', port: (server.address() as AddressInfo).port });
  const sent = [0, 1, 2, 3].map((i) => formatSyslog({ msg: `${CEF} line\nbreak é ${i}`, cefSeverity: 5 }));
  for (const m of sent) sender.send(m);
  await sender.close();
  await closed;
  server.close();
  // Parse the octet-counted stream: LEN SP MSG ...
  const buf = Buffer.concat(received);
  const frames: string[] = [];
  for (let off = 0; off < buf.length; ) {
    const sp = buf.indexOf(0x20, off);
    const len = Number(buf.subarray(off, sp).toString('ascii'));
    assert.ok(Number.isInteger(len) && len > 0, `bad frame length at ${off}`);
    frames.push(buf.subarray(sp + 1, sp + 1 + len).toString('utf8'));
    off = sp + 1 + len;
  }
  assert.deepEqual(frames, sent);
  assert.ok(frames.every((f) => !f.includes('\n')), 'newlines in MSG are flattened');
});

test('TCP: a SIEM that is down is reported once, never thrown', async () => {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  const errors: Error[] = [];
  const sender = createSyslogSender({ protocol: 'tcp', host: '127.0.0.1', port }, (e) => errors.push(e));
  sender.send('a');
  sender.send('b');
  await sender.close();
  assert.equal(errors.length, 1);
  assert.match(errors[0]!.message, /syslog tcp:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/);
});

test('JSONL: one object per line, appended', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-jsonl-'));
  try {
    const file = join(dir, 'sub', 'alerts.jsonl');
    new JsonlWriter(file).write({ id: 1, title: 'a\nb' });
    new JsonlWriter(file).write({ id: 2 });
    const lines = readFileSync(file, 'utf8').split('\n');
    assert.equal(lines.pop(), '');
    assert.deepEqual(lines.map((l) => JSON.parse(l)), [{ id: 1, title: 'a\nb' }, { id: 2 }]);
    assert.throws(() => new JsonlWriter(join(dir, 'sub', 'alerts.jsonl', 'x')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
