/**
 * The capture tools live capture runs: dumpcap (Wireshark's capture engine) or tcpdump. We never
 * open raw sockets ourselves; these tools already hold the capture capabilities on a configured
 * machine, and both write a standard capture to stdout that the streaming reader parses.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export type CaptureTool = 'dumpcap' | 'tcpdump';

export interface LiveInterface {
  /** Name to pass to -i (eth0, enp3s0, \Device\NPF_{...} on Windows). */
  name: string;
  description: string;
  addresses: string[];
  loopback: boolean;
  /** Up/running as the tool reports it, null when it does not say. */
  up: boolean | null;
}

/** A problem an analyst can fix: `problem` says what, `fix` how; message is both on one line. */
export class LiveCaptureError extends Error {
  constructor(
    readonly code: 'no-tool' | 'permission' | 'no-interface' | 'tool-failed',
    readonly problem: string,
    readonly fix: string | null = null,
  ) {
    super(fix ? `${problem}; fix: ${fix}` : problem);
  }
}

export const INSTALL_FIX = 'install dumpcap (apt-get install wireshark-common) or tcpdump (apt-get install tcpdump)';
export function permissionFix(path: string): string {
  return `run as root, or grant the capture capability once: sudo setcap cap_net_raw,cap_net_admin+eip ${path}`;
}

/** Absolute path of a program on PATH (RECONLENS_DUMPCAP / RECONLENS_TCPDUMP override), or null. */
export function findTool(tool: CaptureTool, env: NodeJS.ProcessEnv = process.env): string | null {
  const override = env[tool === 'dumpcap' ? 'RECONLENS_DUMPCAP' : 'RECONLENS_TCPDUMP'];
  if (override) return isExecutable(override) ? override : null;
  const exe = process.platform === 'win32' ? `${tool}.exe` : tool;
  const dirs = (env['PATH'] ?? '').split(delimiter).filter(Boolean);
  // sbin is often not on a normal user's PATH, but that is where tcpdump lives.
  dirs.push('/usr/sbin', '/sbin', '/usr/bin', '/usr/local/bin', 'C:\\Program Files\\Wireshark');
  for (const d of dirs) {
    const p = join(d, exe);
    if (isExecutable(p)) return p;
  }
  return null;
}

function isExecutable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The tool to use: dumpcap first (it reports drops per interface), else tcpdump. */
export function pickTool(env: NodeJS.ProcessEnv = process.env): { tool: CaptureTool; path: string } {
  for (const tool of ['dumpcap', 'tcpdump'] as const) {
    const path = findTool(tool, env);
    if (path) return { tool, path };
  }
  throw new LiveCaptureError('no-tool', 'no capture tool found (dumpcap or tcpdump)', INSTALL_FIX);
}

/** `dumpcap -M -D`: "1. eth0<TAB>vendor<TAB>friendly<TAB>type<TAB>addr,addr<TAB>network|loopback". */
export function parseDumpcapInterfaces(text: string): LiveInterface[] {
  const out: LiveInterface[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\d+\.\s+(.*)$/.exec(line);
    if (!m) continue;
    const cols = (m[1] ?? '').split('\t');
    const name = cols[0]?.trim();
    if (!name) continue;
    const friendly = cols[2]?.trim() || cols[1]?.trim() || '';
    const addresses = (cols[4] ?? '').split(',').map((a) => a.trim()).filter(Boolean);
    out.push({ name, description: friendly, addresses, loopback: cols[5]?.trim() === 'loopback', up: null });
  }
  return out;
}

/** `tcpdump -D`: "1.eth0 [Up, Running, Connected]" or "2.any (Pseudo-device ...) [Up, Running]". */
export function parseTcpdumpInterfaces(text: string): LiveInterface[] {
  const out: LiveInterface[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\d+\.(\S+)(?:\s+\(([^)]*)\))?(?:\s+\[([^\]]*)\])?/.exec(line);
    if (!m || !m[1]) continue;
    const flags = (m[3] ?? '').split(',').map((f) => f.trim().toLowerCase());
    out.push({ name: m[1], description: m[2] ?? '', addresses: [], loopback: flags.includes('loopback'), up: m[3] ? flags.includes('up') : null });
  }
  return out;
}

export function listInterfaces(env: NodeJS.ProcessEnv = process.env): Promise<LiveInterface[]> {
  const { tool, path } = pickTool(env);
  const args = tool === 'dumpcap' ? ['-M', '-D'] : ['-D'];
  return new Promise((resolve, reject) => {
    execFile(path, args, { timeout: 15000, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) return reject(classifyToolError(tool, path, `${stderr}\n${err.message}`));
      resolve(tool === 'dumpcap' ? parseDumpcapInterfaces(stdout) : parseTcpdumpInterfaces(stdout));
    });
  });
}

/** Turn a tool's stderr into one line that says what went wrong and what to do. */
export function classifyToolError(tool: CaptureTool, path: string, stderr: string, iface?: string): LiveCaptureError {
  const text = stderr.replace(/\s+/g, ' ').trim();
  const on = iface ? ` on ${iface}` : '';
  if (/permission|not permitted/i.test(text)) return new LiveCaptureError('permission', `${tool} cannot capture${on}: permission denied`, permissionFix(path));
  if (/no (?:such )?device|no such device exists|doesn't exist|does not exist/i.test(text)) {
    return new LiveCaptureError('no-interface', `${tool}: no interface${iface ? ` named "${iface}"` : ' of that name'}`, 'list the interfaces with: reconlens live --list');
  }
  const first = stderr.split(/\r?\n/).map((l) => l.trim()).find((l) => l && !/^Capturing on|^File:|^tcpdump: listening/.test(l));
  return new LiveCaptureError('tool-failed', `${tool} failed: ${first ?? 'exit without a message'}`);
}
