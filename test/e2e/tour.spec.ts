/**
 * The first-run card's offer of the tour once the sample is open, "Not now", and Help › Tour
 * (#/overview?tour=1) on a seeded database whose capture is badged as the sample.
 */
import { existsSync } from 'node:fs';
import { openDatabase } from '../../db/store.ts';
import { markSample } from '../../db/ui/captures.ts';
import { seed } from '../api/fixture.ts';
import { expect, shot, test } from './app.ts';

const CHROMIUM = '/usr/bin/chromium';
test.skip(!existsSync(CHROMIUM), `${CHROMIUM} is absent`);
test.use({
  seedDb: {
    fill(dbPath: string) {
      const db = openDatabase(dbPath);
      seed(db);
      markSample(db, 1);
      db.close();
    },
  },
});

test('the card offers the tour; its steps link to the sample alerts that exist; Close hides the offer for good', async ({ page, app }) => {
  await page.goto(app.url);
  const offer = page.getByRole('region', { name: 'Get started' });
  await expect(offer).toContainText('The sample capture is open');
  await shot(page, '31-tour-offer');
  await offer.getByRole('button', { name: 'Take the tour' }).click();
  const tour = page.getByRole('dialog', { name: 'Tour' });
  await expect(tour).toBeVisible();
  await expect(tour.getByRole('link', { name: "Open the sample's 2003 alert (#1)" })).toHaveAttribute('href', '#/alerts/1');
  await tour.getByRole('button', { name: 'Next' }).click();
  await expect(tour.getByRole('link')).toHaveCount(0); // the seeded sample has no 2007 alert
  await expect(tour).toContainText('The sample has no 2007 alert');
  await tour.getByRole('button', { name: 'Next' }).click();
  await expect(tour.getByRole('link', { name: "Open the sample's 2012 alert (#2)" })).toBeVisible();
  await tour.getByRole('button', { name: 'Back' }).click();
  await tour.getByRole('button', { name: 'Back' }).click();
  await expect(tour.getByText('Step 1 of 4')).toBeVisible();
  await expect(tour.getByRole('button', { name: 'Back' })).toBeDisabled();
  await expect(tour.getByRole('button', { name: 'Next' })).toBeFocused(); // focus left the disabled Back for Next
  await tour.getByRole('button', { name: 'Close' }).click();
  await expect(tour).toBeHidden();
  await expect(offer).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('img', { name: /alerts in/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Get started' })).toHaveCount(0);
});

test('"Not now" hides the offer for good; Help › Tour still opens the tour', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByRole('region', { name: 'Get started' }).getByRole('button', { name: 'Not now' }).click();
  await expect(page.getByRole('region', { name: 'Get started' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('img', { name: /alerts in/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Get started' })).toHaveCount(0);
  await expect(page.getByRole('dialog', { name: 'Tour' })).toBeHidden();
  await page.goto(`${new URL(app.url).origin}/#/alerts`);
  await page.evaluate(() => (location.hash = '#/overview?tour=1'));
  await expect(page.getByRole('dialog', { name: 'Tour' })).toBeVisible();
  await expect(page).toHaveTitle('Overview · ReconLens');
});
