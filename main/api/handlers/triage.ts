/**
 * triage.* and exclusions.*: relays to the store's triage, exclusion and undo functions (db/), each
 * one transaction whose audit id is the undo token; store refusals become 409s the UI shows.
 */
import { addNote, closeAlerts, reopenAlert, TriageError } from '../../../db/triage.ts';
import { addExclusion, ExclusionError, listExclusions, removeExclusion } from '../../../db/exclusions.ts';
import { undo, UndoError } from '../../../db/undo.ts';
import { alertById } from '../../../db/ui/alerts.ts';
import { ApiError, type Handlers } from '../contract.ts';
import type { HandlerDeps } from '../deps.ts';
import { CLASS_LABEL } from './util.ts';

type TriageHandlers = Pick<
  Handlers,
  'triage.close' | 'triage.closeAndExclude' | 'triage.bulkClose' | 'triage.reopen' | 'triage.note' | 'triage.undo' | 'exclusions.list' | 'exclusions.add' | 'exclusions.remove' | 'exclusions.undo'
>;

function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof TriageError || e instanceof ExclusionError || e instanceof UndoError) throw new ApiError(409, e.message);
    throw e;
  }
}

export function triageHandlers(deps: HandlerDeps): TriageHandlers {
  const { db } = deps;
  /** "Closed as B-TP, WS-17 excluded from 2012": the source's name when known, else its ip. */
  const closedMessage = (ids: number[], cls: string, excluded: number) => {
    const label = CLASS_LABEL[cls] ?? cls;
    const what = ids.length === 1 ? `Closed as ${label}` : `Closed ${ids.length} alerts as ${label}`;
    if (!excluded) return what;
    if (ids.length > 1) return `${what}, their sources excluded`;
    const a = alertById(db, ids[0] ?? 0);
    return `${what}, ${a?.source_name ?? a?.source ?? 'source'} excluded from ${a?.detection ?? ''}`;
  };
  const undoChange: TriageHandlers['triage.undo'] = async ({ token }) =>
    guarded(() => {
      const r = undo(db, token);
      const parts = [r.alerts ? `${r.alerts} alert${r.alerts > 1 ? 's' : ''} restored` : '', r.exclusions ? `${r.exclusions} exclusion change${r.exclusions > 1 ? 's' : ''} reverted` : ''];
      return { message: `Undone: ${parts.filter(Boolean).join(', ') || r.action}`, undoToken: null };
    });
  const close = (ids: number[], cls: 'tp' | 'btp' | 'fp', note: string | undefined, exclude: boolean) =>
    guarded(() => {
      const out = closeAlerts(db, ids, cls, { note: note ?? null, exclude });
      return { message: closedMessage(ids, cls, out.exclusionIds.length), undoToken: out.auditId };
    });
  return {
    'triage.close': async ({ id, classification, note, alsoExclude }) => close([id], classification, note, alsoExclude),
    'triage.closeAndExclude': async ({ id, note }) => close([id], 'btp', note, true),
    'triage.bulkClose': async ({ ids, classification, note, alsoExclude }) => close(ids, classification, note, alsoExclude),
    'triage.reopen': async ({ id, note }) =>
      guarded(() => ({ message: `Reopened #${id}`, undoToken: reopenAlert(db, id, note ?? null).auditId })),
    'triage.note': async ({ id, text }) =>
      guarded(() => {
        addNote(db, id, text);
        return { message: 'Note added', undoToken: null };
      }),
    'triage.undo': undoChange,
    'exclusions.list': async ({ detection, includeRemoved }) =>
      listExclusions(db, { includeRemoved })
        .filter((e) => !detection || e.detection === detection)
        .reverse()
        .map((e) => ({ ...e, suppressedTargets: e.alertsPrevented })),
    'exclusions.add': async (e) =>
      guarded(() => {
        const out = addExclusion(db, { detection: e.detection, kind: e.kind, value: e.value, note: e.note ?? null });
        return { message: `Excluded ${e.value} from ${e.detection === 'all' ? 'all detections' : e.detection}`, undoToken: out.auditId };
      }),
    'exclusions.remove': async ({ id }) => guarded(() => ({ message: 'Exclusion removed', undoToken: removeExclusion(db, id).auditId })),
    'exclusions.undo': undoChange,
  };
}
