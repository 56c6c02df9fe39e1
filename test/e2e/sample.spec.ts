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

  // The first time the sample is ready, the tour of the four detections opens by itself.
  const tour = page.getByRole('dialog', { name: 'Tour' });
  await expect(tour).toBeVisible();
  await expect(page).toHaveURL(/#\/overview\?tour=1$/);
  const ids: Record<string, string> = {};
  for (const [i, id] of ['2003', '2007', '2012', '2021'].entries()) {
    await expect(tour.getByText(`Step ${i + 1} of 4`)).toBeVisible();
    await expect(tour.getByRole('heading', { level: 3 })).toContainText(id);
    const link = tour.getByRole('link', { name: new RegExp(`^Open the sample's ${id} alert \\(#\\d+\\)$`) });
    await expect(link).toBeVisible();
    ids[id] = (await link.getAttribute('href')) ?? '';
    await expect(tour).toContainText('Is it benign?');
    if (i === 0) await shot(page, '29-tour-step-1');
    if (i < 3) await tour.getByRole('button', { name: 'Next' }).click();
  }
  await expect(tour.getByRole('button', { name: 'Next' })).toHaveCount(0);
  await expect(tour.getByRole('button', { name: 'Done' })).toBeFocused(); // focus stays on the button pressed
  await shot(page, '30-tour-step-4');
  await tour.getByRole('button', { name: 'Back' }).click();
  await expect(tour.getByText('Step 3 of 4')).toBeVisible();
  // Focus is trapped: Tab and Shift+Tab cycle inside the dialog.
  const inside = () => page.evaluate(() => document.querySelector('dialog[open]')?.contains(document.activeElement) === true);
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    expect(await inside()).toBe(true);
  }
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Shift+Tab');
    expect(await inside()).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(tour).toBeHidden();
  await expect(page).toHaveURL(/#\/overview$/);
  // Closed once: never again by itself, and the first-run card no longer offers it.
  await page.reload();
  await expect(page.getByRole('img', { name: /alerts in/ })).toBeVisible();
  await expect(tour).toBeHidden();
  await expect(page.getByRole('button', { name: 'Take the tour' })).toHaveCount(0);
  // Help › Tour (what the desktop menu does): opens it; Esc gives focus back to where it was.
  await page.getByRole('link', { name: 'Help' }).first().focus();
  await page.evaluate(() => (location.hash = '#/overview?tour=1'));
  await expect(tour).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(tour).toBeHidden();
  await expect(page.getByRole('link', { name: 'Help' }).first()).toBeFocused();
  // A step's link opens the sample's alert of that detection.
  await page.evaluate(() => (location.hash = '#/overview?tour=1'));
  await tour.getByRole('button', { name: 'Next' }).click();
  await tour.getByRole('link', { name: /Open the sample's 2007 alert/ }).click();
  await expect(page).toHaveURL(new RegExp(`${(ids['2007'] ?? '').replace(/[#/]/g, '\\$&')}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/requested a zone transfer/);
  await expect(tour).toBeHidden();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
  const grid = page.getByRole('grid', { name: 'Alerts' });
  for (const id of ['2003', '2007', '2012', '2021']) await expect(grid.getByRole('row').filter({ hasText: id }).first()).toBeVisible();
  await expect(grid.getByText('sample').first()).toBeVisible();
  await shot(page, '21-sample-alerts');
  await page.getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByRole('img', { name: /alerts in/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Last captures' }).getByRole('row').nth(1)).toContainText(/reconlens-sample\.pcapng\s*sample/);
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
