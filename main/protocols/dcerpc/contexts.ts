/**
 * Presentation contexts of one association: context id -> interface and transfer syntax, as a
 * BIND / ALTER_CONTEXT proposed them and its acknowledgement settled them (C706 §12.6.4.3-4,
 * MS-RPCE §3.3.1.5.3). A context the client proposed but whose answer was not captured is still
 * usable (accepted: null): the first transfer syntax offered is assumed.
 */
import { NDR64_SYNTAX } from './interface.ts';
import { RESULT_ACCEPTANCE, type BindAckPdu, type BindPdu } from './bind.ts';

export interface PresentationContext {
  contextId: number;
  interfaceUuid: string;
  interfaceVersion: number;
  interfaceMinor: number;
  transferSyntax: string;
  ndr64: boolean;
  /** true accepted, false rejected, null when the answer was not seen. */
  accepted: boolean | null;
}

/** A bind element count is a u_int8, but repeated binds could grow the table: keep it bounded. */
const MAX_CONTEXTS = 1024;
const MAX_PENDING_BINDS = 64;

export class ContextTable {
  private readonly byId = new Map<number, PresentationContext>();
  /** call_id of a bind / alter_context -> the context ids it proposed, in order. */
  private readonly pending = new Map<number, number[]>();

  get(contextId: number): PresentationContext | undefined {
    return this.byId.get(contextId);
  }

  all(): PresentationContext[] {
    return [...this.byId.values()];
  }

  propose(callId: number, bind: BindPdu): void {
    const ids: number[] = [];
    for (const el of bind.contexts) {
      const transfer = el.transfers[0]?.uuid ?? '';
      if (!this.byId.has(el.contextId) && this.byId.size >= MAX_CONTEXTS) continue;
      this.byId.set(el.contextId, {
        contextId: el.contextId,
        interfaceUuid: el.abstract.uuid,
        interfaceVersion: el.abstract.version,
        interfaceMinor: el.abstract.minor,
        transferSyntax: transfer,
        ndr64: transfer === NDR64_SYNTAX,
        accepted: null,
      });
      ids.push(el.contextId);
    }
    if (this.pending.size >= MAX_PENDING_BINDS) {
      const oldest = this.pending.keys().next().value;
      if (oldest !== undefined) this.pending.delete(oldest);
    }
    this.pending.set(callId, ids);
  }

  /** Apply a BIND_ACK / ALTER_CONTEXT_RESP; returns false when no bind with that call id was seen. */
  settle(callId: number, ack: BindAckPdu): boolean {
    const ids = this.pending.get(callId);
    if (!ids) return false;
    this.pending.delete(callId);
    ack.results.forEach((r, i) => {
      const id = ids[i];
      const pc = id === undefined ? undefined : this.byId.get(id);
      if (!pc) return;
      pc.accepted = r.result === RESULT_ACCEPTANCE;
      if (pc.accepted) {
        pc.transferSyntax = r.transfer.uuid;
        pc.ndr64 = r.transfer.uuid === NDR64_SYNTAX;
      }
    });
    return true;
  }

  /** BIND_NAK: every context of that bind is refused. */
  reject(callId: number): void {
    for (const id of this.pending.get(callId) ?? []) {
      const pc = this.byId.get(id);
      if (pc) pc.accepted = false;
    }
    this.pending.delete(callId);
  }
}
