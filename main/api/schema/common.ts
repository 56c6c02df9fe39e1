/**
 * Shared building blocks of the API contract. Imports only zod: renderer/ imports this file.
 * Times are packet times in µs since the Unix epoch; *At fields are wall-clock ISO strings.
 */
import { z } from 'zod';

export const DetectionId = z.enum(['2003', '2007', '2012', '2021']);
export type DetectionId = z.infer<typeof DetectionId>;
export const DETECTIONS: readonly DetectionId[] = DetectionId.options;

export const AlertStatus = z.enum(['open', 'closed', 'reopened']);
export type AlertStatus = z.infer<typeof AlertStatus>;
export const Classification = z.enum(['tp', 'btp', 'fp']);
export type Classification = z.infer<typeof Classification>;
export const Severity = z.enum(['low', 'medium', 'high']);

/** Packet time in µs. Bounded so that a hostile HTTP body cannot ask for absurd ranges. */
export const Micros = z.number().int().min(0).max(8_000_000_000_000_000);
export const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const Offset = z.number().int().min(0).max(10_000_000).default(0);
export const Limit = (max: number, dflt: number) => z.number().int().min(1).max(max).default(dflt);
/** Free text typed by an analyst (filters, notes). */
export const Text = (max: number) => z.string().max(max);

/** A computer as the UI writes it: NAME (ip), or the ip alone. */
export const Computer = z.object({ ip: z.string(), name: z.string().nullable() });
export type Computer = z.infer<typeof Computer>;

export const Empty = z.object({}).strict();
export const Ok = z.object({ ok: z.literal(true) });

/** Result of a triage or exclusion change: what to say in the toast and how to undo it. */
export const ChangeResult = z.object({
  message: z.string(),
  /** Pass to undo.apply to revert the whole change (null when nothing can be undone). */
  undoToken: Id.nullable(),
});
export type ChangeResult = z.infer<typeof ChangeResult>;

export const DETECTION_NAMES: Record<DetectionId, string> = {
  '2003': 'Account enumeration reconnaissance',
  '2007': 'Network mapping reconnaissance (DNS)',
  '2012': 'User and IP address reconnaissance (SMB)',
  '2021': 'User and Group membership reconnaissance (SAMR)',
};
