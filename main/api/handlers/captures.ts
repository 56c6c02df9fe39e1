/** captures.* and sample.*: list, import report, imports (through the ImportRunner), delete, re-run. */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { captureActivityKinds, captureAlertIds, captureById, captureHash, captureHosts, capturePath, listCaptures, markSample, relocateCapture, sampleCaptureIds } from '../../../db/ui/captures.ts';
import { deleteCapture } from '../../../db/captures.ts';
import { SUMMARIZERS } from '../../detectors/index.ts';
import { ApiError, type Handlers } from '../contract.ts';
import type { HandlerDeps } from '../deps.ts';
import type { ImportJob } from '../schema/captures.ts';
import { toCaptureRow } from './captures-map.ts';
import { analystName, json } from './util.ts';

async function sha256(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

type CaptureHandlers = Pick<
  Handlers,
  'captures.list' | 'captures.report' | 'captures.relocate' | 'captures.importStart' | 'captures.importStatus' | 'captures.importCancel' | 'captures.delete' | 'captures.rerun' | 'sample.open' | 'sample.remove'
>;

const entries = (o: Record<string, unknown>) => Object.entries(o).filter((e): e is [string, number] => typeof e[1] === 'number');

export function captureHandlers(deps: HandlerDeps): CaptureHandlers {
  const { db } = deps;
  const start = (paths: string[], forensic: boolean, sample = false) => {
    for (const p of paths) if (!existsSync(p)) throw new ApiError(400, `File not found: ${p}`);
    const onFinished = sample ? (job: ImportJob) => job.captureIds.forEach((id) => markSample(db, id)) : undefined;
    return { jobId: deps.imports.start({ paths, forensic, sample }, onFinished) };
  };
  return {
    'captures.list': async () => listCaptures(db).map(toCaptureRow),
    'captures.report': async ({ id }) => {
      const c = captureById(db, id);
      if (!c) throw new ApiError(404, `Capture ${id} not found`);
      const frames = json<Record<string, unknown>>(c.skipped_frames, {});
      const roles = captureHosts(db, id);
      return {
        capture: toCaptureRow(c),
        linkTypes: json<unknown[]>(c.link_types, []).filter((x): x is number => typeof x === 'number'),
        bytes: c.bytes,
        skipped: entries(json(c.skipped, {})).map(([reason, count]) => {
          const f = frames[reason];
          return { reason, count, frames: Array.isArray(f) ? f.filter((x): x is number => typeof x === 'number') : [] };
        }),
        blindSpots: entries(json(c.blind_spots, {})).map(([kind, count]) => ({ kind, count })),
        blindPairs: Object.entries(json<Record<string, unknown>>(c.blind_pairs, {})).map(([pair, v]) => ({ pair, counts: Object.fromEntries(entries(typeof v === 'object' && v ? (v as Record<string, unknown>) : {})) })),
        decodeErrors: entries(json(c.decode_errors, {})).map(([reason, count]) => ({ reason, count })),
        protocols: entries(json(c.protocols, {})).map(([protocol, packets]) => ({ protocol, packets })),
        activities: Object.fromEntries(captureActivityKinds(db, id).map((k) => [k.kind, k.n])),
        dcs: roles.dcs,
        dnsServers: roles.dnsServers,
        hosts: roles.hosts,
        noDcSeen: roles.dcs.length === 0,
        alertIds: captureAlertIds(db, id),
      };
    },
    'captures.importStart': async ({ paths, forensic }) => start(paths, forensic),
    'captures.importStatus': async () => ({ jobs: deps.imports.status() }),
    'captures.importCancel': async ({ jobId }) => {
      if (!deps.imports.cancel(jobId)) throw new ApiError(409, `Import ${jobId} is not running`);
      return { ok: true as const };
    },
    'captures.delete': async ({ id }) => {
      if (!capturePath(db, id)) throw new ApiError(404, `Capture ${id} not found`);
      const removed = deleteCapture(db, id, SUMMARIZERS).alertsDeleted.length;
      return { message: `Capture deleted${removed ? `, ${removed} alert${removed > 1 ? 's' : ''} without other evidence removed` : ''}`, undoToken: null };
    },
    'captures.rerun': async ({ id }) => {
      const c = capturePath(db, id);
      if (!c) throw new ApiError(404, `Capture ${id} not found`);
      if (!existsSync(c.file)) throw new ApiError(409, `Capture file moved: ${c.file}`);
      // The engine resumes an interrupted capture by its sha256 and never duplicates what is stored.
      return start([c.file], c.sample === 1, c.sample === 1);
    },
    'captures.relocate': async ({ id, path }) => {
      if (!capturePath(db, id)) throw new ApiError(404, `Capture ${id} not found`);
      if (!existsSync(path) || !statSync(path).isFile()) throw new ApiError(400, `File not found: ${path}`);
      // Frame numbers only mean something in the very same file: check its content, not its name.
      const known = captureHash(db, id);
      if (known && (await sha256(path)) !== known) throw new ApiError(409, 'That file is not the same capture (different content)');
      relocateCapture(db, id, path, analystName(deps));
      return { message: 'Capture located', undoToken: null };
    },
    'sample.open': async () => {
      if (!existsSync(deps.samplePath)) throw new ApiError(404, 'The sample capture is not bundled with this build');
      return start([deps.samplePath], true, true);
    },
    'sample.remove': async () => {
      const ids = sampleCaptureIds(db);
      for (const id of ids) deleteCapture(db, id, SUMMARIZERS);
      return { message: ids.length ? 'Sample data removed' : 'No sample data', undoToken: null };
    },
  };
}
