/**
 * Write chosen frames of a capture to a pcapng. Uses Wireshark's editcap, which keeps frames by
 * number exactly as Wireshark numbers them (the engine's frame numbers follow the same rule).
 */
import { execFile } from 'node:child_process';

/** Collapse sorted frame numbers into editcap's "a-b" ranges, so long lists stay short on the command line. */
export function frameRanges(frames: number[]): string[] {
  const sorted = [...new Set(frames)].sort((a, b) => a - b);
  const out: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    const lo = sorted[i] as number;
    let hi = lo;
    while (i + 1 < sorted.length && sorted[i + 1] === hi + 1) hi = sorted[++i] as number;
    out.push(lo === hi ? String(lo) : `${lo}-${hi}`);
    i++;
  }
  return out;
}

/** editcap -r keeps (rather than drops) the listed frames; -F pcapng writes pcapng whatever the input. */
export function writeSlice(input: string, output: string, frames: number[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('editcap', ['-r', '-F', 'pcapng', input, output, ...frameRanges(frames)], { timeout: 120_000 }, (err, _out, stderr) => {
      if (err) reject(new Error(`editcap failed: ${String(stderr).trim() || err.message}`));
      else resolve();
    });
  });
}

/** Wireshark display filter for frames: frame.number in {1 2 5..9}. */
export function wiresharkFilter(frames: number[]): string {
  return `frame.number in {${frameRanges(frames).map((r) => r.replace('-', '..')).join(' ')}}`;
}
