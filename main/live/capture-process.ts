/**
 * One running capture tool: `dumpcap -i IF -w - -n [-f BPF]` (pcapng) or, without dumpcap,
 * `tcpdump -i IF -w - -U [BPF]` (pcap). Its stdout is the capture stream; its stderr carries the
 * counters it reports (dumpcap: live "Packets: N" and the received/dropped line at stop; tcpdump:
 * the three counters at stop). Stopping sends SIGINT so the tool flushes and prints them.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { classifyToolError, INSTALL_FIX, LiveCaptureError, type CaptureTool } from './tools.ts';

export interface ToolStats {
  /** Packets the tool says it captured (live for dumpcap, at stop for tcpdump). */
  captured: number | null;
  /** Packets the OS handed to the capture filter. */
  received: number | null;
  /** Dropped by the kernel (buffer full), by the interface/driver, and by the tool itself. */
  droppedKernel: number | null;
  droppedInterface: number | null;
  droppedTool: number | null;
}

export const emptyToolStats = (): ToolStats => ({ captured: null, received: null, droppedKernel: null, droppedInterface: null, droppedTool: null });

/** Update stats from the tool's stderr text (the whole text so far; the last figure wins). */
export function parseToolStats(tool: CaptureTool, text: string, into: ToolStats = emptyToolStats()): ToolStats {
  const last = (re: RegExp): RegExpExecArray | null => {
    let m: RegExpExecArray | null = null;
    for (let x = re.exec(text); x; x = re.exec(text)) m = x;
    return m;
  };
  const num = (s: string | undefined): number | null => (s === undefined ? null : Number(s));
  if (tool === 'dumpcap') {
    const live = last(/Packets(?: captured)?: (\d+)/g);
    if (live) into.captured = num(live[1]);
    // "Packets received/dropped on interface 'lo': 6/0 (pcap:0/dumpcap:0/flushed:0/ps_ifdrop:0) (100.0%)"
    const fin = last(/received\/dropped on interface '[^']*': (\d+)\/(\d+)(?: \(pcap:(\d+)\/dumpcap:(\d+)\/flushed:(\d+)\/ps_ifdrop:(\d+)\))?/g);
    if (fin) {
      into.received = num(fin[1]);
      into.droppedKernel = num(fin[3]) ?? num(fin[2]);
      into.droppedTool = fin[4] === undefined ? null : Number(fin[4]) + Number(fin[5] ?? 0);
      into.droppedInterface = num(fin[6]);
    }
  } else {
    const cap = last(/(\d+) packets? captured/g);
    if (cap) into.captured = num(cap[1]);
    const rec = last(/(\d+) packets? received by filter/g);
    if (rec) into.received = num(rec[1]);
    const k = last(/(\d+) packets? dropped by kernel/g);
    if (k) into.droppedKernel = num(k[1]);
    const i = last(/(\d+) packets? dropped by interface/g);
    if (i) into.droppedInterface = num(i[1]);
  }
  return into;
}

export function toolArgs(tool: CaptureTool, iface: string, filter?: string): string[] {
  if (tool === 'dumpcap') return ['-i', iface, '-w', '-', '-n', ...(filter ? ['-f', filter] : [])];
  // -U: write each packet as it arrives (no 4 KB stdio buffering), so detection is not delayed.
  return ['-i', iface, '-w', '-', '-U', '-n', ...(filter ? [filter] : [])];
}

export interface RunningTool {
  tool: CaptureTool;
  stdout: Readable;
  stats: ToolStats;
  /** Resolves when the tool exited; rejects with a LiveCaptureError when it failed to capture. */
  done: Promise<ToolStats>;
  /** Ask the tool to stop (SIGINT: it flushes and prints its counters). */
  stop(): void;
}

export function startTool(tool: CaptureTool, path: string, iface: string, filter?: string, onStats?: (s: ToolStats) => void): RunningTool {
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(path, toolArgs(tool, iface, filter), { stdio: ['ignore', 'pipe', 'pipe'] });
  const stats = emptyToolStats();
  let stderr = '';
  let stopping = false;
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => {
    // Keep the tail only: dumpcap rewrites "Packets: N" for as long as it runs.
    stderr = (stderr + s).slice(-16384);
    parseToolStats(tool, stderr, stats);
    onStats?.(stats);
  });
  const done = new Promise<ToolStats>((resolve, reject) => {
    child.on('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'ENOENT' ? new LiveCaptureError('no-tool', `${tool} not found at ${path}`, INSTALL_FIX) : classifyToolError(tool, path, err.message, iface));
    });
    child.on('close', (code, signal) => {
      parseToolStats(tool, stderr, stats);
      // A tool stopped by us exits 0 (or by the signal); anything else is a failure to report.
      const stoppedByUs = stopping && (signal === 'SIGINT' || signal === 'SIGTERM' || /received\/dropped|packets captured/.test(stderr));
      if (code === 0 || stoppedByUs) return resolve(stats);
      reject(classifyToolError(tool, path, stderr || `exit code ${code ?? signal}`, iface));
    });
  });
  return {
    tool,
    stdout: child.stdout,
    stats,
    done,
    stop() {
      if (stopping || child.exitCode !== null) return;
      stopping = true;
      child.kill('SIGINT');
    },
  };
}
