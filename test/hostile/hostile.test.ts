/**
 * Hostile whole files through the real CLI import (issue 8): each must finish within the time cap,
 * under the heap cap (the child would die of it) and the RSS cap, complete, and count its damage.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { importFile, tempDir, writeFile, describe, RSS_CAP_MB } from './support.ts';
import { pcapHeader, record, ethTcp, ethUdp, ethernet, ipv4 } from './frames.ts';
import { pdu, bindBody, requestBody } from '../dcerpc/support/build.ts';

const tmp = tempDir();
after(() => tmp.cleanup());

function assertFinished(r: ReturnType<typeof importFile>): void {
  console.log(`# ${describe(r).split('\n')[0]}`);
  assert.equal(r.status, 0, describe(r));
  assert.equal(r.capture.status, 'complete', describe(r));
  assert.ok(r.rssMb === 0 || r.rssMb < RSS_CAP_MB, `peak RSS ${r.rssMb} MB over ${RSS_CAP_MB} MB\n${describe(r)}`);
}

test('a pcap whose records claim 4 GB: skipped and counted, the rest read', { timeout: 60_000 }, () => {
  const good = ethUdp({ src: '10.0.0.5', dst: '10.0.0.53', sport: 5353, dport: 53, payload: Buffer.alloc(40) });
  const parts = [pcapHeader()];
  for (let i = 0; i < 1000; i++) parts.push(record(good, i));
  // A record that claims 4 GB - 1 of data, then the file simply ends (the reader must skip by length,
  // never allocate or wait for 4 GB).
  parts.push(record(Buffer.alloc(64, 0x41), 1000, 0xffffffff));
  const r = importFile(tmp.dir, writeFile(tmp.dir, 'claims-4gb.pcap', parts));
  assertFinished(r);
  assert.equal(r.capture.packets, 1001, describe(r));
  assert.ok((r.capture.skipped['caplen-too-large'] ?? 0) >= 1, describe(r));
});

test('a pcapng with 10^6 interface description blocks', { timeout: 60_000 }, () => {
  const shb = Buffer.alloc(28);
  shb.writeUInt32LE(0x0a0d0d0a, 0);
  shb.writeUInt32LE(28, 4);
  shb.writeUInt32LE(0x1a2b3c4d, 8);
  shb.writeUInt16LE(1, 12);
  shb.writeInt32LE(-1, 16);
  shb.writeInt32LE(-1, 20);
  shb.writeUInt32LE(28, 24);
  const idb = Buffer.alloc(20);
  idb.writeUInt32LE(1, 0);
  idb.writeUInt32LE(20, 4);
  idb.writeUInt16LE(1, 8);
  idb.writeUInt32LE(262144, 12);
  idb.writeUInt32LE(20, 16);
  const n = 1_000_000;
  const body = Buffer.alloc(n * 20);
  for (let i = 0; i < n; i++) idb.copy(body, i * 20);
  // One packet on the last interface, one on an interface that does not exist.
  const epb = (ifid: number, data: Buffer): Buffer => {
    const pad = (4 - (data.length % 4)) % 4;
    const b = Buffer.alloc(32 + data.length + pad);
    b.writeUInt32LE(6, 0);
    b.writeUInt32LE(b.length, 4);
    b.writeUInt32LE(ifid, 8);
    b.writeUInt32LE(data.length, 20);
    b.writeUInt32LE(data.length, 24);
    data.copy(b, 28);
    b.writeUInt32LE(b.length, b.length - 4);
    return b;
  };
  const pkt = ethUdp({ src: '10.0.0.5', dst: '10.0.0.53', sport: 5353, dport: 53, payload: Buffer.alloc(20) });
  const r = importFile(tmp.dir, writeFile(tmp.dir, 'million-interfaces.pcapng', [shb, body, epb(n - 1, pkt), epb(0xfffffff0, pkt)]));
  assertFinished(r);
  assert.ok((r.capture.skipped['unknown-interface'] ?? 0) + (r.capture.skipped['too-many-interfaces'] ?? 0) >= 1, describe(r));
});

test('a TCP stream of endless out-of-order segments (never fills its hole)', { timeout: 60_000 }, () => {
  const parts = [pcapHeader()];
  const c = { src: '10.0.0.66', dst: '10.0.0.10', sport: 49999, dport: 445 };
  parts.push(record(ethTcp({ ...c, flags: 'S', seq: 1000 }), 0));
  const payload = Buffer.alloc(400, 0x42);
  const n = 60_000;
  for (let i = 1; i <= n; i++) parts.push(record(ethTcp({ ...c, flags: 'A', seq: 1001 + 1000 + i * 401, payload }), i));
  const r = importFile(tmp.dir, writeFile(tmp.dir, 'endless-ooo.pcap', parts));
  assertFinished(r);
  assert.ok(Number(r.capture.blindSpots['tcpGaps'] ?? 0) >= 1, describe(r));
});

test('a DCE/RPC fragment chain that never sets LAST', { timeout: 60_000 }, () => {
  const parts = [pcapHeader()];
  const c = { src: '10.0.0.66', dst: '10.0.0.10', sport: 49998, dport: 135 };
  let seq = 5000;
  let i = 0;
  const send = (payload: Buffer): void => {
    parts.push(record(ethTcp({ ...c, flags: 'PA', seq, payload }), i++));
    seq += payload.length;
  };
  parts.push(record(ethTcp({ ...c, flags: 'S', seq: seq - 1 }), i++));
  send(pdu(11, 1, bindBody([{ id: 0, uuid: '12345778-1234-abcd-ef00-0123456789ac' }])));
  const frag = pdu(0, 2, requestBody(0, 17, Buffer.alloc(1400, 0x33)), 0x00);
  send(pdu(0, 2, requestBody(0, 17, Buffer.alloc(1400, 0x33)), 0x01));
  for (let k = 0; k < 12_000; k++) send(frag); // ~17 MB of stub, over the 4 MiB stub cap
  const r = importFile(tmp.dir, writeFile(tmp.dir, 'endless-rpc-fragments.pcap', parts));
  assertFinished(r);
  const errors = Object.entries(r.decodeErrors).filter(([k]) => k.startsWith('dcerpc'));
  assert.ok(errors.length >= 1, `no dcerpc decode error counted\n${describe(r)}`);
});

test('an IP fragment flood (distinct ids, and one datagram of endless repeated fragments)', { timeout: 60_000 }, () => {
  const parts = [pcapHeader()];
  let i = 0;
  const udp = Buffer.concat([Buffer.from([0x13, 0x88, 0x00, 0x58, 0x00, 0x30, 0, 0]), Buffer.alloc(40, 0x44)]);
  for (let id = 0; id < 100_000; id++) parts.push(record(ethernet(ipv4('10.0.0.7', '10.0.0.53', 17, udp.subarray(0, 16), { id: id & 0xffff, fragOffset: 0, moreFragments: true })), i++));
  // One datagram: its last fragment first, then 150 000 fragments that never complete it.
  parts.push(record(ethernet(ipv4('10.0.0.8', '10.0.0.88', 17, udp.subarray(0, 8), { id: 7, fragOffset: 64, moreFragments: false })), i++));
  for (let k = 0; k < 150_000; k++) parts.push(record(ethernet(ipv4('10.0.0.8', '10.0.0.88', 17, k % 2 ? Buffer.alloc(0) : udp.subarray(0, 8), { id: 7, fragOffset: 16, moreFragments: true })), i++));
  const r = importFile(tmp.dir, writeFile(tmp.dir, 'fragment-flood.pcap', parts));
  assertFinished(r);
  assert.equal(r.capture.packets, i, describe(r));
  assert.ok((r.capture.skipped['fragments-dropped'] ?? 0) >= 1, describe(r));
});

test('a Kerberos TCP record marker of 2^31 (and one of 2^31 - 1)', { timeout: 60_000 }, () => {
  const parts = [pcapHeader()];
  const c = { src: '10.0.0.66', dst: '10.0.0.10', sport: 49997, dport: 88 };
  let seq = 9000;
  let i = 0;
  const send = (payload: Buffer): void => {
    parts.push(record(ethTcp({ ...c, flags: 'PA', seq, payload }), i++));
    seq += payload.length;
  };
  parts.push(record(ethTcp({ ...c, flags: 'S', seq: seq - 1 }), i++));
  send(Buffer.from([0x80, 0, 0, 0]));
  for (let k = 0; k < 10_000; k++) send(Buffer.alloc(1400, 0x6a));
  const r = importFile(tmp.dir, writeFile(tmp.dir, 'kerberos-marker-2-31.pcap', parts));
  assertFinished(r);
  const errors = Object.entries(r.decodeErrors).filter(([k]) => k.startsWith('kerberos'));
  assert.ok(errors.length >= 1, `no kerberos decode error counted\n${describe(r)}`);

  const parts2 = [pcapHeader()];
  seq = 9000;
  i = 0;
  parts.length = 0;
  parts2.push(record(ethTcp({ ...c, sport: 49996, flags: 'S', seq: seq - 1 }), i++));
  for (const p of [Buffer.from([0x7f, 0xff, 0xff, 0xff]), ...Array<Buffer>(10_000).fill(Buffer.alloc(1400, 0x6a))]) {
    parts2.push(record(ethTcp({ ...c, sport: 49996, flags: 'PA', seq, payload: p }), i++));
    seq += p.length;
  }
  const r2 = importFile(tmp.dir, writeFile(tmp.dir, 'kerberos-marker-2-31-minus-1.pcap', parts2));
  assertFinished(r2);
  assert.ok(Object.keys(r2.decodeErrors).some((k) => k.startsWith('kerberos')), describe(r2));
});

test('a flood of new conversations (60 000 TCP connections to 445, 60 000 UDP flows to 53: three times the TCP cap, over the UDP cap)', { timeout: 60_000 }, () => {
  const parts = [pcapHeader()];
  let i = 0;
  // An SMB2 NEGOTIATE request behind its NetBIOS length: each connection opens a real SMB dissector.
  const smb = Buffer.alloc(4 + 64 + 36);
  smb.writeUInt32BE(64 + 36, 0);
  smb.writeUInt32LE(0x424d53fe, 4);
  smb.writeUInt16LE(64, 8);
  smb.writeUInt16LE(36, 68);
  const dns = Buffer.from('abcd01000001000000000000036463310000010001', 'hex');
  for (let k = 0; k < 60_000; k++) {
    const src = `10.${1 + ((k >> 16) & 0xff)}.${(k >> 8) & 0xff}.${k & 0xff}`;
    parts.push(record(ethTcp({ src, dst: '10.0.0.10', sport: 40000 + (k % 20000), dport: 445, flags: 'PA', seq: 1, payload: smb }), i++));
    parts.push(record(ethUdp({ src, dst: '10.0.0.53', sport: 30000 + (k % 30000), dport: 53, payload: dns }), i++));
  }
  const r = importFile(tmp.dir, writeFile(tmp.dir, 'conversation-flood.pcap', parts));
  assertFinished(r);
  assert.equal(r.capture.packets, i, describe(r));
  // Going over the cap is shown in the report, not silent.
  assert.ok(Number(r.decodeErrors['flow: conversations evicted at the flow-table cap'] ?? 0) > 0, describe(r));
});

test('IP fragments lying past the end the last fragment set (a crash before the fix)', { timeout: 60_000 }, () => {
  const parts = [pcapHeader()];
  const body = Buffer.alloc(24, 0x55);
  const frag = (fragOffset: number, more: boolean, data: Buffer): Buffer => ethernet(ipv4('10.0.0.9', '10.0.0.53', 17, data, { id: 99, fragOffset, moreFragments: more }));
  // Bytes 0..24 and 24..32, then a "last" fragment at 8..16: the datagram ends at 16, covered
  // without a hole, with a fragment starting past its end.
  parts.push(record(frag(0, true, body), 0), record(frag(24, true, body.subarray(0, 8)), 1), record(frag(8, false, body.subarray(0, 8)), 2));
  const r = importFile(tmp.dir, writeFile(tmp.dir, 'fragment-past-end.pcap', parts));
  assertFinished(r);
  assert.equal(r.capture.packets, 3, describe(r));
});
