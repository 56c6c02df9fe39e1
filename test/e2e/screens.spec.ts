/**
 * Every screen on a seeded database (no engine needed): hostile names from packets stay text,
 * search, entities, host and account pages, live, help, keyboard, the dark theme. Screenshots of each.
 */
import { existsSync } from 'node:fs';
import { openDatabase } from '../../db/store.ts';
import { seed, XSS } from '../api/fixture.ts';
import { join } from 'node:path';
import { CORPUS, expect, shot, test } from './app.ts';

const CHROMIUM = '/usr/bin/chromium';
test.skip(!existsSync(CHROMIUM), `${CHROMIUM} is absent`);
test.use({
  seedDb: {
    fill(dbPath: string) {
      const db = openDatabase(dbPath);
      seed(db);
      db.close();
    },
  },
});

test('a hostile account name is shown as text, never run', async ({ page, app }) => {
  await page.goto(`${app.url}#/alerts/2`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('alice on WS-17 (10.0.0.66) listed the SMB sessions on DC01 (10.0.0.10); 2 users exposed.');
  // {user} links to the account page; the heading's name stays the sentence.
  await expect(page.getByRole('heading', { level: 1, name: 'alice on WS-17 (10.0.0.66) listed the SMB sessions on DC01 (10.0.0.10); 2 users exposed.' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 }).getByRole('link', { name: 'alice', exact: true })).toHaveAttribute('href', '#/entities/accounts/alice');
  await shot(page, '10b-alert-title-links');
  const exposed = page.getByRole('table', { name: 'Exposed accounts' });
  await expect(exposed.getByText(XSS, { exact: true })).toBeVisible();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(exposed.getByRole('row').first()).toContainText('★ sensitive: RID 500 Administrator');
  await expect(page.getByText('Capture file moved')).toBeVisible();
  await page.getByRole('button', { name: 'Open in Wireshark' }).click();
  await expect(page.getByRole('alert')).toContainText('Wireshark not found');
  await shot(page, '11-alert-hostile-name');
  // Locate the moved capture (any file with frames 100-101: the seeded capture has no hash), then save the slice.
  await page.getByRole('button', { name: 'Locate…' }).click();
  await page.getByRole('dialog', { name: 'Locate capture' }).getByLabel('New path of the same file').fill(join(CORPUS, 'samr-enum-lab', 'net.exe_user_administrator__domain.pcapng'));
  await page.getByRole('dialog', { name: 'Locate capture' }).getByRole('button', { name: 'Locate' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Capture located' })).toBeVisible();
  await expect(page.getByText('Capture file moved')).toHaveCount(0);
  await page.getByRole('button', { name: 'Save pcap slice' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Saved 2 frames to .*alert-2\.pcapng/ })).toBeVisible();
  // The same name in the one-alert report is escaped too.
  const download = page.waitForEvent('download');
  await page.getByText('One-alert report (HTML)').click();
  const file = await (await download).path();
  const { readFileSync } = await import('node:fs');
  const html = readFileSync(file, 'utf8');
  expect(html).not.toContain(XSS);
  expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
});

test('alerts grid: keyboard, selection, bulk close with undo', async ({ page, app }) => {
  await page.goto(`${app.url}#/alerts`);
  const grid = page.getByRole('grid', { name: 'Alerts' });
  await expect(grid).toHaveAttribute('aria-rowcount', '3');
  await expect(grid.getByRole('row').nth(1)).toHaveAttribute('aria-rowindex', '2');
  await grid.focus();
  await page.keyboard.press('j');
  await page.keyboard.press(' ');
  await expect(page.getByRole('region', { name: 'Selection' })).toContainText('1 selected');
  await page.keyboard.press('k');
  await page.keyboard.press(' ');
  await expect(page.getByRole('region', { name: 'Selection' })).toContainText('2 selected');
  await shot(page, '12-alerts-selection');
  await page.getByRole('region', { name: 'Selection' }).getByRole('button', { name: 'Close…' }).click();
  await page.getByRole('dialog', { name: 'Close alert' }).getByRole('button', { name: 'Close alert' }).click();
  const toast = page.getByRole('status').filter({ hasText: 'Closed 2 alerts as B-TP' });
  await expect(toast).toBeVisible();
  await expect(page.getByText('No alerts match.')).toBeVisible();
  await page.keyboard.press('Control+z'); // undo the last triage from the keyboard
  await expect(grid).toHaveAttribute('aria-rowcount', '3');
  // The time range: from 09:00:30 UTC leaves only the SMB alert (the guesses ended at 09:00:02).
  await page.getByText('Time', { exact: true }).click();
  await page.getByLabel('From (UTC)').fill('2026-01-05T09:00:30');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(grid).toHaveAttribute('aria-rowcount', '2');
  await expect(page).toHaveURL(/from=1767603630000000/);
  await grid.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/alerts\/2$/);
});

test('search, entities, host and account pages, live, help, dark theme', async ({ page, app }) => {
  await page.goto(app.url);
  await page.keyboard.press('Control+k');
  const search = page.getByRole('combobox', { name: 'Search' });
  await expect(search).toBeFocused();
  await search.fill('ws-17');
  await expect(page.getByRole('listbox', { name: 'Search results' }).getByRole('group', { name: 'Hosts and IPs' })).toContainText('WS-17 (10.0.0.66)');
  await shot(page, '13-search');
  // Alerts come first (both titles name WS-17): arrow down past them to the host, Enter opens it.
  await search.press('ArrowDown');
  await search.press('ArrowDown');
  await expect(page.getByRole('option', { selected: true })).toContainText('WS-17 (10.0.0.66) host');
  await search.press('Enter');
  await expect(page).toHaveURL(/#\/entities\/hosts\/10\.0\.0\.66$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('WS-17');
  await expect(page.getByRole('table', { name: 'Alerts as source' }).getByRole('row')).toHaveCount(2);
  await shot(page, '14-host');

  await page.keyboard.press('g');
  await page.keyboard.press('e');
  await expect(page.getByRole('grid', { name: 'Hosts' })).toContainText('DC01');
  await expect(page.getByRole('grid', { name: 'Hosts' })).toContainText('dc (kerberos-answer)');
  await shot(page, '15-hosts');
  await page.getByRole('tab', { name: 'Accounts' }).click();
  await page.getByRole('grid', { name: 'Accounts' }).getByText('bob', { exact: true }).click();
  await page.getByRole('button', { name: 'Tag as sensitive' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'bob tagged as sensitive' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('★');
  await shot(page, '16-account');

  await page.getByRole('link', { name: 'Live' }).click();
  // Either the machine's interfaces or the no-permission hint, depending on where the test runs.
  await expect(page.getByLabel('Interface').or(page.getByText('No interfaces: capture permission?'))).toBeVisible();
  await shot(page, '17-live');
  await page.getByRole('link', { name: 'Help' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Help' })).toBeVisible();
  await expect(page.getByText('LDAP and CLDAP enumeration')).toBeVisible();
  await shot(page, '18-help');

  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Theme').selectOption('dark');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByRole('img', { name: /2 alerts in/ })).toBeVisible();
  await shot(page, '19-overview-dark');
  await page.goto(`${new URL(app.url).origin}/#/alerts/1`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('guessed 3 account names');
  await shot(page, '20-alert-dark');
});

test('File › Export alerts (#/alerts?export=…): the filtered alerts, downloaded in browser mode; Help › What ReconLens does not see (#/help)', async ({ page, app }) => {
  const origin = new URL(app.url).origin;
  await page.goto(app.url);
  await page.goto(`${origin}/#/alerts?status=open&det=2012`);
  await expect(page.getByRole('grid', { name: 'Alerts' })).toHaveAttribute('aria-rowcount', '2');
  // What the desktop menu does: set the address (it carries no filters: the ones on screen apply).
  const download = page.waitForEvent('download');
  await page.evaluate(() => (location.hash = '#/alerts?export=csv'));
  const file = await download;
  expect(file.suggestedFilename()).toBe('reconlens-alerts.csv');
  const { readFileSync } = await import('node:fs');
  const csv = readFileSync(await file.path(), 'utf8').trim().split(/\r\n/);
  expect(csv).toHaveLength(2); // the header and the one 2012 alert
  expect(csv[1]).toMatch(/^2,2012,open,/);
  await expect(page.getByRole('status').filter({ hasText: 'Exported 1 alert as CSV: downloaded as reconlens-alerts.csv' })).toBeVisible();
  await expect(page).toHaveURL(/#\/alerts\?status=open&det=2012$/); // the export is done once, the filters stay
  await shot(page, '27-export-csv');
  const cef = page.waitForEvent('download');
  await page.evaluate(() => (location.hash = '#/alerts?status=all&export=cef'));
  const lines = readFileSync(await (await cef).path(), 'utf8').trim().split('\n');
  expect(lines).toHaveLength(2);
  for (const l of lines) expect(l).toMatch(/^CEF:0\|ReconLens\|ReconLens\|/);
  await expect(page.getByRole('status').filter({ hasText: 'Exported 2 alerts as CEF' })).toBeVisible();
  // The selection bar's export (the schema refuses sort/dir: only the filter and the ids go out).
  await page.getByRole('checkbox', { name: 'Select alert 1' }).check();
  const selected = page.waitForEvent('download');
  await page.getByRole('region', { name: 'Selection' }).getByRole('button', { name: 'Export JSON' }).click();
  const json = JSON.parse(readFileSync(await (await selected).path(), 'utf8')) as { alerts: { id: number }[] };
  expect(json.alerts.map((a) => a.id)).toEqual([1]);

  await page.evaluate(() => (location.hash = '#/help'));
  await expect(page.getByRole('heading', { level: 1, name: 'Help' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'What ReconLens does not see yet' })).toBeVisible();
  await expect(page).toHaveTitle('Help · ReconLens');
});

test('File › Export alerts in the desktop app: written to the data folder, the toast says where', async ({ page, app }) => {
  // The preload's bridge (window.reconlens.call), relayed here to the same handlers over HTTP.
  await page.addInitScript(() => {
    (window as unknown as { reconlens: unknown }).reconlens = {
      call: async (channel: string, args: unknown) => {
        const res = await fetch(`api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-reconlens-token': sessionStorage.getItem('reconlens.token') ?? '' }, body: JSON.stringify(args) });
        const body = (await res.json()) as { ok?: boolean; result?: unknown; error?: string };
        if (!res.ok) throw new Error(`${res.status}: ${body.error ?? ''}`);
        return body.ok ? body.result : body;
      },
    };
  });
  await page.goto(app.url);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.evaluate(() => (location.hash = '#/alerts?export=json'));
  const toast = page.getByRole('status').filter({ hasText: /^Exported 2 alerts as JSON to .*exports[\\/]reconlens-alerts-.*\.json/ });
  await expect(toast).toBeVisible();
  const path = /to (.*\.json)/.exec((await toast.textContent()) ?? '')?.[1] ?? '';
  expect(path.startsWith(app.dir)).toBe(true);
  const { readFileSync } = await import('node:fs');
  expect((JSON.parse(readFileSync(path, 'utf8')) as { alerts: unknown[] }).alerts).toHaveLength(2);
  await expect(page).toHaveURL(/#\/alerts\?status=open$/);
  await shot(page, '28-export-desktop');
});
