/**
 * When a flow map is full, the least recently active tenth goes (one sort per tenth of the cap,
 * so the cost per new flow stays logarithmic even under a flood of new connections).
 */
import type { PacketMeta } from '../engine/dissector.ts';

interface Evictable {
  lastTs: number;
  ended: boolean;
  end?(meta: PacketMeta | null): void;
}

/** Evict the oldest ~10% of `flows`; `endFn` ends an entry (default: its own end()). Returns how many went. */
export function evictLeastRecent<T extends Evictable>(flows: Map<string, T>, endFn: ((x: T) => void) | null): number {
  const times = [...flows.values()].map((f) => f.lastTs).sort((a, b) => a - b);
  const cut = times[Math.max(0, Math.floor(times.length / 10) - 1)] ?? -Infinity;
  let n = 0;
  for (const [k, f] of flows) {
    if (f.lastTs > cut) continue;
    if (endFn) endFn(f);
    else f.end?.(null);
    flows.delete(k);
    n++;
  }
  return n;
}
