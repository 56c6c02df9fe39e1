/**
 * What a fuzz target is, and the property every case checks: the code under test returns, or
 * throws a typed error (DecodeError for decoders, CaptureFormatError for a refused file); any other
 * exception, and any "internal error" a dissector guard counted, is a failure.
 */
import { DecodeError } from '../../../main/util/cursor.ts';
import { CaptureFormatError } from '../../../main/capture/types.ts';
import { EngineContext } from '../../../main/pipeline/context.ts';
import type { Rng } from '../rng.ts';
import type { Seeds } from '../seeds.ts';

export interface Target {
  name: string;
  /** Build the input of one case (deterministic in the Rng). */
  generate(r: Rng, s: Seeds): Buffer;
  /** Run one case: return the outcome, or throw a typed error; anything else is a failure. */
  run(input: Buffer): Promise<Outcome> | Outcome;
}

/** 'ok': a result; 'typed': a typed error (counted); 'counted': damage counted by the engine. */
export type Outcome = 'ok' | 'typed' | 'counted';

/** A property violation that is not an exception of the code under test. */
export class PropertyFailure extends Error {
  override readonly name = 'PropertyFailure';
}

export function isTyped(err: unknown): boolean {
  return err instanceof DecodeError || err instanceof CaptureFormatError;
}

/** Run fn; typed errors become 'typed', the rest propagate. */
export function typed(fn: () => void): Outcome {
  try {
    fn();
    return 'ok';
  } catch (err) {
    if (isTyped(err)) return 'typed';
    throw err;
  }
}

export function newContext(): EngineContext {
  return new EngineContext({ roles: [], names: [] });
}

/** Fails on decode errors the dissector guard counted as internal errors (a bug, not damage). */
export function checkContext(ctx: EngineContext): Outcome {
  for (const k of Object.keys(ctx.decodeErrors)) if (k.includes('internal error')) throw new PropertyFailure(`dissector guard caught: ${k}`);
  return Object.keys(ctx.decodeErrors).length > 0 ? 'counted' : 'ok';
}

export function pickSeed(r: Rng, list: readonly Buffer[], fallback: () => Buffer): Buffer {
  return list.length ? r.pick(list) : fallback();
}
