import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { classifyToolError, findTool, parseDumpcapInterfaces, parseTcpdumpInterfaces, pickTool } from '../../main/live/tools.ts';
import { parseToolStats, startTool } from '../../main/live/capture-process.ts';

test('parses dumpcap -M -D', () => {
  const out = '1. eth0\t\t\t0\t192.0.2.2,fd00::2\tnetwork\t\n2. any\t\t\t0\t\tnetwork\t\n3. lo\t\tLoopback\t0\t127.0.0.1,::1\tloopback\t\n';
  const list = parseDumpcapInterfaces(out);
  assert.deepEqual(list.map((i) => i.name), ['eth0', 'any', 'lo']);
  assert.deepEqual(list[0]!.addresses, ['192.0.2.2', 'fd00::2']);
  assert.equal(list[2]!.loopback, true);
  assert.equal(list[2]!.description, 'Loopback');
});

test('parses tcpdump -D', () => {
  const list = parseTcpdumpInterfaces('1.eth0 [Up, Running, Connected]\n2.any (Pseudo-device that captures on all interfaces) [Up, Running]\n3.lo [Up, Running, Loopback]\n4.nflog (Linux netfilter log (NFLOG) interface) [none]\n');
  assert.deepEqual(list.map((i) => i.name), ['eth0', 'any', 'lo', 'nflog']);
  assert.equal(list[1]!.description, 'Pseudo-device that captures on all interfaces');
  assert.equal(list[2]!.loopback, true);
  assert.equal(list[0]!.up, true);
});

test('dumpcap and tcpdump counters are read as the tools print them', () => {
  const d = parseToolStats('dumpcap', "Capturing on 'lo'\nFile: -\n\rPackets: 6 \rPackets captured: 9\nPackets received/dropped on interface 'Loopback: lo': 12/3 (pcap:2/dumpcap:1/flushed:0/ps_ifdrop:4) (75.0%)\n");
  assert.deepEqual(d, { captured: 9, received: 12, droppedKernel: 2, droppedInterface: 4, droppedTool: 1 });
  const t = parseToolStats('tcpdump', 'tcpdump: listening on eth0\n10 packets captured\n11 packets received by filter\n1 packet dropped by kernel\n0 packets dropped by interface\n');
  assert.deepEqual(t, { captured: 10, received: 11, droppedKernel: 1, droppedInterface: 0, droppedTool: null });
});

test('tool errors become one line with the fix', () => {
  const perm = classifyToolError('dumpcap', '/usr/bin/dumpcap', 'dumpcap: You do not have permission to capture on device "eth1".\n(socket: Operation not permitted)\n', 'eth1');
  assert.equal(perm.code, 'permission');
  assert.match(perm.message, /^dumpcap cannot capture on eth1: permission denied; fix: .*setcap cap_net_raw,cap_net_admin\+eip \/usr\/bin\/dumpcap/);
  assert.doesNotMatch(perm.message, /\n/);
  const dev = classifyToolError('dumpcap', '/usr/bin/dumpcap', 'dumpcap: There is no device named "nosuch".\n(No such device exists)\n', 'nosuch');
  assert.equal(dev.code, 'no-interface');
  const none = (() => {
    try {
      pickTool({ PATH: '/nonexistent', RECONLENS_DUMPCAP: '/nonexistent/dumpcap', RECONLENS_TCPDUMP: '/nonexistent/tcpdump' });
    } catch (e) {
      return e as Error;
    }
    return null;
  })();
  assert.match(none?.message ?? '', /apt-get install wireshark-common/);
});

test('a real dumpcap on lo reports the packets it captured when stopped', async (t) => {
  const path = findTool('dumpcap');
  if (!path) return t.skip('dumpcap is not installed');
  if (process.getuid?.() !== 0) return t.skip('capturing on lo needs root or cap_net_raw');
  const tool = startTool('dumpcap', path, 'lo', 'udp and dst port 39999');
  const chunks: Buffer[] = [];
  tool.stdout.on('data', (c: Buffer) => chunks.push(c));
  await once(tool.stdout, 'readable'); // the pcapng header arrives once capturing has begun
  const sock = createSocket('udp4');
  for (let i = 0; i < 5; i++) sock.send(`ping ${i}`, 39999, '127.0.0.1');
  // Wait until the five packets came through the pipe (each EPB carries the payload text).
  while (!Buffer.concat(chunks).includes('ping 4')) await once(tool.stdout, 'data');
  sock.close();
  tool.stop();
  const stats = await tool.done;
  assert.ok((stats.received ?? 0) >= 5, JSON.stringify(stats));
  assert.equal(stats.droppedKernel, 0);
  assert.equal(Buffer.concat(chunks).readUInt32BE(0), 0x0a0d0d0a, 'pcapng on stdout');
});

test('a capture on a missing interface fails with a clear error', async (t) => {
  const path = findTool('dumpcap');
  if (!path) return t.skip('dumpcap is not installed');
  const tool = startTool('dumpcap', path, 'rl-no-such-if0');
  tool.stdout.resume();
  await assert.rejects(tool.done, /no interface named "rl-no-such-if0"/);
});
