/**
 * One DCE/RPC connection-oriented association (a TCP connection to 135 or a dynamic port, or one
 * named pipe over SMB): frames both byte streams into PDUs, tracks presentation contexts, reassembles
 * calls and hands each completed call to the interface handler of its UUID (MS-RPCE §3.3.1).
 */
import { Cursor, DecodeError } from '../../util/cursor.ts';
import type { DissectorContext, PacketMeta } from '../../engine/dissector.ts';
import type { RpcAssociation, RpcCall, RpcInterfaceHandler, RpcInterfaceModule } from './interface.ts';
import { StreamFramer } from './stream-framer.ts';
import { RPC_FRAMING } from './framing.ts';
import {
  AUTH_LEVEL_PRIVACY, PFC_FIRST_FRAG, PFC_LAST_FRAG, PTYPE, decodeFault, decodeRequest,
  decodeResponse, decodeRpcHeader, type RpcHeader, type SecTrailer,
} from './pdu.ts';
import { decodeBind, decodeBindAck, type ContextElement } from './bind.ts';
import { ContextTable, type PresentationContext } from './contexts.ts';
import { newCall, noteFrame, StubAssembler, type CallState } from './calls.ts';
import { findNtlmAuthenticate } from '../smb/ntlmssp.ts';

/** Calls a client may leave outstanding before the oldest is handed on unanswered. */
const MAX_OPEN_CALLS = 64;

/** What a test or a trace may watch (the same facts tshark prints per PDU). */
export interface RpcObserver {
  bind?(e: { frame: number; ptype: number; callId: number; contexts: ContextElement[] }): void;
  pdu?(e: { frame: number; ptype: number; callId: number; contextId: number; opnum: number | null; authLevel: number }): void;
  /** An NTLMSSP AUTHENTICATE carried in the RPC auth verifier. */
  auth?(e: { frame: number; user: string; domain: string; workstation: string }): void;
}

export class RpcConnection {
  private readonly framers = [new StreamFramer(RPC_FRAMING), new StreamFramer(RPC_FRAMING)] as const;
  readonly contexts = new ContextTable();
  private readonly calls = new Map<number, CallState>();
  private readonly handlers = new Map<string, RpcInterfaceHandler>();
  /** The user an NTLMSSP AUTHENTICATE in the RPC auth verifier named (more precise than the SMB session's). */
  private rpcUserSet = false;
  private meta: PacketMeta = { frame: 0, ts: 0 };

  constructor(
    readonly assoc: RpcAssociation,
    private readonly ctx: DissectorContext,
    private readonly interfaces: ReadonlyMap<string, RpcInterfaceModule>,
    private readonly observer: RpcObserver = {},
  ) {}

  // Bound once: no closure per packet on the hot path.
  private readonly fromClientPdu = (pdu: Buffer): void => this.onPdu(true, pdu);
  private readonly fromServerPdu = (pdu: Buffer): void => this.onPdu(false, pdu);
  private readonly framingError = (reason: string): void => this.ctx.decodeError('dcerpc', reason, this.meta.frame);

  onData(fromClient: boolean, data: Buffer, meta: PacketMeta): void {
    this.meta = meta;
    this.framers[fromClient ? 0 : 1].push(data, fromClient ? this.fromClientPdu : this.fromServerPdu, this.framingError);
  }

  onGap(fromClient: boolean): void {
    this.framers[fromClient ? 0 : 1].gap();
    for (const call of this.calls.values()) {
      if (fromClient && !call.requestDone) call.request.broken = true;
      if (!fromClient && call.response) call.response.broken = true;
    }
  }

  /** End of the association: requests that got no answer are handed on alone. */
  end(): void {
    for (const call of this.calls.values()) if (call.requestDone) this.dispatch(call);
    this.calls.clear();
  }

  private onPdu(fromClient: boolean, pdu: Buffer): void {
    try {
      const h = decodeRpcHeader(new Cursor(pdu));
      this.handlePdu(fromClient, pdu, h);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      this.ctx.decodeError('dcerpc', e.reason, this.meta.frame);
    }
  }

  private handlePdu(fromClient: boolean, pdu: Buffer, h: RpcHeader): void {
    switch (h.ptype) {
      case PTYPE.bind:
      case PTYPE.alterContext: {
        const bind = decodeBind(pdu, h);
        this.contexts.propose(h.callId, bind);
        this.observer.bind?.({ frame: this.meta.frame, ptype: h.ptype, callId: h.callId, contexts: bind.contexts });
        this.noteAuthUser(pdu, h);
        return;
      }
      case PTYPE.bindAck:
      case PTYPE.alterContextResp:
        if (!this.contexts.settle(h.callId, decodeBindAck(pdu, h))) {
          this.ctx.decodeError('dcerpc', 'bind_ack without bind', this.meta.frame);
        }
        return;
      case PTYPE.bindNak:
        this.contexts.reject(h.callId);
        return;
      case PTYPE.auth3:
        this.noteAuthUser(pdu, h);
        return;
      case PTYPE.request:
        if (fromClient) this.onRequest(pdu, h);
        return;
      case PTYPE.response:
        if (!fromClient) this.onResponse(pdu, h);
        return;
      case PTYPE.fault:
        if (!fromClient) this.onFault(pdu, h);
        return;
      default:
        return; // shutdown, cancel, orphaned: nothing to record
    }
  }

  private onRequest(pdu: Buffer, h: RpcHeader): void {
    const req = decodeRequest(pdu, h);
    let call = this.calls.get(h.callId);
    if (h.flags & PFC_FIRST_FRAG || !call) {
      if (!(h.flags & PFC_FIRST_FRAG)) {
        this.ctx.decodeError('dcerpc', 'request fragment without first fragment', this.meta.frame);
        return;
      }
      if (call) this.dispatch(call); // the call id was reused: the old call got no answer
      call = newCall(h.callId, req.contextId, req.opnum, h.le, this.meta);
      this.makeRoom();
      this.calls.set(h.callId, call);
    }
    noteFrame(call, this.meta);
    this.applyAuth(call, req.auth);
    this.observer.pdu?.({ frame: this.meta.frame, ptype: h.ptype, callId: h.callId, contextId: req.contextId, opnum: req.opnum, authLevel: req.auth?.authLevel ?? 0 });
    if (!call.sealed && !call.request.add(req.stub)) this.ctx.decodeError('dcerpc', 'request stub over cap', this.meta.frame);
    if (h.flags & PFC_LAST_FRAG) call.requestDone = true;
  }

  private onResponse(pdu: Buffer, h: RpcHeader): void {
    const resp = decodeResponse(pdu, h);
    const call = this.calls.get(h.callId);
    this.observer.pdu?.({ frame: this.meta.frame, ptype: h.ptype, callId: h.callId, contextId: resp.contextId, opnum: call?.opnum ?? null, authLevel: resp.auth?.authLevel ?? 0 });
    if (!call) {
      this.ctx.decodeError('dcerpc', 'response without request', this.meta.frame);
      return;
    }
    noteFrame(call, this.meta);
    this.applyAuth(call, resp.auth);
    if (h.flags & PFC_FIRST_FRAG || !call.response) {
      call.response = new StubAssembler();
      call.responseMeta = { frame: this.meta.frame, ts: this.meta.ts };
    }
    if (!call.sealed && !call.response.add(resp.stub)) this.ctx.decodeError('dcerpc', 'response stub over cap', this.meta.frame);
    if (h.flags & PFC_LAST_FRAG) this.finish(call);
  }

  private onFault(pdu: Buffer, h: RpcHeader): void {
    const fault = decodeFault(pdu, h);
    const call = this.calls.get(h.callId);
    this.observer.pdu?.({ frame: this.meta.frame, ptype: h.ptype, callId: h.callId, contextId: fault.contextId, opnum: call?.opnum ?? null, authLevel: fault.auth?.authLevel ?? 0 });
    if (!call) return;
    noteFrame(call, this.meta);
    call.faultStatus = fault.status;
    call.response = null;
    call.responseMeta = { frame: this.meta.frame, ts: this.meta.ts };
    this.finish(call);
  }

  /** MS-RPCE §2.2.1.1.8: at RPC_C_AUTHN_LEVEL_PKT_PRIVACY the stub is sealed; count each such PDU. */
  private applyAuth(call: CallState, auth: SecTrailer | null): void {
    if (!auth) return;
    call.authLevel = Math.max(call.authLevel, auth.authLevel);
    if (auth.authLevel >= AUTH_LEVEL_PRIVACY) {
      call.sealed = true;
      this.ctx.blindSpot('rpcEncrypted', this.assoc.clientIp, this.assoc.serverIp);
    }
  }

  /** An NTLMSSP AUTHENTICATE in a bind / alter_context / auth3 auth_value names the RPC caller. */
  private noteAuthUser(pdu: Buffer, h: RpcHeader): void {
    if (h.authLength === 0) return;
    const value = pdu.subarray(h.fragLength - h.authLength, h.fragLength);
    const auth = findNtlmAuthenticate(value);
    if (!auth) return;
    this.observer.auth?.({ frame: this.meta.frame, ...auth });
    if (auth.user === '') return;
    this.assoc.user = { name: auth.user, domain: auth.domain || null, source: 'ntlmssp', workstation: auth.workstation || null };
    this.rpcUserSet = true;
    if (auth.workstation) this.ctx.learnName(this.assoc.clientIp, auth.workstation, 'ntlmssp', this.meta.ts);
  }

  private finish(call: CallState): void {
    this.calls.delete(call.callId);
    this.dispatch(call);
  }

  private makeRoom(): void {
    while (this.calls.size >= MAX_OPEN_CALLS) {
      const oldest = this.calls.values().next().value;
      if (!oldest) return;
      this.calls.delete(oldest.callId);
      if (oldest.requestDone) this.dispatch(oldest);
    }
  }

  private dispatch(call: CallState): void {
    const pc = this.contexts.get(call.contextId);
    if (!pc) {
      this.ctx.decodeError('dcerpc', 'call on an unknown presentation context', call.requestMeta.frame);
      return;
    }
    const module = this.interfaces.get(pc.interfaceUuid);
    if (!module) return;
    if (!this.rpcUserSet && this.assoc.transport === 'smb') {
      this.assoc.user = this.ctx.sessionUsers.get(this.assoc.clientIp, this.assoc.serverIp);
    }
    let handler = this.handlers.get(pc.interfaceUuid);
    if (!handler) {
      handler = module.open(this.assoc);
      this.handlers.set(pc.interfaceUuid, handler);
    }
    try {
      handler.onCall(toRpcCall(this.assoc, call, pc), this.ctx);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      this.ctx.decodeError(module.name, e.reason, call.responseMeta?.frame ?? call.requestMeta.frame);
    }
  }
}

function toRpcCall(assoc: RpcAssociation, call: CallState, pc: PresentationContext): RpcCall {
  return {
    assoc,
    callId: call.callId,
    contextId: call.contextId,
    opnum: call.opnum,
    interfaceUuid: pc.interfaceUuid,
    interfaceVersion: pc.interfaceVersion,
    ndr64: pc.ndr64,
    littleEndian: call.littleEndian,
    requestStub: call.sealed ? null : call.request.result(),
    responseStub: call.sealed || call.faultStatus !== null ? null : (call.response?.result() ?? null),
    faultStatus: call.faultStatus,
    authLevel: call.authLevel,
    sealed: call.sealed,
    requestMeta: call.requestMeta,
    responseMeta: call.responseMeta,
    frames: call.frames,
  };
}
