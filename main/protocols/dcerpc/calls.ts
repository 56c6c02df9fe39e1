/**
 * One RPC call in progress: request and response stubs reassembled from fragments (C706 §12.6.2:
 * a call's PDUs carry PFC_FIRST_FRAG on the first and PFC_LAST_FRAG on the last fragment).
 * Reassembly is bounded by MAX_STUB, never by alloc_hint (a hint chosen by the sender).
 */
import { addFrame } from '../../engine/activity.ts';
import type { PacketMeta } from '../../engine/dissector.ts';

export const MAX_STUB = 4 * 1024 * 1024;

/** Fragments of one stub. */
export class StubAssembler {
  private chunks: Buffer[] = [];
  private size = 0;
  /** Set when the stub outgrew MAX_STUB or a fragment went missing: the stub is not handed on. */
  broken = false;

  add(fragment: Buffer): boolean {
    if (this.broken) return false;
    if (this.size + fragment.length > MAX_STUB) {
      this.broken = true;
      this.chunks = [];
      return false;
    }
    // Fragments are views of a transient buffer: copy.
    this.chunks.push(Buffer.from(fragment));
    this.size += fragment.length;
    return true;
  }

  result(): Buffer | null {
    if (this.broken) return null;
    return this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.size);
  }
}

export interface CallState {
  callId: number;
  contextId: number;
  opnum: number;
  littleEndian: boolean;
  authLevel: number;
  sealed: boolean;
  request: StubAssembler;
  requestDone: boolean;
  response: StubAssembler | null;
  faultStatus: number | null;
  requestMeta: PacketMeta;
  responseMeta: PacketMeta | null;
  frames: number[];
}

export function newCall(callId: number, contextId: number, opnum: number, le: boolean, meta: PacketMeta): CallState {
  return {
    callId,
    contextId,
    opnum,
    littleEndian: le,
    authLevel: 0,
    sealed: false,
    request: new StubAssembler(),
    requestDone: false,
    response: null,
    faultStatus: null,
    requestMeta: { frame: meta.frame, ts: meta.ts },
    responseMeta: null,
    frames: [meta.frame],
  };
}

export function noteFrame(call: CallState, meta: PacketMeta): void {
  addFrame(call.frames, meta.frame);
}
