/**
 * ReconLens desktop: the Electron main process. Thin by design: one hardened window, the menu,
 * files from the OS, and a relay of the renderer's API calls to the engine utility process
 * (engine-process.ts), which it supervises. No capture is read and no SQL runs here.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, session, shell, utilityProcess } from 'electron';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveAppDbPath } from '../main/server/app-state.ts';
import { VERSION } from '../main/version.ts';
import { aboutText, parseLicences } from './about.ts';
import { EngineSupervisor, type EngineChild } from './engine-supervisor.ts';
import { isTrustedSender, registerApiRelay } from './ipc.ts';
import { buildMenuTemplate, MENU_ROUTES } from './menu.ts';
import { capturePathsFromArgv, dbFlagFromArgv } from './open-files.ts';
import { addRecent, loadRecent, saveRecent } from './recent-files.ts';
import { hardenContents, hardenSession, secureWebPreferences, type HardenableSession } from './window-security.ts';

const rendererDir = join(__dirname, '..', 'renderer');
const rendererRootUrl = pathToFileURL(rendererDir + '/').href;
const argv = process.argv.slice(app.isPackaged ? 1 : 2);
// --db FILE, else RECONLENS_DB, else the database last opened in the app (app-state.json), else the default.
// The engine tells us when Settings › Database opens another one: a restarted engine reopens that one.
let dbPath = resolveAppDbPath({ flag: dbFlagFromArgv(argv, process.cwd()) }).path;
const samplePath = app.isPackaged ? join(process.resourcesPath, 'sample', 'reconlens-sample.pcapng') : join(__dirname, '..', '..', 'build', 'sample', 'reconlens-sample.pcapng');
const recentFile = (): string => join(app.getPath('userData'), 'recent.json');
let win: BrowserWindow | null = null;
let recent: string[] = [];
const pendingOpen: string[] = [];

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_e, argv, cwd) => {
    openCaptures(capturePathsFromArgv(argv.slice(1), cwd));
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  // macOS: double-clicked captures arrive here, possibly before the window exists.
  app.on('open-file', (e, path) => {
    e.preventDefault();
    openCaptures([path]);
  });
  pendingOpen.push(...capturePathsFromArgv(argv, process.cwd()));
  app.whenReady().then(start, (err: unknown) => fatal(err));
  app.on('window-all-closed', () => app.quit());
}

const engine = new EngineSupervisor({
  fork: () =>
    utilityProcess.fork(join(__dirname, 'engine-process.cjs'), ['--db', dbPath, '--sample', samplePath], { serviceName: 'ReconLens engine', stdio: 'inherit' }) as unknown as EngineChild,
  onCrash: ({ code, restarted }) => {
    const detail = restarted
      ? `The engine stopped unexpectedly (exit code ${code}) and was restarted. An import that was running is marked interrupted; re-run it from Captures.`
      : `The engine keeps stopping (exit code ${code}). Restart ReconLens; if it happens again, re-run the last import from the command line (reconlens analyze) to see the error.`;
    if (win) void dialog.showMessageBox(win, { type: 'error', title: 'ReconLens engine', message: 'The analysis engine crashed', detail });
  },
  onDatabase: (path) => {
    dbPath = path;
  },
  onAlerts: (alerts) => {
    if (!Notification.isSupported()) return;
    for (const a of alerts.filter((x) => x.created)) new Notification({ title: `ReconLens: new alert #${a.id} (${a.detection})`, body: a.title.slice(0, 200), silent: false }).show();
  },
});

function start(): void {
  hardenSession(session.defaultSession as unknown as HardenableSession);
  recent = loadRecent(recentFile());
  engine.start();
  registerApiRelay(ipcMain, engine, (e) => isTrustedSender(e, win?.webContents.id ?? null, rendererRootUrl));
  app.on('web-contents-created', (_e, contents) => hardenContents(contents, rendererRootUrl));
  refreshMenu();
  createWindow();
  app.on('before-quit', () => engine.stop());
}

function createWindow(): void {
  const icon = join(__dirname, '..', '..', 'build', 'icons', '512x512.png');
  win = new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'ReconLens',
    backgroundColor: '#0e1628',
    ...(existsSync(icon) ? { icon } : {}),
    webPreferences: secureWebPreferences(join(__dirname, 'preload.cjs')),
  });
  win.once('ready-to-show', () => win?.show());
  win.on('closed', () => (win = null));
  win.webContents.once('did-finish-load', () => openCaptures(pendingOpen.splice(0)));
  void win.loadFile(join(rendererDir, 'index.html'));
}

function openCaptures(paths: string[]): void {
  if (paths.length === 0) return;
  if (!win || win.webContents.isLoading()) {
    pendingOpen.push(...paths);
    return;
  }
  recent = addRecent(recent, paths);
  saveRecent(recentFile(), recent);
  refreshMenu();
  engine.request('captures.importStart', { paths, forensic: false }).then(
    () => void win?.webContents.executeJavaScript(`location.hash = ${JSON.stringify(MENU_ROUTES.captures)}`),
    (err: unknown) => dialog.showErrorBox('Cannot import', err instanceof Error ? err.message : String(err)),
  );
}

function refreshMenu(): void {
  const template = buildMenuTemplate(
    {
      openCapture: () => {
        if (!win) return;
        void dialog
          .showOpenDialog(win, { title: 'Open capture', properties: ['openFile', 'multiSelections'], filters: [{ name: 'Captures', extensions: ['pcap', 'pcapng', 'cap', 'gz'] }, { name: 'All files', extensions: ['*'] }] })
          .then((r) => !r.canceled && openCaptures(r.filePaths));
      },
      openRecent: (p) => (existsSync(p) ? openCaptures([p]) : dialog.showErrorBox('Capture moved', `${p} no longer exists.`)),
      clearRecent: () => {
        recent = [];
        saveRecent(recentFile(), recent);
        refreshMenu();
      },
      exportAlerts: (format) => void win?.webContents.executeJavaScript(`location.hash = ${JSON.stringify(MENU_ROUTES.exportAlerts(format))}`),
      showAbout,
      showTour: () => void win?.webContents.executeJavaScript(`location.hash = ${JSON.stringify(MENU_ROUTES.tour)}`),
      showLimits: () => void win?.webContents.executeJavaScript(`location.hash = ${JSON.stringify(MENU_ROUTES.limits)}`),
      openDataFolder: () => void shell.openPath(dirname(dbPath)),
    },
    recent,
    process.platform,
    !app.isPackaged,
  );
  // menu.ts builds the same shape with plain strings for roles (testable without Electron).
  Menu.setApplicationMenu(Menu.buildFromTemplate(template as Electron.MenuItemConstructorOptions[]));
}

function showAbout(): void {
  const file = join(__dirname, 'licences.json');
  const licences = existsSync(file) ? parseLicences(readFileSync(file, 'utf8')) : [];
  const { message, detail } = aboutText(VERSION, process.versions, licences);
  const opts = { type: 'info' as const, title: 'About ReconLens', message, detail, buttons: ['OK'] };
  void (win ? dialog.showMessageBox(win, opts) : dialog.showMessageBox(opts));
}

function fatal(err: unknown): void {
  dialog.showErrorBox('ReconLens cannot start', err instanceof Error ? err.message : String(err));
  app.exit(1);
}
