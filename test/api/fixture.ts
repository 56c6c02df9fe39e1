/**
 * A small database for handler tests, filled with plain SQL (the engine is not needed): one capture,
 * named hosts, Kerberos guesses (2003) and a session enumeration (2012) whose session list holds a
 * hostile account name.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../db/store.ts';
import type { Db } from '../../db/ui/names.ts';
import type { Activity } from '../../main/engine/activity.ts';
import type { HandlerDeps, ImportRunner, LiveService } from '../../main/api/deps.ts';
import { createHandlers } from '../../main/api/handlers/index.ts';
import type { LiveStatus } from '../../main/api/contract.ts';

export const XSS = '<img src=x onerror=alert(1)>';
// Not on a minute boundary, so that bucket alignment is really tested.
export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0) * 1000 + 123_457;

const krb = (i: number, cname: string, outcome: 'unknown' | 'exists'): Activity => ({
  kind: 'krb-as', ts: T0 + i * 1e6, frames: [10 + i * 2, 11 + i * 2], src: '10.0.0.66', dst: '10.0.0.10', transport: 'udp', cname, realm: 'CORP.LOCAL',
  sname: 'krbtgt/CORP.LOCAL', etypes: [18], padataTypes: [],
  answer: outcome === 'exists' ? { type: 'error', code: 25, name: 'KDC_ERR_PREAUTH_REQUIRED' } : { type: 'error', code: 6, name: 'KDC_ERR_C_PRINCIPAL_UNKNOWN' }, outcome,
});
const sess: Activity = {
  kind: 'srvsvc-sessenum', ts: T0 + 60e6, frames: [100, 101], src: '10.0.0.66', dst: '10.0.0.10',
  user: { name: 'alice', domain: 'CORP', source: 'ntlmssp' }, level: 10, serverName: null, clientFilter: null, userFilter: null,
  status: 0, statusName: 'WERR_OK', sessions: [{ client: '\\\\10.0.0.22', user: 'CORP\\Administrator' }, { client: '\\\\10.0.0.23', user: XSS }], totalEntries: 2, sealed: false,
};

export function seed(db: Db, capturePath = '/nonexistent/lab1.pcapng'): void {
  const now = new Date().toISOString();
  db.prepare("INSERT INTO captures (id, file, size, format, packets, bytes, first_packet, last_packet, status, started_at, blind_spots) VALUES (1, ?, 1000, 'pcapng', 120, 1000, ?, ?, 'complete', ?, ?)").run(
    capturePath, T0, T0 + 60e6, now, JSON.stringify({ smb3EncryptedFrames: 3, rpcEncryptedPdus: 1, tcpGaps: 0 }));
  db.prepare("INSERT INTO host_names (ip, name, source, first_seen, last_seen) VALUES ('10.0.0.66', 'WS-17', 'dns', ?, ?), ('10.0.0.10', 'DC01', 'dns', ?, ?)").run(T0, T0, T0, T0);
  db.prepare("INSERT INTO host_roles (ip, role, source, first_seen) VALUES ('10.0.0.10', 'dc', 'kerberos-answer', ?)").run(T0);
  const acts = [krb(0, 'nosuch1', 'unknown'), krb(1, 'nosuch2', 'unknown'), krb(2, 'bob', 'exists')];
  const ins = db.prepare('INSERT INTO activities (capture_id, kind, ts, src, dst, account, first_frame, frames, data) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)');
  const ids = [...acts, sess].map((a) => Number(ins.run(a.kind, a.ts, a.src, a.dst, a.kind === 'krb-as' ? a.cname.toLowerCase() : 'alice', a.frames[0], JSON.stringify(a.frames), JSON.stringify(a)).lastInsertRowid));
  const alert = db.prepare("INSERT INTO alerts (id, detection, source, target, status, severity, title, first_seen, last_seen, exposed, exposed_count, sensitive_count, activity_count, created_at, updated_at) VALUES (?, ?, '10.0.0.66', '10.0.0.10', 'open', 'medium', ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  alert.run(1, '2003', 'WS-17 (10.0.0.66) guessed 3 account names against DC01 (10.0.0.10) over Kerberos; 1 exist, 2 unknown.', T0, T0 + 2e6, JSON.stringify(['bob']), 1, 0, 3, now, now);
  alert.run(2, '2012', `alice on WS-17 (10.0.0.66) listed the SMB sessions on DC01 (10.0.0.10); 2 users exposed.`, T0 + 60e6, T0 + 60e6, JSON.stringify(['Administrator', XSS]), 2, 1, 1, now, now);
  const link = db.prepare('INSERT INTO alert_activities (alert_id, activity_id) VALUES (?, ?)');
  ids.slice(0, 3).forEach((id) => link.run(1, id));
  link.run(2, ids[3] ?? 0);
}

export const idleLive: LiveStatus = { state: 'idle', interface: null, startedAt: null, packets: 0, bytes: 0, pktPerS: 0, bitsPerS: 0, drops: { kernel: 0, iface: 0 }, alerts: 0, ringFiles: [], ring: null, error: null, fix: null };
export const fakeLive: LiveService = { interfaces: async () => [], start: async () => idleLive, stop: async () => idleLive, status: () => idleLive };
export const noImports: ImportRunner = { start: () => 1, cancel: () => false, status: () => [] };

export function makeDeps(over: Partial<HandlerDeps> = {}): HandlerDeps & { dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'reconlens-api-'));
  const dbPath = join(dir, 'db.sqlite');
  const db = openDatabase(dbPath);
  return {
    dir, db, dbPath, dataDir: dir, mode: 'browser', version: 'test', imports: noImports, live: fakeLive,
    samplePath: join(dir, 'no-sample.pcapng'), osUser: 'ana', findWireshark: () => null, launch: async () => true, ...over,
  };
}

export function seededHandlers(over: Partial<HandlerDeps> = {}) {
  const deps = makeDeps(over);
  seed(deps.db);
  return { deps, h: createHandlers(deps) };
}
