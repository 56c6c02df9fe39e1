/** Global search (Ctrl+K): combobox "Search" over alerts, hosts, IPs, accounts, captures, zones. */
import { useEffect, useState } from 'react';
import type { Result } from '../../main/api/contract.ts';
import { api } from '../api.ts';
import { navigate } from '../router.ts';
import { U } from './Untrusted.tsx';

type Groups = Result<'search.query'>['groups'];
const KIND_LABEL: Record<string, string> = { alert: 'Alerts', host: 'Hosts and IPs', account: 'Accounts', capture: 'Captures', zone: 'Zones' };

export function SearchBox() {
  const [q, setQ] = useState('');
  const [groups, setGroups] = useState<Groups>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  useEffect(() => {
    const text = q.trim();
    if (!text) return setGroups([]);
    let live = true;
    const t = setTimeout(() => {
      api
        .call('search.query', { q: text, limit: 6 })
        .then((r) => live && (setGroups(r.groups), setActive(0)))
        .catch(() => live && setGroups([]));
    }, 120);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [q]);
  const flat = groups.flatMap((g) => g.items);
  const go = (href: string) => {
    setOpen(false);
    setQ('');
    navigate(href);
    // Hand focus to the page so that its keys (g, j/k, e…) work at once.
    document.getElementById('content')?.focus();
  };
  let n = -1;
  return (
    <div className="search">
      <input
        id="global-search"
        role="combobox"
        aria-label="Search"
        aria-expanded={open && flat.length > 0}
        aria-controls="search-results"
        aria-autocomplete="list"
        aria-activedescendant={open && flat.length ? `search-opt-${active}` : undefined}
        placeholder="Search hosts, IPs, accounts, #alerts, captures, zones   Ctrl+K"
        value={q}
        onChange={(e) => (setQ(e.target.value), setOpen(true))}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, flat.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter' && flat[active]) go(flat[active].href);
          else if (e.key === 'Escape') {
            setOpen(false);
            e.currentTarget.blur();
          }
        }}
      />
      {open && q.trim() && (
        <div id="search-results" role="listbox" aria-label="Search results" className="search-results">
          {flat.length === 0 && <div className="muted pad">No matches</div>}
          {groups.map((g) => (
            <div role="group" aria-label={KIND_LABEL[g.kind]} key={g.kind}>
              <div className="group-label" aria-hidden="true">
                {KIND_LABEL[g.kind]}
              </div>
              {g.items.map((it) => {
                n++;
                const idx = n;
                return (
                  <div
                    key={it.href + idx}
                    id={`search-opt-${idx}`}
                    role="option"
                    aria-selected={idx === active}
                    className={`option${idx === active ? ' active' : ''}`}
                    onMouseDown={(e) => (e.preventDefault(), go(it.href))}
                  >
                    <U value={it.label} /> <span className="muted">{it.detail}</span>
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
