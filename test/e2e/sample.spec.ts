/** First run: open the bundled sample capture and see one alert per detection, badged "sample"; remove it. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, root, shot, test } from './app.ts';

const CHROMIUM = '/usr/bin/chromium';
const SAMPLE = join(root, 'build', 'sample', 'reconlens-sample.pcapng');
test.skip(!existsSync(CHROMIUM), `${CHROMIUM} is absent`);

test('open the sample capture from the first-run card: the four detections, then remove sample data', async ({ page, app }) => {
  test.skip(!existsSync(SAMPLE), `${SAMPLE} is absent`);
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Open sample capture' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Import done/ })).toBeVisible();
  await page.getByRole('link', { name: 'Alerts' }).click();
  const grid = page.getByRole('grid', { name: 'Alerts' });
  for (const id of ['2003', '2007', '2012', '2021']) await expect(grid.getByRole('row').filter({ hasText: id }).first()).toBeVisible();
  await expect(grid.getByText('sample').first()).toBeVisible();
  await shot(page, '21-sample-alerts');
  await page.getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByRole('img', { name: /alerts in/ })).toBeVisible();
  await shot(page, '22-sample-overview');

  await page.goto(`${new URL(app.url).origin}/#/alerts?status=open&det=2003`);
  await page.getByRole('grid', { name: 'Alerts' }).getByRole('link', { name: /guessed/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/guessed \d+ account names against .* over Kerberos; \d+ exist, \d+ unknown\./);
  await expect(page.getByRole('table', { name: 'Exposed accounts' })).toContainText('alice');
  await shot(page, '23-sample-2003');
  for (const [id, words] of [['2007', /requested a zone transfer \(AXFR\)/], ['2012', /listed the SMB sessions/], ['2021', /over SAMR for/]] as const) {
    await page.goto(`${new URL(app.url).origin}/#/alerts?status=open&det=${id}`);
    await page.getByRole('grid', { name: 'Alerts' }).getByRole('row').nth(1).getByRole('link').nth(1).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(words);
    await expect(page).toHaveTitle(/^Alert #\d+ · ReconLens$/);
    await shot(page, `24-sample-${id}`);
  }

  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Remove sample data' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sample data removed' })).toBeVisible();
  await page.getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByRole('button', { name: 'Open sample capture' })).toBeVisible();
});
