/**
 * The analyst's main path in browser mode: declare the DC, import a capture through the UI, see
 * the detections, open an alert, check exposed accounts, close and exclude, import another capture
 * of the same source and see no new alert (its activities counted as excluded), undo.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS, expect, shot, test } from './app.ts';

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) console.log(`skipping end-to-end tests: ${CHROMIUM} is absent`);
test.skip(!existsSync(CHROMIUM), `${CHROMIUM} is absent`);

const SHARPHOUND = join(CORPUS, 'samr-enum-lab', 'sharphound_domain_z.pcapng');
const DC = '192.168.12.11';
const SOURCE = '192.168.11.101';

test('import, triage with close and exclude, re-import the same source, undo', async ({ page, app }) => {
  test.skip(!existsSync(SHARPHOUND), `${SHARPHOUND} is absent`);
  await page.goto(app.url);
  await expect(page).not.toHaveURL(/token=/); // the token leaves the address bar
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open sample capture' })).toBeVisible(); // first-run card
  await shot(page, '01-first-run');

  // Settings: declare the DC (the capture was taken away from it). An invalid one is refused inline first.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const dcs = page.getByLabel('Domain controllers (declared)');
  await dcs.fill('192.168.12.300');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('not an IP address')).toBeVisible();
  await expect(dcs).toHaveAttribute('aria-invalid', 'true');
  await dcs.fill(DC);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved' })).toBeVisible();
  await shot(page, '02-settings');

  // Import through the UI (browser mode uploads the file first), as forensic evidence.
  await page.getByRole('link', { name: 'Captures' }).click();
  await page.getByLabel(/Forensic import: alert on any SAMR reconnaissance \(sets the learning period to 0 for this database\)/).check();
  await page.getByLabel('Capture files').setInputFiles(SHARPHOUND);
  await expect(page.getByRole('status').filter({ hasText: /Import done: 2 alerts/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Captures' }).getByRole('row')).toHaveCount(2);
  await shot(page, '03-captures');
  await page.getByRole('table', { name: 'Captures' }).getByRole('link', { name: /sharphound_domain_z/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Import report');
  await shot(page, '04-import-report');

  // The detections.
  await page.getByRole('link', { name: 'Alerts' }).click();
  const grid = page.getByRole('grid', { name: 'Alerts' });
  await expect(grid).toHaveAttribute('aria-rowcount', '3');
  await expect(grid.getByRole('row')).toHaveCount(3);
  await expect(grid).toContainText('2012');
  await expect(grid).toContainText('2021');
  await shot(page, '05-alerts');

  // Overview has the counts and the chart (with its text summary and table).
  await page.getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByRole('img', { name: /2 alerts in/ })).toBeVisible();
  await shot(page, '06-overview');
  await page.getByRole('button', { name: 'Show as table' }).click();
  await expect(page.getByRole('table', { name: 'Alerts over time' })).toBeVisible();

  // Open the SAMR alert: title sentence, exposed sensitive accounts with their reasons.
  await page.goto(`${new URL(app.url).origin}/#/alerts?status=open&det=2021`);
  await page.getByRole('grid', { name: 'Alerts' }).getByRole('link', { name: /queried/ }).click();
  const h1 = page.getByRole('heading', { level: 1 });
  await expect(h1).toContainText(`on ${SOURCE} queried ${DC} over SAMR`);
  await expect(h1).toContainText('No baseline (learning period off).');
  const exposed = page.getByRole('table', { name: 'Exposed accounts' });
  await expect(exposed.getByRole('row').first()).toContainText('★');
  await expect(exposed).toContainText(/sensitive: RID 5\d\d/);
  await shot(page, '07-alert');

  // Close and exclude, in one click.
  await page.getByRole('button', { name: `Close and exclude ${SOURCE}` }).click();
  await expect(page.getByRole('status').filter({ hasText: `Closed as B-TP, ${SOURCE} excluded from 2021` })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reopen' })).toBeVisible();
  await shot(page, '08-closed-and-excluded');

  // Another capture of the same source: no new alert, its activities counted as excluded.
  const again = join(app.dir, 'sharphound-again.pcapng');
  execFileSync('editcap', ['-F', 'pcapng', SHARPHOUND, again]); // same packets, a different file (another sha256)
  await page.getByRole('link', { name: 'Captures' }).click();
  await page.getByLabel('Capture files').setInputFiles(again);
  await expect(page.getByRole('status').filter({ hasText: /Import done/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Captures' }).getByRole('row')).toHaveCount(3);
  await page.getByRole('link', { name: 'Alerts' }).click();
  await page.getByRole('group', { name: 'Status' }).getByRole('button', { name: /All/ }).click();
  await expect(page.getByRole('grid', { name: 'Alerts' })).toHaveAttribute('aria-rowcount', '3'); // still 2 alerts
  // The Overview lists the last captures, newest first, each with its blind spots and a link to its import report.
  await page.getByRole('link', { name: 'Overview' }).click();
  const recent = page.getByRole('table', { name: 'Last captures' });
  await expect(recent.getByRole('row')).toHaveCount(3);
  await expect(recent.getByRole('row').nth(1)).toContainText('sharphound-again.pcapng');
  await expect(recent.getByRole('row').nth(1)).toContainText('complete');
  await expect(recent.getByRole('row').nth(2)).toContainText('sharphound_domain_z.pcapng');
  await shot(page, '09a-overview-last-captures');
  await recent.getByRole('link', { name: 'sharphound-again.pcapng' }).click();
  await expect(page).toHaveURL(/#\/captures\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('sharphound-again.pcapng');
  await page.getByRole('link', { name: 'Exclusions' }).click();
  const exclusions = page.getByRole('table', { name: 'Exclusions' });
  await expect(exclusions.getByRole('row').filter({ hasText: SOURCE })).toContainText(/[1-9]\d* activities/);
  await shot(page, '09-exclusions');

  // Remove the exclusion, then undo from the toast: it is active again.
  await page.getByRole('button', { name: `Remove exclusion ${SOURCE}` }).click();
  const toast = page.getByRole('status').filter({ hasText: 'Exclusion removed' });
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Undone/ })).toBeVisible();
  await expect(exclusions.getByRole('row').filter({ hasText: SOURCE })).toBeVisible();
});

test('close and exclude is undone from its toast: alert open again, exclusion gone', async ({ page, app }) => {
  test.skip(!existsSync(SHARPHOUND), `${SHARPHOUND} is absent`);
  await page.goto(app.url);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Domain controllers (declared)').fill(DC);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved' })).toBeVisible();
  await page.getByRole('link', { name: 'Captures' }).click();
  const forensic = page.getByLabel(/Forensic import: alert on any SAMR reconnaissance \(sets the learning period to 0 for this database\)/);
  await expect(forensic).toHaveAccessibleDescription(/stays at 0 days .* until you change it in Settings/);
  await forensic.check();
  await page.getByLabel('Capture files').setInputFiles(SHARPHOUND);
  await expect(page.getByRole('status').filter({ hasText: /Import done/ })).toBeVisible();
  // The forensic import saved learning 0 as the database's setting: Settings says so.
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByLabel('2021: SAMR learning period, days')).toHaveValue('0');
  await expect(page.getByRole('note', { name: 'Current SAMR learning period' })).toHaveText(/^Now: 0 days, no learning period\./);
  await shot(page, '25-settings-learning-0');
  await page.getByRole('link', { name: 'Alerts' }).click();
  await page.getByRole('grid', { name: 'Alerts' }).getByRole('link', { name: /listed the SMB sessions/ }).click();
  const h1 = page.getByRole('heading', { level: 1 });
  await expect(h1).toContainText(`listed the SMB sessions on ${DC}`);
  // Source and target in the title sentence link to their host pages; the heading's name stays the sentence.
  await expect(h1.getByRole('link', { name: new RegExp(SOURCE.replace(/\./g, '\\.')) })).toHaveAttribute('href', `#/entities/hosts/${SOURCE}`);
  await expect(h1.getByRole('link', { name: new RegExp(DC.replace(/\./g, '\\.')) })).toHaveAttribute('href', `#/entities/hosts/${DC}`);
  await expect(page.getByRole('heading', { level: 1, name: /listed the SMB sessions on .*users? exposed\.$/ })).toBeVisible();
  await shot(page, '26-alert-title-links');
  await h1.getByRole('link', { name: new RegExp(DC.replace(/\./g, '\\.')) }).click();
  await expect(page).toHaveURL(new RegExp(`#/entities/hosts/${DC.replace(/\./g, '\\.')}$`));
  await page.goBack();
  await expect(h1).toContainText(`listed the SMB sessions on ${DC}`);
  await page.keyboard.press('e'); // the keyboard shortcut for Close and exclude
  const toast = page.getByRole('status').filter({ hasText: `Closed as B-TP, ${SOURCE} excluded from 2012` });
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('button', { name: `Close and exclude ${SOURCE}` })).toBeVisible();
  await page.getByRole('button', { name: /Audit/ }).click();
  const audit = page.getByRole('dialog', { name: 'Audit' });
  await expect(audit).toContainText('close-and-exclude');
  await expect(audit).toContainText('undo');
  await audit.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('link', { name: 'Exclusions' }).click();
  await expect(page.getByText('No exclusions yet')).toBeVisible();

  // The Close… dialog: TP with a note.
  await page.goBack();
  await page.getByRole('button', { name: 'Close…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Close alert' });
  await dialog.getByLabel(/TP true positive/).check();
  await dialog.getByLabel('Note').fill('pentest by the red team');
  await shot(page, '10-close-dialog');
  await dialog.getByRole('button', { name: 'Close alert' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Closed as TP' })).toBeVisible();
  await expect(page.getByText('pentest by the red team')).toBeVisible();
});
