import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { escapeInvisible, html, MAX_SHOWN, shown } from '../../main/api/present/escape.ts';

test('control, bidi and zero-width characters become visible escapes', () => {
  assert.equal(escapeInvisible('a\x07b'), 'a\\x07b');
  assert.equal(escapeInvisible('evil\u202Etxt.exe'), 'evil\\u202Etxt.exe');
  assert.equal(escapeInvisible('ad\u200Bmin'), 'ad\\u200Bmin');
  assert.equal(escapeInvisible('\u2066x\u2069'), '\\u2066x\\u2069');
  assert.equal(escapeInvisible('Ünïcödé names stay'), 'Ünïcödé names stay');
});

test('long values are cut at 256 characters and keep the full value', () => {
  const s = shown('x'.repeat(300));
  assert.equal(s.cut, true);
  assert.equal(s.text.length, MAX_SHOWN + 1);
  assert.equal(s.full.length, 300);
  assert.equal(shown('short').cut, false);
});

test('html() leaves no markup and no invisible character, whatever the input', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => {
      const out = html(s);
      assert.ok(!/[<>"'\u202E\u0000-\u001f]/.test(out), out);
    }),
  );
});
