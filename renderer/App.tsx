/** The app frame: left rail ("Main"), top bar with search, the routed screen, toasts, keyboard. */
import { useCallback, useEffect, useState } from 'react';
import { api } from './api.ts';
import { Rail } from './components/Rail.tsx';
import { SearchBox } from './components/SearchBox.tsx';
import { ShortcutHelp } from './components/ShortcutHelp.tsx';
import { ToastProvider, UndoKey } from './components/Toasts.tsx';
import { usePoll } from './hooks/useCall.ts';
import { useGlobalKeys } from './keyboard.ts';
import { useRoute } from './router.ts';
import { Screen } from './Screen.tsx';
import { setTimeZone } from './format.ts';
import { DatabaseFlash } from './screens/DatabaseSection.tsx';

export interface Badges {
  openAlerts: number;
  importing: boolean;
  live: boolean;
}

export function App() {
  const route = useRoute();
  const [badges, setBadges] = useState<Badges>({ openAlerts: 0, importing: false, live: false });
  const [showKeys, setShowKeys] = useState(false);
  const [version, setVersion] = useState(0);
  const refreshBadges = useCallback(() => {
    Promise.all([api.call('app.info', {}), api.call('captures.importStatus', {}), api.call('live.status', {})])
      .then(([info, imports, live]) => {
        const importing = imports.jobs.some((j) => j.state === 'running');
        setBadges((prev) => {
          // While an import or live capture runs (and once when it ends), screens reload so new alerts appear live.
          if (importing || prev.importing || live.state === 'running' || info.openAlerts !== prev.openAlerts) setVersion((v) => v + 1);
          return { openAlerts: info.openAlerts, importing, live: live.state === 'running' };
        });
      })
      .catch(() => undefined); // the badges are a hint; screens show their own errors
  }, []);
  useEffect(() => {
    refreshBadges();
    api
      .call('settings.get', {})
      .then((v) => {
        applyLook(v.settings.theme, v.settings.density);
        setTimeZone(v.settings.timeZone);
      })
      .catch(() => undefined);
  }, [refreshBadges]);
  usePoll(refreshBadges, badges.importing ? 1000 : 5000, true);
  const changed = useCallback(() => {
    refreshBadges();
    setVersion((v) => v + 1);
    window.dispatchEvent(new Event('reconlens:changed'));
  }, [refreshBadges]);
  useGlobalKeys({ onHelp: () => setShowKeys((s) => !s) });
  return (
    <ToastProvider onChange={changed}>
      <UndoKey />
      <DatabaseFlash />
      <div className="app">
        <Rail current={route.path[0] ?? 'overview'} badges={badges} />
        <div className="main-col">
          <header className="topbar">
            <SearchBox />
            <span className="spacer" />
            <a href="#/help" className="link">
              Help
            </a>
            <button type="button" className="ghost" onClick={() => setShowKeys(true)} aria-label="Keyboard shortcuts">
              ?
            </button>
          </header>
          <main id="content" tabIndex={-1}>
            <Screen route={route} version={version} onChanged={changed} />
          </main>
        </div>
      </div>
      <ShortcutHelp open={showKeys} onClose={() => setShowKeys(false)} />
    </ToastProvider>
  );
}

export function applyLook(theme: 'system' | 'light' | 'dark', density: 'comfortable' | 'compact') {
  const dark = theme === 'dark' || (theme === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset['theme'] = dark ? 'dark' : 'light';
  document.documentElement.dataset['density'] = density;
}
