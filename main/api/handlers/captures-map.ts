/** Capture rows from the store to the contract's shape. */
import type { CaptureRowDb } from '../../../db/ui/captures.ts';
import type { CaptureRow } from '../schema/captures.ts';
import { CaptureStatus } from '../schema/captures.ts';
import { baseName, json } from './util.ts';

const sum = (o: Record<string, unknown>) => Object.values(o).reduce<number>((n, v) => n + (typeof v === 'number' ? v : 0), 0);

export function toCaptureRow(r: CaptureRowDb): CaptureRow {
  return {
    id: r.id,
    file: r.file,
    name: baseName(r.file),
    size: r.size,
    format: r.format,
    live: r.live === 1,
    sample: r.sample === 1,
    packets: r.packets,
    firstPacket: r.first_packet,
    lastPacket: r.last_packet,
    status: CaptureStatus.parse(r.status),
    message: r.message,
    alerts: r.alerts,
    skipped: sum(json<Record<string, unknown>>(r.skipped, {})),
    blindSpots: sum(json<Record<string, unknown>>(r.blind_spots, {})),
    startedAt: r.started_at,
    durationMs: r.duration_ms,
  };
}
