/**
 * Live page: the capture filter (none recommended, and why) and the ring buffer (off by default,
 * files x MB validated inline) reach live.start. The live.* calls are answered by a fake in the
 * page (no real capture: the test machine may have no capture permission); every other call goes to
 * the real server. The status carries the ring (folder, files, MB), so the line survives a reload.
 */
import { existsSync } from 'node:fs';
import type { Route } from '@playwright/test';
import type { LiveStatus } from '../../main/api/contract.ts';
import { idleLive } from '../api/fixture.ts';
import { expect, shot, test } from './app.ts';

const CHROMIUM = '/usr/bin/chromium';
test.skip(!existsSync(CHROMIUM), `${CHROMIUM} is absent`);

test('capture filter and ring buffer options reach live.start; the ring is shown while capturing', async ({ page, app }) => {
  let status: LiveStatus = idleLive;
  const starts: unknown[] = [];
  const answer = (route: Route, result: unknown) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, result }) });
  await page.route('**/api/live.interfaces', (route) => answer(route, [{ name: 'eth1', description: null, addresses: ['10.0.0.5'], up: true }]));
  await page.route('**/api/live.status', (route) => answer(route, status));
  await page.route('**/api/live.start', (route) => {
    const body = route.request().postDataJSON() as { ring?: { files: number; fileMb: number } };
    starts.push(body);
    // As main/live/session.ts answers: the ring in the data folder's live/ folder.
    const ring = body.ring ? { dir: `${app.dir}/live`, ...body.ring } : null;
    status = { ...idleLive, state: 'running', interface: 'eth1', startedAt: '2026-12-04T20:00:00.000Z', packets: 1200, bytes: 900_000, ring };
    return answer(route, status);
  });
  await page.route('**/api/live.stop', (route) => {
    status = { ...idleLive, interface: 'eth1', ring: status.ring };
    return answer(route, status);
  });

  await page.goto(`${app.url}#/live`);
  const filter = page.getByRole('textbox', { name: 'Capture filter' });
  await expect(filter).toHaveAttribute('placeholder', 'none (recommended)');
  await expect(filter).toHaveAccessibleDescription(/port filter loses IP fragments/);
  const ring = page.getByRole('checkbox', { name: 'Ring buffer' });
  await expect(ring).not.toBeChecked();
  await expect(page.getByRole('textbox', { name: 'Ring files' })).toHaveCount(0);

  await filter.fill('not host 10.0.0.99');
  await ring.check();
  const files = page.getByRole('textbox', { name: 'Ring files' });
  const mb = page.getByRole('textbox', { name: 'MB per ring file' });
  await expect(files).toHaveValue('10');
  await expect(mb).toHaveValue('100');
  // Inline validation: a bad value is marked and Start stays off.
  await files.fill('1');
  await expect(files).toHaveAttribute('aria-invalid', 'true');
  await expect(files).toHaveAccessibleDescription('Ring files: from 2 to 1000');
  await expect(page.getByRole('button', { name: 'Start' })).toBeDisabled();
  await mb.fill('abc');
  await expect(mb).toHaveAccessibleDescription(/MB per ring file: a whole number from 1 to 10000$/);
  await shot(page, '17b-live-invalid');
  await files.fill('5');
  await mb.fill('50');
  await expect(files).toHaveAttribute('aria-invalid', 'false');
  await page.getByRole('button', { name: 'Start' }).click();

  await expect(page.getByText('State: running on eth1')).toBeVisible();
  expect(starts).toEqual([{ interface: 'eth1', filter: 'not host 10.0.0.99', ring: { files: 5, fileMb: 50 } }]);
  await expect(page.getByText(/^Ring buffer: .*\/live\/…-0001\.pcapng \(5 x 50 MB\)$/)).toBeVisible();
  await expect(page.getByText(`Ring buffer: ${app.dir}/live/…-0001.pcapng (5 x 50 MB)`)).toBeVisible();
  await shot(page, '17c-live-running');
  // The ring comes with the status: a reload still shows it.
  await page.reload();
  await expect(page.getByText(`Ring buffer: ${app.dir}/live/…-0001.pcapng (5 x 50 MB)`)).toBeVisible();
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByText('State: idle on eth1')).toBeVisible();
  await expect(page.getByText(/^Ring buffer:/)).toHaveCount(0);

  // Off by default and no filter: live.start gets the interface alone.
  await filter.fill('');
  await ring.uncheck();
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByText('State: running on eth1')).toBeVisible();
  expect(starts[1]).toEqual({ interface: 'eth1' });
});
