/** Left rail: nav "Main" with icon + label per page and badges (open alerts, import running, live). */
import type { Badges } from '../App.tsx';

const PAGES: { id: string; label: string; icon: string; key: string }[] = [
  { id: 'overview', label: 'Overview', icon: '◧', key: 'o' },
  { id: 'alerts', label: 'Alerts', icon: '⚑', key: 'a' },
  { id: 'entities', label: 'Entities', icon: '⌂', key: 'e' },
  { id: 'captures', label: 'Captures', icon: '⇩', key: 'c' },
  { id: 'live', label: 'Live', icon: '◉', key: 'l' },
  { id: 'exclusions', label: 'Exclusions', icon: '⊘', key: 'x' },
  { id: 'settings', label: 'Settings', icon: '⚙', key: 's' },
];
export const RAIL_KEYS = Object.fromEntries(PAGES.map((p) => [p.key, p.id]));

export function Rail({ current, badges }: { current: string; badges: Badges }) {
  return (
    <nav className="rail" aria-label="Main">
      <div className="brand" aria-hidden="true">
        Recon<b>Lens</b>
      </div>
      <ul>
        {PAGES.map((p) => (
          <li key={p.id}>
            <a href={`#/${p.id}`} aria-current={current === p.id ? 'page' : undefined} title={`g ${p.key}`}>
              <span className="icon" aria-hidden="true">
                {p.icon}
              </span>
              <span className="label">{p.label}</span>
              {p.id === 'alerts' && badges.openAlerts > 0 && <span className="badge" aria-label={`${badges.openAlerts} open`}>{badges.openAlerts}</span>}
              {p.id === 'captures' && badges.importing && <span className="badge pulse" aria-label="import running">●</span>}
              {p.id === 'live' && badges.live && <span className="badge live" aria-label="capturing">●</span>}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
