/** Alerts: list rows, the alert page, triage and exclusions. Imports only zod. */
import { z } from 'zod';
import { AlertStatus, Classification, ChangeResult, Computer, DetectionId, Id, Limit, Micros, Offset, Severity, Text } from './common.ts';

export const AlertSortKey = z.enum(['lastSeen', 'firstSeen', 'id', 'detection', 'exposed', 'status', 'source', 'target']);
export type AlertSortKey = z.infer<typeof AlertSortKey>;

export const AlertFilter = z
  .object({
    statuses: z.array(AlertStatus).max(3).optional(),
    detections: z.array(DetectionId).max(4).optional(),
    sensitiveOnly: z.boolean().optional(),
    from: Micros.optional(),
    to: Micros.optional(),
    /** Matches title, source, target (ip or name) or '#id'. */
    text: Text(200).optional(),
    captureId: Id.optional(),
    host: z.string().max(100).optional(),
  })
  .strict();
export type AlertFilter = z.infer<typeof AlertFilter>;

export const AlertsListArgs = AlertFilter.extend({
  sort: AlertSortKey.default('lastSeen'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  offset: Offset,
  limit: Limit(1000, 200),
}).strict();

export const AlertRow = z.object({
  id: z.number().int(),
  detection: DetectionId,
  title: z.string(),
  source: Computer,
  target: Computer,
  status: AlertStatus,
  classification: Classification.nullable(),
  severity: Severity,
  firstSeen: z.number(),
  lastSeen: z.number(),
  exposedCount: z.number().int(),
  sensitiveCount: z.number().int(),
  activityCount: z.number().int(),
  sample: z.boolean(),
  capture: z.string().nullable(),
});
export type AlertRow = z.infer<typeof AlertRow>;

export const AlertsListResult = z.object({
  total: z.number().int(),
  rows: z.array(AlertRow),
  /** Counts for the filter chips: statuses under the other filters, detections likewise. */
  chips: z.object({
    status: z.object({ open: z.number(), closed: z.number(), reopened: z.number(), all: z.number() }),
    detection: z.record(DetectionId, z.number()),
  }),
  captures: z.number().int(),
});

export const ExposedAccount = z.object({
  name: z.string(),
  sensitive: z.boolean(),
  /** Why it is sensitive: "RID 512", "Domain Admins", "tagged: note". */
  reasons: z.array(z.string()),
  /** 2012: the client computer the user sat on, as the server reported it. */
  clients: z.array(z.string()),
});
export type ExposedAccount = z.infer<typeof ExposedAccount>;

export const EvidenceItem = z.object({
  activityId: z.number().int(),
  kind: z.string(),
  ts: z.number(),
  /** One line of plain words for the evidence timeline (untrusted strings inside). */
  text: z.string(),
  captureId: z.number().int(),
  captureFile: z.string(),
  frames: z.array(z.number().int()),
  excluded: z.boolean(),
});
export type EvidenceItem = z.infer<typeof EvidenceItem>;

/** The per-detection details table (UI.md: "Details table"). */
export const DetailsTable = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.object({ cells: z.array(z.string()), sensitive: z.boolean(), frames: z.array(z.number().int()) })),
  totals: z.array(z.object({ label: z.string(), value: z.string() })),
  truncated: z.boolean(),
});
export type DetailsTable = z.infer<typeof DetailsTable>;

export const FramesOfCapture = z.object({
  captureId: z.number().int(),
  file: z.string(),
  frames: z.array(z.number().int()),
  /** The capture file is still where it was imported from. */
  available: z.boolean(),
});

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  author: z.string(),
  action: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  reason: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AlertDetail = AlertRow.extend({
  detectionName: z.string(),
  /** The known account a 2012/2021 title starts with (`{user} on {source} …`): the h1 links it to its account page. */
  titleUser: z.string().nullable(),
  exposed: z.array(ExposedAccount),
  /** Detector notes, e.g. "No baseline (learning period off)." */
  notes: z.array(z.string()),
  evidence: z.array(EvidenceItem),
  evidenceTotal: z.number().int(),
  details: DetailsTable,
  frames: z.array(FramesOfCapture),
  audit: z.array(AuditEntry),
  analystNotes: z.array(z.object({ author: z.string(), text: z.string(), at: z.string() })),
  /** Neighbours in the default order (last seen desc), for [ and ]. */
  prevId: z.number().int().nullable(),
  nextId: z.number().int().nullable(),
  /** The active exclusion of this alert's source for its detection, if any. */
  sourceExcluded: z.boolean(),
});
export type AlertDetail = z.infer<typeof AlertDetail>;

export const CloseArgs = z
  .object({ id: Id, classification: Classification, note: Text(4000).optional(), alsoExclude: z.boolean().default(false) })
  .strict();
export const BulkCloseArgs = z
  .object({ ids: z.array(Id).min(1).max(10_000), classification: Classification, note: Text(4000).optional(), alsoExclude: z.boolean().default(false) })
  .strict();

export const ExclusionScope = z.enum(['all', '2003', '2007', '2012', '2021']);
export const ExclusionKind = z.enum(['ip', 'cidr', 'host', 'account']);
export const Exclusion = z.object({
  id: z.number().int(),
  detection: ExclusionScope,
  kind: ExclusionKind,
  value: z.string(),
  note: z.string().nullable(),
  author: z.string(),
  fromAlert: z.number().int().nullable(),
  createdAt: z.string(),
  removedAt: z.string().nullable(),
  suppressedActivities: z.number().int(),
  /** Distinct (detection kind, target) pairs among suppressed activities: alerts not raised. */
  suppressedTargets: z.number().int(),
});
export type Exclusion = z.infer<typeof Exclusion>;
export const ExclusionAddArgs = z
  .object({ detection: ExclusionScope, kind: ExclusionKind, value: z.string().min(1).max(200), note: Text(1000).optional() })
  .strict();

export const ExportFormat = z.enum(['csv', 'json', 'cef']);
export const ExportArgs = AlertFilter.extend({ ids: z.array(Id).max(100_000).optional(), format: ExportFormat }).strict();
/** `count`: how many alerts an export holds (absent for the one-alert report). */
export const FileContent = z.object({ filename: z.string(), mime: z.string(), content: z.string(), count: z.number().int().optional() });
/** An export written to `<data folder>/exports/` (the desktop app: no browser download there). */
export const ExportFileResult = z.object({ path: z.string(), count: z.number().int(), format: ExportFormat });

export { ChangeResult };
