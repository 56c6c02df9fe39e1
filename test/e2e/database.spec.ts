/**
 * Settings › Database in browser mode: back up, create a second database (one per case) and see
 * the empty first-run state, then open the first one again from the recent list and see its alerts.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../db/store.ts';
import { seed } from '../api/fixture.ts';
import { expect, shot, SHOTS, test } from './app.ts';

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

test('back up, create a second database, see the first-run state, open the first again and see its alerts', async ({ page, app }) => {
  await page.goto(`${app.url}#/settings`);
  const section = page.getByRole('region', { name: 'Database' });
  const facts = section.getByLabel('Current database');
  const current = facts.getByRole('definition').filter({ hasText: 'activities' });
  await expect(facts.getByText(app.dbPath, { exact: true })).toBeVisible();
  await expect(current).toHaveText('1 capture, 4 activities, 2 alerts');

  // Back up to the proposed file in the data folder.
  await section.getByRole('button', { name: 'Back up…' }).click();
  const backupDialog = page.getByRole('dialog', { name: 'Back up the database' });
  await expect(backupDialog.getByLabel('Backup file')).toHaveValue(/backups\/reconlens-.*\.db$/);
  await backupDialog.getByRole('button', { name: 'Back up', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Backed up to' })).toBeVisible();
  expect(readdirSync(join(app.dir, 'backups')).filter((f) => f.endsWith('.db'))).toHaveLength(1);

  await section.getByRole('button', { name: 'Check integrity' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Integrity check: ok' })).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  await section.screenshot({ path: join(SHOTS, 'settings-database.png') });

  // Opening a file that does not exist says so inline, in the dialog.
  await section.getByRole('button', { name: 'Open or create another database…' }).click();
  const openDialog = page.getByRole('dialog', { name: 'Open or create another database' });
  await openDialog.getByLabel('Database file').fill('case-b.db');
  await openDialog.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(openDialog.getByRole('alert')).toContainText('use Create');
  await shot(page, 'settings-database-open-dialog');
  // Create it: the app reloads on the new, empty database and shows the first-run card.
  await openDialog.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Open sample capture' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: `Created ${join(app.dir, 'case-b.db')}` })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
  await expect(page.getByText('No reconnaissance', { exact: false })).toBeVisible();

  // Open the first again from the recent list.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(facts.getByText(join(app.dir, 'case-b.db'), { exact: true })).toBeVisible();
  await expect(current).toHaveText('0 captures, 0 activities, 0 alerts');
  await section.getByRole('list', { name: 'Recent databases' }).getByRole('button', { name: `Open ${app.dbPath}` }).click();
  await expect(page.getByRole('status').filter({ hasText: `Opened ${app.dbPath}` })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
  const grid = page.getByRole('grid', { name: 'Alerts' });
  await expect(grid.getByText('listed the SMB sessions', { exact: false })).toBeVisible();
  await expect(grid.getByText('guessed 3 account names', { exact: false })).toBeVisible();
});
