/**
 * The one typed API contract between the UI and the engine/store: channel -> argument and result
 * schemas (zod). Used by the Electron preload and IPC handlers, by browser mode (HTTP), and by the
 * renderer. Arguments are validated at the boundary (browser mode takes untrusted HTTP).
 * This file imports only zod (and the schema files beside it) so that renderer/ may import it.
 */
import { z } from 'zod';
import * as A from './schema/alerts.ts';
import * as C from './schema/captures.ts';
import * as D from './schema/database.ts';
import { ChangeResult, Empty, Id, Ok } from './schema/common.ts';
import * as E from './schema/entities.ts';
import * as M from './schema/misc.ts';
import * as S from './schema/settings.ts';

export * from './schema/common.ts';
export type { AlertRow, AlertDetail, ExposedAccount, EvidenceItem, DetailsTable, AuditEntry, Exclusion, AlertSortKey, AlertFilter } from './schema/alerts.ts';
export type { CaptureRow, CaptureReport, ImportJob } from './schema/captures.ts';
export type { HostRow, HostDetail, AccountRow, AccountDetail } from './schema/entities.ts';
export type { Overview, LiveStatus } from './schema/misc.ts';
export type { Settings } from './schema/settings.ts';
export type { DatabaseInfo, RecentDatabase } from './schema/database.ts';
export { Settings as SettingsSchema, SettingsPatch } from './schema/settings.ts';

export const contract = {
  'app.info': { args: Empty, result: M.AppInfo },
  'overview.get': { args: M.OverviewArgs, result: M.Overview },

  'alerts.list': { args: A.AlertsListArgs, result: A.AlertsListResult },
  'alerts.get': { args: M.AlertIdArgs, result: A.AlertDetail },
  'alerts.export': { args: A.ExportArgs, result: A.FileContent },
  /** The same export saved in the data folder (exports/); the result says where. */
  'alerts.exportFile': { args: A.ExportArgs, result: A.ExportFileResult },
  'alerts.report': { args: M.AlertIdArgs, result: A.FileContent },

  'triage.close': { args: A.CloseArgs, result: ChangeResult },
  'triage.closeAndExclude': { args: z.object({ id: Id, note: z.string().max(4000).optional() }).strict(), result: ChangeResult },
  'triage.bulkClose': { args: A.BulkCloseArgs, result: ChangeResult },
  'triage.reopen': { args: z.object({ id: Id, note: z.string().max(4000).optional() }).strict(), result: ChangeResult },
  'triage.note': { args: z.object({ id: Id, text: z.string().min(1).max(4000) }).strict(), result: ChangeResult },
  /** Revert one change (triage or exclusion) by the token its result carried. */
  'triage.undo': { args: z.object({ token: Id }).strict(), result: ChangeResult },

  'exclusions.list': { args: z.object({ detection: A.ExclusionScope.optional(), includeRemoved: z.boolean().default(false) }).strict(), result: z.array(A.Exclusion) },
  'exclusions.add': { args: A.ExclusionAddArgs, result: ChangeResult },
  'exclusions.remove': { args: z.object({ id: Id }).strict(), result: ChangeResult },
  'exclusions.undo': { args: z.object({ token: Id }).strict(), result: ChangeResult },

  'entities.hosts': { args: E.HostsListArgs, result: E.HostsListResult },
  'entities.host': { args: z.object({ ip: z.string().min(1).max(100) }).strict(), result: E.HostDetail },
  'entities.accounts': { args: E.AccountsListArgs, result: E.AccountsListResult },
  'entities.account': { args: z.object({ name: z.string().min(1).max(256) }).strict(), result: E.AccountDetail },
  'entities.tagSensitive': { args: E.TagArgs, result: ChangeResult },

  'captures.list': { args: Empty, result: z.array(C.CaptureRow) },
  'captures.report': { args: C.CaptureIdArgs, result: C.CaptureReport },
  'captures.importStart': { args: C.ImportStartArgs, result: z.object({ jobId: z.number().int() }) },
  'captures.importStatus': { args: Empty, result: C.ImportStatusResult },
  'captures.importCancel': { args: C.JobArgs, result: Ok },
  'captures.delete': { args: C.CaptureIdArgs, result: ChangeResult },
  'captures.rerun': { args: C.CaptureIdArgs, result: z.object({ jobId: z.number().int() }) },
  /** "Capture file moved" -> Locate…: the same file (same sha256) at a new path. */
  'captures.relocate': { args: z.object({ id: Id, path: z.string().min(1).max(4096) }).strict(), result: ChangeResult },

  'sample.open': { args: Empty, result: z.object({ jobId: z.number().int() }) },
  'sample.remove': { args: Empty, result: ChangeResult },

  'settings.get': { args: Empty, result: S.SettingsView },
  'settings.set': { args: z.object({ patch: z.record(z.string(), z.unknown()) }).strict(), result: S.SettingsSetResult },

  /** Settings › Database. restore and open switch the store under every handler (refused while an import or live capture runs). */
  'database.info': { args: D.DatabaseInfoArgs, result: D.DatabaseInfo },
  'database.backup': { args: D.BackupArgs, result: D.BackupResult },
  'database.restore': { args: D.RestoreArgs, result: D.RestoreResult },
  'database.vacuum': { args: Empty, result: D.VacuumResult },
  'database.retention': { args: D.RetentionArgs, result: D.RetentionResult },
  'database.open': { args: D.OpenArgs, result: D.OpenResult },
  'database.recent': { args: Empty, result: z.array(D.RecentDatabase) },

  'search.query': { args: M.SearchArgs, result: M.SearchResult },

  'evidence.savePcapSlice': { args: M.AlertIdArgs, result: M.SliceResult },
  'evidence.openWireshark': { args: M.AlertIdArgs, result: M.WiresharkResult },

  'live.interfaces': { args: Empty, result: z.array(M.LiveInterface) },
  'live.start': { args: M.LiveStartArgs, result: M.LiveStatus },
  'live.stop': { args: Empty, result: M.LiveStatus },
  'live.status': { args: Empty, result: M.LiveStatus },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type Args<C extends Channel> = z.input<Contract[C]['args']>;
export type ParsedArgs<C extends Channel> = z.output<Contract[C]['args']>;
export type Result<C extends Channel> = z.infer<Contract[C]['result']>;
/** Handlers receive parsed arguments (defaults applied) and return results the schema accepts. */
export type Handlers = { [C in Channel]: (args: ParsedArgs<C>) => Promise<Result<C>> };

export const isChannel = (s: string): s is Channel => Object.hasOwn(contract, s);

/** Validate and run one call. Unknown channels and bad arguments throw ApiError (404 / 400). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function dispatch(handlers: Handlers, channel: string, raw: unknown): Promise<unknown> {
  if (!isChannel(channel)) throw new ApiError(404, `unknown channel ${channel}`);
  return run(handlers, channel, raw);
}

async function run<C extends Channel>(handlers: Handlers, channel: C, raw: unknown): Promise<Result<C>> {
  const parsed = contract[channel].args.safeParse(raw ?? {});
  if (!parsed.success) throw new ApiError(400, `bad arguments for ${channel}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  const fn = handlers[channel] as (a: ParsedArgs<C>) => Promise<Result<C>>;
  return fn(parsed.data as ParsedArgs<C>);
}

