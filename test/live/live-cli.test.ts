/**
 * `reconlens live` as a process in a namespace pair, with SIEM forwarding: the SAMR enumeration
 * replayed into the veth arrives as a syslog CEF message (UDP listener on 127.0.0.1) and a JSON
 * line, and SIGTERM then ends the run with the analyze-shaped JSON document.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { AddressInfo } from 'node:net';
import { findTool } from '../../main/live/tools.ts';
import { createNetnsPair, netnsUnavailable } from './netns.ts';

const root = join(import.meta.dirname, '..', '..');
const PCAP = '/work/shared/corpus/samr-enum-lab/net.exe_user__domain.pcapng';
const skipReason = netnsUnavailable() ?? (!findTool('dumpcap') ? 'dumpcap is not installed' : null) ?? (!existsSync(PCAP) ? `corpus file missing: ${PCAP}` : null);
if (skipReason) console.log(`# live-cli skipped: ${skipReason}`);
const work = mkdtempSync(join(tmpdir(), 'rl-live-cli-'));
after(() => rmSync(work, { recursive: true, force: true }));

const cli = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawn(process.execPath, ['--import', 'tsx', join(root, 'main', 'cli', 'entry.ts'), 'live', ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });

test('live --json --syslog --jsonl forwards the alert as it is raised', { skip: skipReason ?? false, timeout: 120_000 }, async () => {
  const ns = createNetnsPair(`c${process.pid}`);
  const rx = createSocket('udp4');
  try {
    rx.bind(0, '127.0.0.1');
    await once(rx, 'listening');
    const jsonl = join(work, 'alerts.jsonl');
    const child = cli(
      ['--interface', ns.ifB, '--db', join(work, 'live.db'), '--json', '--learning', '0', '--dc', '192.168.11.11', '--syslog', `udp://127.0.0.1:${(rx.address() as AddressInfo).port}`, '--jsonl', jsonl],
      { ...process.env, RECONLENS_DUMPCAP: ns.wrapper(work, ns.b, 'dumpcap') },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const errLines = createInterface({ input: child.stderr });
    errLines.on('line', (l) => (stderr += `${l}\n`));
    const syslog = once(rx, 'message') as Promise<[Buffer]>;
    while (!/capturing on/.test(stderr)) await once(errLines, 'line');
    const replay = spawn('ip', ['netns', 'exec', ns.a, 'tcpreplay', '-q', '-i', ns.ifA, PCAP], { stdio: 'ignore' });
    assert.equal((await once(replay, 'exit'))[0], 0);
    const [msg] = await syslog;
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 0, stderr);
    const text = msg.toString('utf8');
    assert.match(text, /^<\d+>1 \S+ \S+ reconlens \d+ RL2021 - CEF:0\|ReconLens\|ReconLens\|[^|]+\|SamrReconnaissanceSecurityAlert\|/);
    assert.match(text, /src=192\.168\.11\.101/);
    const lines = readFileSync(jsonl, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { detection: string; source: { ip: string } });
    assert.ok(lines.some((a) => a.detection === '2021' && a.source.ip === '192.168.11.101'), readFileSync(jsonl, 'utf8'));
    const doc = JSON.parse(stdout) as { captures: { live?: boolean; status: string }[]; alerts: { detection: string; source: { ip: string }; target: { ip: string } }[]; hosts: unknown[] };
    assert.equal(doc.captures.length, 1);
    assert.equal(doc.captures[0]!.status, 'complete');
    assert.deepEqual(doc.alerts.map((a) => `${a.detection} ${a.source.ip} ${a.target.ip}`), ['2021 192.168.11.101 192.168.11.11']);
    assert.ok(Array.isArray(doc.hosts));
  } finally {
    rx.close();
    ns.destroy();
  }
});

test('live: a bad interface, a bad --syslog or a missing tool is one line and exit 2', async () => {
  const cases: [string[], RegExp, NodeJS.ProcessEnv?][] = [
    [['--interface', 'lo', '--db', join(work, 'x.db'), '--syslog', 'http://x:1'], /^reconlens: --syslog protocol must be udp or tcp/],
    [['--db', join(work, 'x.db')], /^reconlens: live needs --interface IF/],
    [['--interface', 'lo', '--duration', 'soon'], /^reconlens: --duration: 'soon' is not a duration/],
    [['--interface', 'lo', '--db', join(work, 'x.db')], /^reconlens: no capture tool found .*apt-get install wireshark-common/, { ...process.env, PATH: '/nonexistent', RECONLENS_DUMPCAP: '/nonexistent/d', RECONLENS_TCPDUMP: '/nonexistent/t' }],
  ];
  if (findTool('dumpcap')) cases.push([['--interface', 'rl-nope0', '--db', join(work, 'x.db')], /^reconlens: dumpcap: no interface named "rl-nope0"/]);
  for (const [args, re, env] of cases) {
    const child = cli(args, env);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.resume();
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
    assert.match(stderr, re);
    assert.equal(stderr.trim().split('\n').length, 1, stderr);
  }
});
