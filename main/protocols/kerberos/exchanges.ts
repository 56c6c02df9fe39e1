/**
 * Pairs Kerberos requests with their answers across one engine run, so that every AS-REQ (a guess,
 * for 2003) gets an outcome. Order of matching (DESIGN.md, issue 3):
 *   1. the same conversation (a UDP 4-tuple or TCP connection): oldest open request, preferring the
 *      one whose client name the answer repeats;
 *   2. else the same client, KDC and client name within PAIRING_WINDOW_US (a retry from another port).
 * A request resent unanswered (same client, KDC, name and nonce) is a retransmission: one guess, more
 * frames. A request still unanswered after PAIRING_WINDOW_US of packet time, or whose conversations
 * all ended, becomes 'no-answer'. State is per DissectorContext (= per engine run); see state.ts.
 */
import type { KerberosAsActivity, KerberosTgsActivity } from '../../engine/activity.ts';
import { addFrame } from '../../engine/activity.ts';
import type { DissectorContext, PacketMeta } from '../../engine/dissector.ts';
import { ERROR_PRINCIPAL_UNKNOWN, ERRORS_PROVING_EXISTENCE, krbErrorName } from './error-codes.ts';
import type { KdcRep, KdcReq, KrbError } from './messages.ts';
import { principalText } from './principal.ts';
import { noteServiceTicket } from './host-names.ts';

export const PAIRING_WINDOW_US = 60_000_000;
/** Open requests kept per run; beyond it the oldest is closed as unanswered. */
export const MAX_PENDING = 50_000;

export interface ConvRef {
  id: string;
  transport: 'udp' | 'tcp';
  clientIp: string;
  serverIp: string;
}

interface Pending {
  req: KdcReq;
  cnameKey: string;
  clientIp: string;
  kdcIp: string;
  transport: 'udp' | 'tcp';
  ts: number;
  frames: number[];
  convs: Set<string>;
}

const lower = (s: string): string => s.toLowerCase();

export class KerberosExchanges {
  /** Insertion order is packet-time order: the sweep looks at the head only. */
  private readonly pending = new Set<Pending>();
  private readonly byConv = new Map<string, Set<Pending>>();
  private readonly endedConvs = new Set<string>();

  constructor(private readonly ctx: DissectorContext) {}

  request(conv: ConvRef, req: KdcReq, meta: PacketMeta, frames: readonly number[]): void {
    this.sweep(meta.ts);
    const cnameKey = lower(`${principalText(req.cname)}@${req.realm}`);
    for (const p of this.pending) {
      if (p.clientIp === conv.clientIp && p.kdcIp === conv.serverIp && p.req.nonce === req.nonce && p.cnameKey === cnameKey && p.req.type === req.type) {
        for (const f of frames) addFrame(p.frames, f);
        this.attach(p, conv.id);
        return;
      }
    }
    const p: Pending = { req, cnameKey, clientIp: conv.clientIp, kdcIp: conv.serverIp, transport: conv.transport, ts: meta.ts, frames: [], convs: new Set() };
    for (const f of frames) addFrame(p.frames, f);
    this.pending.add(p);
    this.attach(p, conv.id);
    if (this.pending.size > MAX_PENDING) this.close(this.pending.values().next().value!, null, null);
  }

  answer(conv: ConvRef, ans: KdcRep | KrbError, meta: PacketMeta, frames: readonly number[]): void {
    this.sweep(meta.ts);
    const p = this.match(conv, ans, meta.ts);
    if (p) {
      for (const f of frames) addFrame(p.frames, f);
      this.close(p, ans, meta);
    } else if (ans.type === 'tgs-rep') {
      // The request was not captured; the answer alone still names the client and the service.
      this.emitTgs(conv, null, ans, meta.ts, meta.ts, [...frames]);
    }
  }

  /** A conversation ended: its open requests can no longer be answered there. */
  endConversation(convId: string, now: number | null): void {
    const set = this.byConv.get(convId);
    this.byConv.delete(convId);
    if (now !== null) this.sweep(now);
    if (!set) return;
    this.endedConvs.add(convId);
    for (const p of set) if ([...p.convs].every((c) => this.endedConvs.has(c))) this.close(p, null, null);
    for (const p of set) p.convs.delete(convId);
    this.endedConvs.delete(convId);
  }

  /** Closes requests older than the pairing window as unanswered. */
  sweep(now: number): void {
    for (const p of this.pending) {
      if (now - p.ts <= PAIRING_WINDOW_US) break;
      this.close(p, null, null);
    }
  }

  /** End of the run: everything still open is unanswered. */
  flush(): void {
    for (const p of this.pending) this.close(p, null, null);
  }

  private attach(p: Pending, convId: string): void {
    p.convs.add(convId);
    let set = this.byConv.get(convId);
    if (!set) this.byConv.set(convId, (set = new Set()));
    set.add(p);
  }

  private match(conv: ConvRef, ans: KdcRep | KrbError, ts: number): Pending | undefined {
    const wantAs = ans.type === 'as-rep' ? true : ans.type === 'tgs-rep' ? false : null;
    const cnameKey = ans.cname ? lower(`${principalText(ans.cname)}@${ans.type === 'error' ? (ans.crealm ?? '') : ans.crealm}`) : null;
    const fits = (p: Pending): boolean => wantAs === null || (p.req.type === 'as-req') === wantAs;
    const sameName = (p: Pending): boolean => cnameKey !== null && (p.cnameKey === cnameKey || p.cnameKey.split('@')[0] === cnameKey.split('@')[0]);
    const inConv = [...(this.byConv.get(conv.id) ?? [])].filter(fits);
    const named = inConv.find(sameName);
    if (named) return named;
    if (inConv.length) return inConv[0];
    if (cnameKey === null) return undefined;
    for (const p of this.pending) {
      if (p.clientIp === conv.clientIp && p.kdcIp === conv.serverIp && fits(p) && sameName(p) && ts - p.ts <= PAIRING_WINDOW_US) return p;
    }
    return undefined;
  }

  private close(p: Pending, ans: KdcRep | KrbError | null, meta: PacketMeta | null): void {
    this.pending.delete(p);
    for (const c of p.convs) this.byConv.get(c)?.delete(p);
    const conv = { transport: p.transport, clientIp: p.clientIp, serverIp: p.kdcIp, id: '' };
    if (p.req.type === 'tgs-req') {
      this.emitTgs(conv, p.req, ans?.type === 'as-rep' ? null : ans, p.ts, meta?.ts ?? null, p.frames);
      return;
    }
    const base = { ts: p.ts, frames: p.frames, src: p.clientIp, dst: p.kdcIp, transport: p.transport };
    const req = p.req;
    let answer: KerberosAsActivity['answer'] = { type: 'none' };
    let outcome: KerberosAsActivity['outcome'] = 'no-answer';
    if (ans?.type === 'error') {
      answer = { type: 'error', code: ans.errorCode, name: krbErrorName(ans.errorCode) };
      outcome = ans.errorCode === ERROR_PRINCIPAL_UNKNOWN ? 'unknown' : ERRORS_PROVING_EXISTENCE.has(ans.errorCode) ? 'exists' : 'other';
    } else if (ans) {
      answer = { type: 'as-rep' };
      outcome = 'exists';
    }
    const a: KerberosAsActivity = {
      kind: 'krb-as',
      ...base,
      ...(meta ? { tsEnd: meta.ts } : {}),
      cname: principalText(req.cname),
      realm: req.realm,
      sname: principalText(req.sname),
      etypes: req.etypes,
      padataTypes: req.padataTypes,
      answer,
      outcome,
    };
    this.ctx.emit(a);
  }

  private emitTgs(conv: ConvRef, req: KdcReq | null, ans: KdcRep | KrbError | null, ts: number, tsEnd: number | null, frames: number[]): void {
    const rep = ans?.type === 'tgs-rep' ? ans : null;
    const sname = req?.sname ?? rep?.ticketSname ?? null;
    const a: KerberosTgsActivity = {
      kind: 'krb-tgs',
      ts,
      ...(tsEnd !== null ? { tsEnd } : {}),
      frames,
      src: conv.clientIp,
      dst: conv.serverIp,
      transport: conv.transport,
      cname: rep ? principalText(rep.cname) : null,
      realm: req?.realm ?? rep?.ticketRealm ?? '',
      sname: principalText(sname),
      answer: rep ? { type: 'tgs-rep' } : ans?.type === 'error' ? { type: 'error', code: ans.errorCode, name: krbErrorName(ans.errorCode) } : { type: 'none' },
    };
    this.ctx.emit(a);
    if (rep && sname) noteServiceTicket(this.ctx, conv.clientIp, sname, rep, tsEnd ?? ts);
  }
}
