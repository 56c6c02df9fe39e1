/** entities.*: hosts and accounts, their pages, and tagging an account as sensitive. */
import { accountActivity, accountByName, accountsOfHost, alertsExposing, alertsOfHost, hostActivityBuckets, hostByIp, hostKnown, hostSpan, listAccounts, listHosts, namesLearned, rolesOf, type AccountRowDb, type HostRowDb } from '../../../db/ui/entities.ts';
import { accountFacts } from '../../../db/ui/alert-detail.ts';
import { exclusionsOfHost } from '../../../db/ui/exclusions.ts';
import { tagAccount } from '../../../db/entities.ts';
import { writeAudit } from '../../../db/audit.ts';
import { SENSITIVE_RIDS } from '../../engine/activity.ts';
import { ApiError, type AccountRow, type Handlers, type HostRow } from '../contract.ts';
import type { HandlerDeps } from '../deps.ts';
import { sensitiveReasons } from '../present/exposed.ts';
import { bucketFor } from './overview.ts';
import { toAlertRow } from './util.ts';

type EntityHandlers = Pick<Handlers, 'entities.hosts' | 'entities.host' | 'entities.accounts' | 'entities.account' | 'entities.tagSensitive'>;

export function entityHandlers(deps: HandlerDeps): EntityHandlers {
  const { db } = deps;
  const hostRows = (rows: HostRowDb[]): HostRow[] => {
    const roles = rolesOf(db, rows.map((r) => r.ip));
    return rows.map((r) => ({
      ip: r.ip,
      name: r.name,
      names: r.names ? [...new Set(r.names.split(','))] : [],
      roles: roles.filter((x) => x.ip === r.ip).map((x) => ({ role: x.role as 'dc', source: x.source, detail: x.detail })),
      firstSeen: r.first_seen,
      lastSeen: r.last_seen,
      alertsAsSource: r.as_source,
      alertsAsTarget: r.as_target,
    }));
  };
  const accountRow = (r: AccountRowDb, facts: ReturnType<typeof accountFacts>): AccountRow => {
    const reasons = sensitiveReasons(r.name, facts);
    if (r.rid !== null && SENSITIVE_RIDS.has(r.rid) && !reasons.some((x) => x.startsWith('RID'))) reasons.unshift(`RID ${r.rid}`);
    return { name: r.name, domain: r.domain, rid: r.rid, sensitive: reasons.length > 0, reasons, tagged: r.tagged === 1, firstSeen: r.first_seen, lastSeen: r.last_seen, exposedIn: r.exposed_in };
  };
  return {
    'entities.hosts': async (o) => {
      const { total, rows } = listHosts(db, o);
      return { total, rows: hostRows(rows) };
    },
    'entities.host': async ({ ip }) => {
      const h = hostByIp(db, ip);
      if (!h || !hostKnown(db, ip)) throw new ApiError(404, `Host ${ip} not found`);
      const span = hostSpan(db, ip);
      const bucketUs = span?.lo != null && span.hi != null ? bucketFor(Math.max(span.hi - span.lo, 1), 120) : 3_600_000_000;
      const buckets = new Map<number, Record<string, number>>();
      for (const r of hostActivityBuckets(db, ip, bucketUs)) {
        const e = buckets.get(r.b * bucketUs) ?? {};
        e[r.kind] = r.n;
        buckets.set(r.b * bucketUs, e);
      }
      const [host] = hostRows([h]);
      if (!host) throw new ApiError(404, `Host ${ip} not found`);
      return {
        host,
        namesLearned: namesLearned(db, ip).map((n) => ({ name: n.name, source: n.source, firstSeen: n.first_seen })),
        alertsAsSource: alertsOfHost(db, ip, 'source').map(toAlertRow),
        alertsAsTarget: alertsOfHost(db, ip, 'target').map(toAlertRow),
        exclusions: exclusionsOfHost(db, ip, h.name).map((e) => ({ id: e.id, detection: e.detection, fromAlert: e.from_alert, note: e.note })),
        accounts: accountsOfHost(db, ip),
        activity: { bucketUs, buckets: [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([t, counts]) => ({ t, counts })) },
      };
    },
    'entities.accounts': async (o) => {
      const facts = accountFacts(db);
      // "Sensitive only": tagged accounts plus names that are well-known sensitive RIDs.
      const keys = o.sensitiveOnly ? [...SENSITIVE_RIDS.values()].map((n) => n.toLowerCase()).concat([...facts.rids].filter(([, rid]) => SENSITIVE_RIDS.has(rid)).map(([k]) => k)) : undefined;
      const { total, rows } = listAccounts(db, { text: o.text, offset: o.offset, limit: o.limit, ...(keys ? { keys } : {}) });
      return { total, rows: rows.map((r) => accountRow(r, facts)) };
    },
    'entities.account': async ({ name }) => {
      const r = accountByName(db, name);
      if (!r) throw new ApiError(404, `Account ${name} not found`);
      const act = accountActivity(db, name);
      return {
        account: accountRow(r, accountFacts(db)),
        exposedIn: alertsExposing(db, name).map(toAlertRow),
        activityByKind: Object.fromEntries(act.kinds.map((k) => [k.kind, k.n])),
        hosts: act.hosts,
      };
    },
    'entities.tagSensitive': async ({ name, tagged, note }) => {
      db.transaction(() => {
        tagAccount(db, name, tagged, note ?? null);
        writeAudit(db, { action: 'tag', from: { tagged: !tagged }, to: { tagged }, reason: name });
      })();
      return { message: tagged ? `${name} tagged as sensitive` : `${name} no longer tagged`, undoToken: null };
    },
  };
}
