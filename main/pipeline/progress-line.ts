/** One self-overwriting progress line on a terminal (stderr), redrawn at most 5 times a second. */
import type { Writable } from 'node:stream';

export interface ProgressInfo {
  file: string;
  fileIndex: number;
  files: number;
  size: number;
  bytes: number;
  packets: number;
  alerts: number;
}

export class ProgressLine {
  private last = 0;
  private shown = false;

  constructor(private readonly out: Writable & { columns?: number }) {}

  update(p: ProgressInfo): void {
    const now = Date.now();
    if (now - this.last < 200) return;
    this.last = now;
    const pct = p.size > 0 ? Math.min(100, Math.floor((p.bytes / p.size) * 100)) : 0;
    const name = p.file.length > 40 ? `…${p.file.slice(-39)}` : p.file;
    const line = `${p.files > 1 ? `[${p.fileIndex + 1}/${p.files}] ` : ''}${name}  ${pct}%  ${(p.bytes / 1e6).toFixed(1)} MB  ${p.packets} packets  ${p.alerts} alerts`;
    const width = (this.out.columns ?? 100) - 1;
    this.out.write(`\r${line.slice(0, width).padEnd(Math.min(width, 100))}`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown) this.out.write('\r\x1b[K');
    this.shown = false;
  }
}
