/**
 * Activities in plain words: one line per activity for the evidence timeline, and the rows of the
 * per-detection details table (UI.md "Details table"). Strings inside are untrusted: the renderer
 * shows them as text and escapes control characters.
 */
import type { Activity } from '../../engine/activity.ts';

const KINDS = new Set(['krb-as', 'krb-tgs', 'dns-xfer', 'srvsvc-sessenum', 'samr']);

/** Stored activity JSON -> Activity, or null when the row is not one (damaged or an unknown kind). */
export function parseActivity(data: string): Activity | null {
  try {
    const v: unknown = JSON.parse(data);
    if (typeof v === 'object' && v !== null && 'kind' in v && typeof v.kind === 'string' && KINDS.has(v.kind)) return v as Activity;
  } catch {
    // fall through: shown as "unreadable activity"
  }
  return null;
}

export function krbAnswer(a: { answer: { type: string; code?: number; name?: string } }): string {
  if (a.answer.type === 'error') return `${a.answer.name ?? 'KRB-ERROR'} (${a.answer.code ?? '?'})`;
  if (a.answer.type === 'none') return 'no answer';
  return a.answer.type.toUpperCase();
}

export function dnsAnswer(a: { rcode: number | null; rcodeName: string | null; records: number }): string {
  if (a.rcode === null) return 'no answer';
  if (a.rcode === 0) return `${a.records} records transferred`;
  return a.rcodeName ?? `rcode ${a.rcode}`;
}

export const status = (code: number | null, name: string | null) => (code === null ? 'no answer' : code === 0 ? 'success' : (name ?? `0x${code.toString(16).padStart(8, '0')}`));

/**
 * The object of a SAMR call in words. When the engine could not read which object it was
 * (`unknown`: a sealed stub, or a handle opened before the capture began), say so instead of
 * presenting a RID or name that was never seen.
 */
export function samrObject(
  o: { type: string; rid?: number | null | undefined; name?: string | null | undefined; domainName?: string | null | undefined; unknown?: boolean | undefined },
  sealed = false,
): string {
  if (o.unknown) return `${o.type === 'none' ? 'object' : o.type} (not readable: ${sealed ? 'sealed' : 'handle opened before the capture'})`;
  if (o.type === 'none' || o.type === 'server') return o.type === 'server' ? 'server' : '-';
  const id = o.name ?? (o.rid !== null && o.rid !== undefined ? `RID-${o.rid}` : '');
  if (o.type === 'domain') return `domain ${o.domainName ?? o.name ?? ''}`.trim();
  return `${o.type} ${id}`.trim();
}

export function activityLine(a: Activity): string {
  switch (a.kind) {
    case 'krb-as':
      return `AS-REQ ${a.cname}@${a.realm} -> ${krbAnswer(a)}`;
    case 'krb-tgs':
      return `TGS-REQ ${a.sname} -> ${krbAnswer(a)}`;
    case 'dns-xfer':
      return `${a.qtype} ${a.zone} -> ${dnsAnswer(a)}`;
    case 'srvsvc-sessenum':
      return a.sealed
        ? `NetrSessionEnum L${a.level} (sealed: content not readable)`
        : `NetrSessionEnum L${a.level} -> ${a.status === 0 ? `${a.sessions.length} sessions` : status(a.status, a.statusName)}`;
    case 'samr': {
      const n = a.names.length || a.members.length;
      return `${a.operation} ${samrObject(a.object, a.sealed)} -> ${status(a.status, a.statusName)}${n ? `, ${n} returned` : ''}${a.sensitive ? ' ★' : ''}`;
    }
  }
}
