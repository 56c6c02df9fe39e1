/**
 * Dissectors decode hostile bytes. A DecodeError is an expected outcome (counted, the dissector
 * resyncs); any other exception is a dissector bug: it is counted with its message, that one
 * conversation stops being dissected, and the import goes on.
 */
import { DecodeError } from '../util/cursor.ts';
import type { DissectorContext } from '../engine/dissector.ts';

export interface GuardHooks {
  /** Called with unexpected exceptions (for logging; the default only counts them). */
  onInternalError?(protocol: string, err: unknown): void;
}

/** Returns false when the conversation's dissector must be dropped. */
export function reportDissectorError(err: unknown, protocol: string, frame: number, ctx: DissectorContext, hooks: GuardHooks): boolean {
  if (err instanceof DecodeError) {
    ctx.decodeError(protocol, err.reason, frame);
    return true;
  }
  const msg = err instanceof Error ? err.message : String(err);
  ctx.decodeError(protocol, `internal error: ${msg.slice(0, 200)}`, frame);
  hooks.onInternalError?.(protocol, err);
  return false;
}
