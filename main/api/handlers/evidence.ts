/** evidence.*: save the alert's evidence frames as a pcapng slice; open them in Wireshark. */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { alertFrames } from '../../../db/ui/alert-detail.ts';
import { ApiError, type Handlers } from '../contract.ts';
import type { HandlerDeps } from '../deps.ts';
import { captureFiles } from '../../../db/capture-files.ts';
import { wiresharkFilter, writeCaptureSlice } from '../pcap-slice.ts';
import { currentSettings } from './settings-model.ts';

export function evidenceHandlers(deps: HandlerDeps): Pick<Handlers, 'evidence.savePcapSlice' | 'evidence.openWireshark'> {
  return {
    'evidence.savePcapSlice': async ({ id }) => {
      const caps = alertFrames(deps.db, id).filter((c) => c.frames.length > 0);
      if (!caps.length) throw new ApiError(404, `Alert #${id} has no evidence frames`);
      // A live capture has no file of its own: its frames live in ring files (capture_files).
      const moved = caps.find((c) => !existsSync(c.file) && captureFiles(deps.db, c.captureId).length === 0);
      if (moved) throw new ApiError(409, `Capture file moved: ${moved.file}`);
      const dir = join(deps.dataDir, 'slices');
      mkdirSync(dir, { recursive: true });
      // One file per capture: frame numbers only mean something within their own capture.
      let first = '';
      let written = 0;
      let missing = 0;
      for (const [i, c] of caps.entries()) {
        const out = join(dir, `alert-${id}${caps.length > 1 ? `-${i + 1}` : ''}.pcapng`);
        const r = await writeCaptureSlice(deps.db, c, out);
        written += r.written;
        missing += r.missing.length;
        first ||= out;
      }
      return { path: first, frames: written, files: caps.length, missing };
    },
    'evidence.openWireshark': async ({ id }) => {
      const caps = alertFrames(deps.db, id).filter((c) => c.frames.length > 0);
      const cap = caps[0];
      if (!cap) return { ok: false as const, reason: 'no-frames' as const, message: 'This alert has no evidence frames' };
      const program = deps.findWireshark(currentSettings(deps).wiresharkPath);
      if (!program) return { ok: false as const, reason: 'wireshark-not-found' as const, message: 'Wireshark not found' };
      let file = cap.file;
      let filter = wiresharkFilter(cap.frames);
      if (!existsSync(cap.file)) {
        if (captureFiles(deps.db, cap.captureId).length === 0) return { ok: false as const, reason: 'capture-moved' as const, message: `Capture file moved: ${cap.file}` };
        // A live capture: its frames are spread over ring files, so Wireshark opens a slice of them.
        const dir = join(deps.dataDir, 'slices');
        mkdirSync(dir, { recursive: true });
        file = join(dir, `alert-${id}-wireshark.pcapng`);
        await writeCaptureSlice(deps.db, cap, file);
        filter = '';
      }
      const started = await deps.launch(program, filter ? ['-r', file, '-Y', filter] : ['-r', file]);
      if (!started) return { ok: false as const, reason: 'wireshark-not-found' as const, message: `Wireshark could not be started (${program})` };
      return { ok: true as const, filter };
    },
  };
}
