import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cefHeader, cefLine, cefValue } from '../../db/export/cef.ts';
import { csvCell, toCsv } from '../../db/export/csv.ts';
import { exportText } from '../../db/export/index.ts';
import type { ExportAlert } from '../../db/export/rows.ts';
import { batch, countingSummarizers, S, sessionEnum, sha, T0, tempStore, update } from './helpers.ts';

const alert: ExportAlert = {
  id: 7, detection: '2012', title: 'a|b\\c', severity: 'medium', status: 'open', classification: null,
  source: { ip: '10.0.0.66', name: 'WS=17' }, target: { ip: '10.0.0.10', name: null },
  firstSeen: '2026-01-05T09:00:00.000Z', lastSeen: '2026-01-05T09:40:00.000Z', exposedAccounts: ['=cmd|calc', 'bob'], details: {},
  activityCount: 3, users: ['ali\nce'],
};

test('CEF header escapes | and \\; extension values escape = \\ and line breaks', () => {
  assert.equal(cefHeader('a|b\\c\nd'), 'a\\|b\\\\c d');
  assert.equal(cefValue('x=1\\2\r\ny\rz'), 'x\\=1\\\\2\\ny\\rz');
  const line = cefLine(alert, '0.1.0');
  assert.ok(line.startsWith('CEF:0|ReconLens|ReconLens|0.1.0|EnumerateSessionsSecurityAlert|a\\|b\\\\c|5|start=1767603600000 '), line);
  assert.match(line, / suser=ali\\nce /);
  assert.match(line, / shost=WS\\=17 /);
  assert.match(line, / cnt=3 externalId=2012 /);
  assert.equal(line.split('\n').length, 1);
  // A parser reading seven header fields sees the title whole, and the severity where it belongs.
  const field = String.raw`((?:\\.|[^|\\])*)`;
  const m = new RegExp(`^${Array(7).fill(field).join('\\|')}\\|(.*)$`).exec(line);
  assert.deepEqual(m?.slice(1, 8), ['CEF:0', 'ReconLens', 'ReconLens', '0.1.0', 'EnumerateSessionsSecurityAlert', 'a\\|b\\\\c', '5']);
});

test('CSV quotes per RFC 4180 and defuses cells a spreadsheet would run as formulas', () => {
  for (const [raw, want] of [['=1+1', "'=1+1"], ['+1', "'+1"], ['-2', "'-2"], ['@SUM(A1)', "'@SUM(A1)"], ['\tx', "'\tx"], ['\rx', `"'\rx"`], ['a,b', '"a,b"'], ['say "hi"', '"say ""hi"""'], ['plain', 'plain']] as const) {
    assert.equal(csvCell(raw), want, raw);
  }
  assert.equal(csvCell(null), '');
  assert.equal(csvCell(42), '42');
  const csv = toCsv([alert]);
  const lines = csv.split('\r\n');
  assert.equal(lines.length, 3);
  assert.match(lines[1] ?? '', /,'=cmd\|calc; bob,/);
});

test('exports read the stored alerts; --since leaves out older ones', () => {
  const t = tempStore();
  try {
    const sink = t.store.createSink(countingSummarizers());
    const { id } = sink.beginCapture({ file: 'c.pcap', size: 1, sha256: sha(1), live: false });
    const a = sessionEnum('10.0.0.66', '10.0.0.10', 'alice', T0);
    const b = sessionEnum('10.0.0.77', '10.0.0.10', 'bob', T0 + 3600 * S);
    sink.writeBatch(batch(id, [a, b], [update('2012', [a]), update('2012', [b])]));
    const cef = exportText(t.store.db, 'cef', '0.1.0');
    assert.equal(cef.count, 2);
    assert.match(cef.text, /suser=alice /);
    const json = JSON.parse(exportText(t.store.db, 'json', '0.1.0', T0 + 1800 * S).text) as { alerts: { source: { ip: string } }[] };
    assert.deepEqual(json.alerts.map((x) => x.source.ip), ['10.0.0.77']);
    assert.deepEqual(Object.keys(json.alerts[0]!).sort(), ['classification', 'details', 'detection', 'exposedAccounts', 'firstSeen', 'id', 'lastSeen', 'severity', 'source', 'status', 'target', 'title']);
    assert.equal(exportText(t.store.db, 'csv', '0.1.0').text.split('\r\n').length, 4);
  } finally {
    t.done();
  }
});
