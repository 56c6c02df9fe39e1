/** search.query: one box over alerts, hosts/IPs, accounts, captures and zones; results grouped by kind. */
import { searchAll } from '../../../db/ui/search.ts';
import type { Handlers } from '../contract.ts';
import type { HandlerDeps } from '../deps.ts';
import { baseName, computer } from './util.ts';

export function searchHandlers(deps: HandlerDeps): Pick<Handlers, 'search.query'> {
  return {
    'search.query': async ({ q, limit }) => {
      const r = searchAll(deps.db, q, limit);
      const groups = [
        { kind: 'alert' as const, items: r.alerts.map((a) => ({ label: `#${a.id} ${a.title}`, detail: a.detection, href: `#/alerts/${a.id}` })) },
        { kind: 'host' as const, items: r.hosts.map((h) => ({ label: computer(h.ip, h.name), detail: 'host', href: `#/entities/hosts/${encodeURIComponent(h.ip)}` })) },
        { kind: 'account' as const, items: r.accounts.map((a) => ({ label: a.name, detail: 'account', href: `#/entities/accounts/${encodeURIComponent(a.name)}` })) },
        { kind: 'capture' as const, items: r.captures.map((c) => ({ label: baseName(c.file), detail: 'capture', href: `#/captures/${c.id}` })) },
        { kind: 'zone' as const, items: r.zones.map((z) => ({ label: z.zone, detail: `${z.n} transfer requests`, href: `#/alerts?q=${encodeURIComponent(z.zone)}` })) },
      ];
      return { groups: groups.filter((g) => g.items.length > 0) };
    },
  };
}
