/** Hash route -> screen. */
import { useEffect } from 'react';
import type { Route } from './router.ts';
import { Overview } from './screens/Overview.tsx';
import { Alerts } from './screens/Alerts.tsx';
import { AlertPage } from './alert/AlertPage.tsx';
import { Entities } from './screens/Entities.tsx';
import { HostPage } from './screens/HostPage.tsx';
import { AccountPage } from './screens/AccountPage.tsx';
import { Captures } from './screens/Captures.tsx';
import { CaptureReportPage } from './screens/CaptureReport.tsx';
import { Live } from './screens/Live.tsx';
import { Exclusions } from './screens/Exclusions.tsx';
import { SettingsScreen } from './screens/Settings.tsx';
import { Help } from './screens/Help.tsx';
import { Empty } from './components/States.tsx';

const TITLES: Record<string, string> = { overview: 'Overview', alerts: 'Alerts', entities: 'Entities', captures: 'Captures', live: 'Live', exclusions: 'Exclusions', settings: 'Settings', help: 'Help' };

export function Screen({ route, version, onChanged }: { route: Route; version: number; onChanged: () => void }) {
  const [page, a, b] = route.path;
  useEffect(() => {
    const name = TITLES[page ?? 'overview'] ?? 'ReconLens';
    document.title = page === 'alerts' && a ? `Alert #${a} · ReconLens` : `${name} · ReconLens`;
  }, [page, a]);
  switch (page ?? 'overview') {
    case 'overview':
      return <Overview version={version} query={route.query} onChanged={onChanged} />;
    case 'alerts':
      return a ? <AlertPage key={a} id={Number(a)} version={version} onChanged={onChanged} /> : <Alerts query={route.query} version={version} onChanged={onChanged} />;
    case 'entities':
      if (a === 'hosts' && b) return <HostPage ip={b} version={version} />;
      if (a === 'accounts' && b) return <AccountPage name={b} version={version} onChanged={onChanged} />;
      return <Entities tab={a === 'accounts' ? 'accounts' : 'hosts'} query={route.query} />;
    case 'captures':
      return a ? <CaptureReportPage id={Number(a)} /> : <Captures version={version} onChanged={onChanged} />;
    case 'live':
      return <Live />;
    case 'exclusions':
      return <Exclusions version={version} onChanged={onChanged} />;
    case 'settings':
      return <SettingsScreen onChanged={onChanged} version={version} />;
    case 'help':
      return <Help />;
    default:
      return (
        <Empty>
          Nothing at this address. <a href="#/overview">Go to Overview</a>
        </Empty>
      );
  }
}
