/**
 * The application menu as data (Electron's MenuItemConstructorOptions shape), built from actions
 * so that it can be tested without Electron: File › Open capture…, Recent, Export; View; Help.
 */
import { basename } from 'node:path';

export interface MenuItem {
  label?: string;
  role?: string;
  type?: 'separator' | 'submenu' | 'normal';
  accelerator?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: MenuItem[];
}

/** The renderer routes the menu opens (the renderer handles each: test/electron/menu-routes.test.ts). */
export const MENU_ROUTES = {
  tour: '#/overview?tour=1',
  limits: '#/help',
  captures: '#/captures',
  exportAlerts: (format: 'cef' | 'json' | 'csv') => `#/alerts?export=${format}`,
} as const;

export interface MenuActions {
  openCapture(): void;
  openRecent(path: string): void;
  clearRecent(): void;
  /** Export the alerts shown (CEF, JSON, CSV) through the UI's export page. */
  exportAlerts(format: 'cef' | 'json' | 'csv'): void;
  showAbout(): void;
  showTour(): void;
  showLimits(): void;
  openDataFolder(): void;
}

export function buildMenuTemplate(a: MenuActions, recent: readonly string[], platform: NodeJS.Platform, devTools: boolean): MenuItem[] {
  const mac = platform === 'darwin';
  const sep: MenuItem = { type: 'separator' };
  const recentItems: MenuItem[] = recent.length
    ? [...recent.map((p) => ({ label: basename(p), click: () => a.openRecent(p) })), sep, { label: 'Clear recent', click: a.clearRecent }]
    : [{ label: 'No recent captures', enabled: false }];
  const file: MenuItem = {
    label: 'File',
    submenu: [
      { label: 'Open capture…', accelerator: 'CmdOrCtrl+O', click: a.openCapture },
      { label: 'Recent', submenu: recentItems },
      sep,
      {
        label: 'Export alerts',
        submenu: [
          { label: 'CEF…', click: () => a.exportAlerts('cef') },
          { label: 'JSON…', click: () => a.exportAlerts('json') },
          { label: 'CSV…', click: () => a.exportAlerts('csv') },
        ],
      },
      { label: 'Show data folder', click: a.openDataFolder },
      sep,
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const view: MenuItem = {
    label: 'View',
    submenu: [
      { role: 'reload' },
      ...(devTools ? [{ role: 'toggleDevTools' }] : []),
      sep,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      sep,
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItem = {
    label: 'Help',
    role: 'help',
    submenu: [
      { label: 'Tour of the four detections', click: a.showTour },
      { label: 'What ReconLens does not see', click: a.showLimits },
      sep,
      { label: 'About ReconLens', click: a.showAbout },
    ],
  };
  const edit: MenuItem = { label: 'Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, sep, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] };
  const appMenu: MenuItem[] = mac ? [{ label: 'ReconLens', submenu: [{ label: 'About ReconLens', click: a.showAbout }, sep, { role: 'hide' }, { role: 'quit' }] }] : [];
  return [...appMenu, file, edit, view, help];
}
