/** Database management (Settings › Database): info, backup, restore, compaction, retention, open another. Imports only zod. */
import { z } from 'zod';

/** A file path on the machine that runs the engine (in browser mode: the server machine). */
export const FilePath = z.string().trim().min(1).max(4096).refine((s) => !s.includes('\0'), 'must not contain NUL');

export const DatabaseInfoArgs = z.object({ check: z.boolean().default(false) }).strict();
export const DatabaseInfo = z.object({
  path: z.string(),
  /** The database file plus its WAL, in bytes. */
  size: z.number().int(),
  schemaVersion: z.number().int(),
  counts: z.object({ captures: z.number().int(), activities: z.number().int(), alerts: z.number().int() }),
  /** Integrity quick check, only when asked (check: true). */
  integrity: z.object({ ok: z.boolean(), problems: z.array(z.string()) }).nullable(),
  dataDir: z.string(),
  /** Where [Back up…] proposes to write. */
  defaultBackupPath: z.string(),
  liveRetentionDays: z.number().int(),
  /** Why switching, restoring or compacting is not possible now (an import or live capture runs), else null. */
  busy: z.string().nullable(),
});
export type DatabaseInfo = z.infer<typeof DatabaseInfo>;

export const DatabaseMessage = z.object({ message: z.string() });
export const BackupArgs = z.object({ path: FilePath.optional() }).strict();
export const BackupResult = z.object({ message: z.string(), path: z.string(), size: z.number().int() });
export const RestoreArgs = z.object({ path: FilePath }).strict();
export const RestoreResult = z.object({ message: z.string(), kept: z.string().nullable() });
export const VacuumResult = z.object({ message: z.string(), before: z.number().int(), after: z.number().int() });
export const RetentionArgs = z.object({ days: z.number().int().min(0).max(36500) }).strict();
export const RetentionResult = z.object({ message: z.string(), days: z.number().int(), removedCaptures: z.number().int() });
/** Open an existing file, or create a new one (one database per case or client). A relative path lands in the data folder. */
export const OpenArgs = z.object({ path: FilePath, create: z.boolean().default(false) }).strict();
export const OpenResult = z.object({ message: z.string(), path: z.string(), created: z.boolean() });
export const RecentDatabase = z.object({ path: z.string(), exists: z.boolean(), current: z.boolean(), openedAt: z.string().nullable() });
export type RecentDatabase = z.infer<typeof RecentDatabase>;
