/**
 * Test doubles for the store tests: activities as plain objects, summarizers that count, a batch
 * builder, and a temporary database that is checked with PRAGMA integrity_check when closed.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DetectionId, KerberosAsActivity, SamrCallActivity, SessionEnumActivity, DnsTransferActivity, Activity } from '../../main/engine/activity.ts';
import type { AlertSummarizer, AlertUpdate } from '../../main/engine/detector.ts';
import type { Batch, CaptureStats } from '../../main/engine/sink.ts';
import { openStore, type Store } from '../../db/index.ts';

export const S = 1_000_000; // µs per second
export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0) * 1000;

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'reconlens-db-'));
}

/** A fresh store in a temp folder; `done()` checks integrity and removes it. */
export function tempStore(): { store: Store; file: string; dir: string; done(): void } {
  const dir = tempDir();
  const file = join(dir, 'case.db');
  const t = {
    store: openStore(file),
    file,
    dir,
    done() {
      // The test may have reopened the file: check and close whatever connection it holds now.
      assertIntegrity(t.store);
      t.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return t;
}

export function assertIntegrity(store: Store): void {
  assert.equal(store.db.pragma('integrity_check', { simple: true }), 'ok');
  assert.deepEqual(store.db.pragma('foreign_key_check'), []);
}

let frame = 1;
/** Frame numbers are handed out in order; a scenario resets them so that two runs of it are identical. */
export function resetFrames(to = 1): void {
  frame = to;
}
export function guess(src: string, dst: string, cname: string, ts: number, outcome: KerberosAsActivity['outcome'] = 'unknown'): KerberosAsActivity {
  return {
    kind: 'krb-as', ts, frames: [frame++, frame++], src, dst, transport: 'udp', cname, realm: 'CORP.LOCAL', sname: 'krbtgt/CORP.LOCAL',
    etypes: [18], padataTypes: [], outcome,
    answer: outcome === 'unknown' ? { type: 'error', code: 6, name: 'KDC_ERR_C_PRINCIPAL_UNKNOWN' } : { type: 'error', code: 25, name: 'KDC_ERR_PREAUTH_REQUIRED' },
  };
}

export function sessionEnum(src: string, dst: string, user: string, ts: number, sessions: { client: string; user: string }[] = []): SessionEnumActivity {
  return {
    kind: 'srvsvc-sessenum', ts, frames: [frame++], src, dst, user: { name: user, domain: 'CORP', source: 'ntlmssp' }, level: 10,
    serverName: null, clientFilter: null, userFilter: null, status: 0, statusName: 'WERR_OK', sessions, totalEntries: sessions.length, sealed: false,
  };
}

export function samrCall(src: string, dst: string, user: string, ts: number): SamrCallActivity {
  return {
    kind: 'samr', ts, frames: [frame++], src, dst, user: { name: user, domain: 'CORP', source: 'ntlmssp' }, opnum: 25, operation: 'GetMembersInGroup',
    object: { type: 'group', rid: 512, name: 'Domain Admins' }, status: 0, statusName: 'STATUS_SUCCESS', names: [], rids: [], members: [{ rid: 500 }],
    queryClass: 'members-sensitive-group', sensitive: true, sealed: false, transport: 'smb',
  };
}

export function zoneTransfer(src: string, dst: string, zone: string, ts: number): DnsTransferActivity {
  return { kind: 'dns-xfer', ts, frames: [frame++], src, dst, transport: 'tcp', zone, qtype: 'AXFR', requestSeen: true, rcode: 0, rcodeName: 'NOERROR', records: 42, serial: 7 };
}

export function update(detection: DetectionId, evidence: Activity[], ts?: number): AlertUpdate {
  const first = evidence[0]!;
  return { detection, source: first.src, target: first.dst, ts: ts ?? Math.max(...evidence.map((a) => a.ts)), evidence };
}

/** Summarizers that say what they saw, so tests can check the summary comes from the evidence. */
export function countingSummarizers(): Map<DetectionId, AlertSummarizer> {
  const make = (id: DetectionId): AlertSummarizer => ({
    id,
    summarize({ source, target, evidence, names }) {
      const exposed = evidence.flatMap((a) => (a.kind === 'krb-as' && a.outcome === 'exists' ? [a.cname] : a.kind === 'srvsvc-sessenum' ? a.sessions.map((s) => s.user) : []));
      return {
        title: `${id}: ${names.nameOf(source) ?? source} -> ${names.nameOf(target) ?? target}, ${evidence.length} activities`,
        exposedAccounts: exposed,
        details: { evidence: evidence.length },
      };
    },
  });
  return new Map((['2003', '2007', '2012', '2021'] as const).map((d) => [d, make(d)]));
}

export function batch(captureId: number, activities: Activity[], alertUpdates: AlertUpdate[] = [], extra: Partial<Batch> = {}): Batch {
  return {
    captureId, activities, alertUpdates, names: [], roles: [], samrLearningStarts: [], samrBaseline: [],
    progress: { packets: activities.length, bytes: activities.length * 100, lastFrame: frame }, ...extra,
  };
}

export function stats(packets = 10): CaptureStats {
  return {
    format: 'pcapng', linkTypes: [1], packets, bytes: packets * 100, firstPacket: T0, lastPacket: T0 + packets * S, skipped: { truncated: 1 }, skippedFrames: { truncated: [3] },
    blindSpots: { smb3EncryptedFrames: 2, rpcEncryptedPdus: 1, tcpGaps: 0 }, blindSpotPairs: { '10.0.0.5>10.0.0.10': { smb3Encrypted: 2 } }, decodeErrors: {}, protocols: { kerberos: packets },
  };
}

export const sha = (n: number): string => n.toString(16).padStart(64, '0');
