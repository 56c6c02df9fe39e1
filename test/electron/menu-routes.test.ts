/** The routes the desktop menu opens are ones the renderer acts on (tour, export, help). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MENU_ROUTES } from '../../electron/menu.ts';
import { parseHash } from '../../renderer/router.ts';
import { exportFormatOf } from '../../renderer/screens/alert-filters.ts';

test('Help › Tour opens the Overview with the tour; Help › What ReconLens does not see opens Help', () => {
  const tour = parseHash(MENU_ROUTES.tour);
  assert.deepEqual(tour.path, ['overview']);
  assert.equal(tour.query.get('tour'), '1');
  assert.deepEqual(parseHash(MENU_ROUTES.limits).path, ['help']);
});

test('File › Export alerts opens the Alerts screen with a format it exports', () => {
  for (const f of ['cef', 'json', 'csv'] as const) {
    const r = parseHash(MENU_ROUTES.exportAlerts(f));
    assert.deepEqual(r.path, ['alerts']);
    assert.equal(exportFormatOf(r.query), f);
  }
  assert.equal(exportFormatOf(new URLSearchParams('export=xml')), null);
});
