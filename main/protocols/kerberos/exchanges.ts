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
  /** Keys in the two indexes below. */
  retxKey: string;
  nameKey: string;
  open: boolean;
}

const lower = (s: string): string => s.toLowerCase();
/** The account part of name@realm (enterprise names carry one more @): answers may drop the realm. */
const userPart = (cnameKey: string): string => cnameKey.slice(0, cnameKey.lastIndexOf('@'));

export class KerberosExchanges {
  /**
   * Requests in arrival (= packet-time) order; closed ones stay until the head passes them, so
   * that the sweep looks at the head only (a Set would walk its deleted slots on each sweep).
   */
  private queue: Pending[] = [];
  private head = 0;
  private openCount = 0;
  private readonly byConv = new Map<string, Set<Pending>>();
  private readonly endedConvs = new Set<string>();
  /** client|kdc|type|nonce|name -> the open request: a resend of it is a retransmission. */
  private readonly byRetx = new Map<string, Pending>();
  /** client|kdc|account -> open requests, for answers that come back on another conversation. */
  private readonly byName = new Map<string, Set<Pending>>();

  constructor(private readonly ctx: DissectorContext) {}

  request(conv: ConvRef, req: KdcReq, meta: PacketMeta, frames: readonly number[]): void {
    this.sweep(meta.ts);
    const cnameKey = lower(`${principalText(req.cname)}@${req.realm}`);
    const retxKey = `${conv.clientIp}|${conv.serverIp}|${req.type}|${req.nonce}|${cnameKey}`;
    const resent = this.byRetx.get(retxKey);
    if (resent) {
      for (const f of frames) addFrame(resent.frames, f);
      this.attach(resent, conv.id);
      return;
    }
    const nameKey = `${conv.clientIp}|${conv.serverIp}|${userPart(cnameKey)}`;
    const p: Pending = { req, cnameKey, clientIp: conv.clientIp, kdcIp: conv.serverIp, transport: conv.transport, ts: meta.ts, frames: [], convs: new Set(), retxKey, nameKey, open: true };
    for (const f of frames) addFrame(p.frames, f);
    this.queue.push(p);
    this.openCount++;
    this.byRetx.set(retxKey, p);
    let named = this.byName.get(nameKey);
    if (!named) this.byName.set(nameKey, (named = new Set()));
    named.add(p);
    this.attach(p, conv.id);
    if (this.openCount > MAX_PENDING) this.closeOldest(Infinity);
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
    this.closeOldest(now - PAIRING_WINDOW_US);
  }

  /** Closes open requests older than `before` from the head; before = Infinity closes the oldest one only. */
  private closeOldest(before: number): void {
    while (this.head < this.queue.length) {
      const p = this.queue[this.head]!;
      if (p.open) {
        if (p.ts >= before) break;
        this.close(p, null, null);
        this.head++;
        if (before === Infinity) break;
        continue;
      }
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
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
    const sameName = (p: Pending): boolean => cnameKey !== null && (p.cnameKey === cnameKey || userPart(p.cnameKey) === userPart(cnameKey));
    const inConv = [...(this.byConv.get(conv.id) ?? [])].filter(fits);
    const named = inConv.find(sameName);
    if (named) return named;
    if (inConv.length) return inConv[0];
    if (cnameKey === null) return undefined;
    for (const p of this.byName.get(`${conv.clientIp}|${conv.serverIp}|${userPart(cnameKey)}`) ?? []) {
      if (fits(p) && ts - p.ts <= PAIRING_WINDOW_US) return p;
    }
    return undefined;
  }

  private close(p: Pending, ans: KdcRep | KrbError | null, meta: PacketMeta | null): void {
    if (!p.open) return;
    p.open = false;
    this.openCount--;
    for (const c of p.convs) {
      const set = this.byConv.get(c);
      set?.delete(p);
      if (set?.size === 0) this.byConv.delete(c);
    }
    this.byRetx.delete(p.retxKey);
    const named = this.byName.get(p.nameKey);
    named?.delete(p);
    if (named?.size === 0) this.byName.delete(p.nameKey);
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
