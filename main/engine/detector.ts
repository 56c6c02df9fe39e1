/**
 * Detectors: one module each (main/detectors/<id>-<name>/), pure functions of their own state and
 * one activity -> alert updates. No I/O, no clock: time comes only from activities. The store
 * (db/) merges updates into alerts by (detection, source, target) and applies exclusions.
 */
import type { Activity, DetectionId, SamrQueryClass } from './activity.ts';
import type { HostRole } from './dissector.ts';

export interface DetectionSettings {
  /** 2003: distinct unknown names that fire the alert (default 10). */
  enumUnknownNames: number;
  /** 2003: sliding window in seconds (default 600). */
  enumWindowS: number;
  /** 2021: SAMR learning period per DC in seconds of packet time (default 28 days); 0 = no baseline. */
  samrLearningS: number;
  /** Accounts (lower-case bare names) and RIDs an analyst tagged as sensitive. */
  taggedSensitive: ReadonlySet<string>;
}

export const DEFAULT_DETECTION_SETTINGS: DetectionSettings = {
  enumUnknownNames: 10,
  enumWindowS: 600,
  samrLearningS: 28 * 24 * 3600,
  taggedSensitive: new Set(),
};

/** What detectors may ask about the world (roles learned or declared so far). */
export interface DetectorEnv {
  settings: DetectionSettings;
  hasRole(ip: string, role: HostRole): boolean;
  /**
   * Optional: packet time (µs) from which the role is known, null if it is not; declared roles and
   * roles loaded from the store answer 0. Lets a detector tell "a DNS server asking" from "asked,
   * then turned out to answer DNS later in the batch" (hasRole already sees the whole batch).
   */
  roleSince?(ip: string, role: HostRole): number | null;
  /** Persistent SAMR learning state (kept in the store so that runs continue each other). */
  samrBaseline: SamrBaseline;
}

export interface SamrBaseline {
  /** Packet time (µs) of the DC's first SAMR activity, or undefined if none yet. */
  learningStart(dc: string): number | undefined;
  setLearningStart(dc: string, ts: number): void;
  has(dc: string, source: string, cls: SamrQueryClass): boolean;
  add(dc: string, source: string, cls: SamrQueryClass, ts: number): void;
}

/**
 * An alert update: "this activity belongs to the alert keyed (detection, source, target)".
 * The store creates the alert or updates the open one (merge window 24 h), links the activity as
 * evidence and recomputes the summary (see AlertSummarizer).
 */
export interface AlertUpdate {
  detection: DetectionId;
  source: string;
  target: string;
  /** Packet time of the activity that raised/updated the alert. */
  ts: number;
  /** The activities that are the evidence of this update (already emitted activities). */
  evidence: Activity[];
  /** For 2021: the query classes that were new (not in the baseline) and why.
   *  For 2007: the source was seen acting as a DNS server after the alert was raised. */
  note?: { noBaseline?: boolean; newClasses?: SamrQueryClass[]; sourceLaterSeenAsDnsServer?: boolean };
}

export interface Detector {
  id: DetectionId;
  /** Called for every activity, in packet-time order. */
  onActivity(a: Activity, env: DetectorEnv): AlertUpdate[];
}

/** Names known for hosts, to write titles as NAME (ip). */
export interface NameLookup {
  nameOf(ip: string): string | null;
}

/** Derived view of an alert computed from all of its evidence activities. */
export interface AlertSummary {
  title: string;
  exposedAccounts: string[];
  /** Per-detection details (JSON), see UI.md "Details table" and the issue for each detection. */
  details: Record<string, unknown>;
}

export interface AlertSummarizer {
  id: DetectionId;
  summarize(input: {
    source: string;
    target: string;
    evidence: readonly Activity[];
    notes: readonly NonNullable<AlertUpdate['note']>[];
    names: NameLookup;
    settings: DetectionSettings;
  }): AlertSummary;
}

export const SEVERITY: Record<DetectionId, 'low' | 'medium' | 'high'> = {
  '2003': 'medium',
  '2007': 'low',
  '2012': 'medium',
  '2021': 'medium',
};
export const DETECTION_NAMES: Record<DetectionId, string> = {
  '2003': 'Account enumeration reconnaissance',
  '2007': 'Network mapping reconnaissance (DNS)',
  '2012': 'User and IP address reconnaissance (SMB)',
  '2021': 'User and Group membership reconnaissance (SAMR)',
};
export const CEF_CLASS: Record<DetectionId, string> = {
  '2003': 'AccountEnumerationSecurityAlert',
  '2007': 'DnsReconnaissanceSecurityAlert',
  '2012': 'EnumerateSessionsSecurityAlert',
  '2021': 'SamrReconnaissanceSecurityAlert',
};
export const CEF_SEVERITY = { low: 3, medium: 5, high: 10 } as const;

/** Computer as the UI writes it: NAME (ip), or the ip alone. */
export function computerLabel(ip: string, names: NameLookup): string {
  const n = names.nameOf(ip);
  return n ? `${n} (${ip})` : ip;
}
