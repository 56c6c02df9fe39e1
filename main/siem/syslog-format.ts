/**
 * RFC 5424 syslog messages carrying one CEF line each, and the target URL the CLI takes
 * (`udp://HOST:PORT` or `tcp://HOST:PORT`). Over TCP each message is framed by octet counting
 * (RFC 6587 §3.4.1: "LEN SP MSG"), which survives newlines inside a message.
 */
import { hostname } from 'node:os';

export interface SyslogTarget {
  protocol: 'udp' | 'tcp';
  host: string;
  port: number;
}

export class SyslogTargetError extends Error {}

export function parseSyslogTarget(raw: string): SyslogTarget {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new SyslogTargetError(`--syslog wants udp://HOST:PORT or tcp://HOST:PORT, got "${raw}"`);
  }
  const protocol = u.protocol === 'udp:' ? 'udp' : u.protocol === 'tcp:' ? 'tcp' : null;
  if (!protocol) throw new SyslogTargetError(`--syslog protocol must be udp or tcp, got "${u.protocol.replace(/:$/, '')}"`);
  const port = Number(u.port);
  if (!u.hostname || !Number.isInteger(port) || port < 1 || port > 65535) throw new SyslogTargetError(`--syslog needs a host and a port 1-65535, got "${raw}"`);
  if ((u.pathname && u.pathname !== '/') || u.search || u.username) throw new SyslogTargetError(`--syslog takes only a host and a port, got "${raw}"`);
  return { protocol, host: u.hostname.replace(/^\[|\]$/g, ''), port };
}

/** RFC 5424 §6.2.1: PRI = facility * 8 + severity. local4 (20) is where most SIEMs expect CEF. */
export const FACILITY_LOCAL4 = 20;
/** CEF severity 0-10 to syslog severity: 9-10 critical (2), 7-8 error (3), 4-6 warning (4), else notice (5). */
export function syslogSeverity(cefSeverity: number): number {
  if (cefSeverity >= 9) return 2;
  if (cefSeverity >= 7) return 3;
  if (cefSeverity >= 4) return 4;
  return 5;
}

/** PRINTUSASCII without spaces, as HOSTNAME / APP-NAME / MSGID require; "-" when empty. */
function header(s: string, max: number): string {
  const clean = s.replace(/[^\x21-\x7e]/g, '').slice(0, max);
  return clean || '-';
}

export interface SyslogMessageInput {
  /** Message text: the CEF line. */
  msg: string;
  cefSeverity: number;
  time?: Date;
  host?: string;
  app?: string;
  msgId?: string;
  procId?: number;
}

/** `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID - MSG` with a UTF-8 MSG (RFC 5424 §6.4 BOM). */
export function formatSyslog(m: SyslogMessageInput): string {
  const pri = FACILITY_LOCAL4 * 8 + syslogSeverity(m.cefSeverity);
  const time = (m.time ?? new Date()).toISOString();
  const host = header(m.host ?? hostname(), 255);
  const app = header(m.app ?? 'reconlens', 48);
  const proc = header(String(m.procId ?? process.pid), 128);
  const msgId = header(m.msgId ?? 'alert', 32);
  // The MSG is the CEF line as is; a newline in it would split the message for line-based receivers.
  const msg = m.msg.replace(/\r?\n/g, ' ');
  return `<${pri}>1 ${time} ${host} ${app} ${proc} ${msgId} - ${msg}`;
}

/** RFC 6587 octet counting: the byte length of the message, a space, the message. */
export function octetCounted(message: string): Buffer {
  const body = Buffer.from(message, 'utf8');
  return Buffer.concat([Buffer.from(`${body.length} `, 'ascii'), body]);
}
