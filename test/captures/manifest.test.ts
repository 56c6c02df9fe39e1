// CI check: every committed capture under test/captures/ matches its entry in manifest.json —
// the bytes (sha256, size), what capinfos says (packets, format, link type) and the key tshark
// facts (Kerberos AS-REQs and error codes, zone transfers, NetrSessionEnum calls, SAMR opnums, SMB3
// encrypted frames, NTLM users). The capinfos/tshark checks are skipped, with the reason printed,
// where those tools are absent. MANIFEST.md must be the rendering of manifest.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileFacts, haveTool, protocolFacts, sha256 } from './facts.ts';
import { CAPTURE_RE, type Manifest, renderManifestMd } from './manifest.ts';

const DIR = import.meta.dirname;
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as Manifest;
const files = readdirSync(DIR).filter((f) => CAPTURE_RE.test(f)).sort();
const HAVE_CAPINFOS = haveTool('capinfos');
const HAVE_TSHARK = haveTool('tshark');
const MAX_FILE = 700 * 1024;           // "small": a few hundred KB each
const MAX_TOTAL = 3 * 1024 * 1024;     // about 3 MB in all

test('every capture file has a manifest entry and every entry has its file', () => {
  const listed = manifest.captures.map((c) => c.file).sort();
  assert.deepEqual(listed, files);
  assert.equal(new Set(listed).size, listed.length, 'duplicate entries');
});

test('captures stay small', () => {
  let total = 0;
  for (const f of files) {
    const n = readFileSync(join(DIR, f)).length;
    assert.ok(n <= MAX_FILE, `${f} is ${n} bytes (max ${MAX_FILE})`);
    total += n;
  }
  assert.ok(total <= MAX_TOTAL, `captures total ${total} bytes (max ${MAX_TOTAL})`);
});

test('MANIFEST.md is the rendering of manifest.json', () => {
  assert.equal(readFileSync(join(DIR, 'MANIFEST.md'), 'utf8'), renderManifestMd(manifest),
    'run: node --import tsx test/lab/update-manifest.ts');
});

for (const c of manifest.captures) {
  test(`${c.file}: entry is complete`, () => {
    assert.ok(c.shows.length > 20, 'says what it shows');
    assert.ok(c.regenerate.length > 0 && c.origin.length > 0, 'says how it was made');
    assert.ok(c.expectedAlerts.length > 0 || (c.expectNoAlert ?? '').length > 0,
      'lists expected alerts or says why there are none');
    for (const a of c.expectedAlerts) {
      assert.match(a.detection, /^(2003|2007|2012|2021)$/);
      assert.match(a.source, /^[0-9a-f.:]+$/);
      assert.match(a.target, /^[0-9a-f.:]+$/);
      assert.ok(Array.isArray(a.exposedAccounts));
      for (const n of a.exposedAccounts) assert.ok(!n.includes('\\'), `${n}: exposed accounts carry no domain prefix`);
    }
  });

  test(`${c.file}: sha256 and size`, () => {
    const path = join(DIR, c.file);
    assert.equal(sha256(path), c.sha256, 'sha256 (regenerated? run test/lab/update-manifest.ts and review)');
    assert.equal(readFileSync(path).length, c.bytes);
  });

  test(`${c.file}: packets, format, link type (capinfos)`, (t) => {
    if (!HAVE_CAPINFOS) { t.skip('capinfos not installed (wireshark-common)'); console.log('# skip: capinfos not installed'); return; }
    const ff = fileFacts(join(DIR, c.file));
    assert.deepEqual({ packets: ff.packets, format: ff.format, encapsulation: ff.encapsulation },
      { packets: c.packets, format: c.format, encapsulation: c.encapsulation });
  });

  if (c.sameFramesAs) {
    test(`${c.file}: carries the frames of ${c.sameFramesAs}`, () => {
      const b = manifest.captures.find((x) => x.file === c.sameFramesAs);
      assert.ok(b, `${c.sameFramesAs} is in the manifest`);
      assert.equal(c.packets, b.packets, 'packets');
      assert.deepEqual(c.facts, b.facts, 'tshark facts');
    });
  }

  test(`${c.file}: key tshark facts`, (t) => {
    if (!HAVE_TSHARK) { t.skip('tshark not installed'); console.log('# skip: tshark not installed'); return; }
    assert.deepEqual(protocolFacts(join(DIR, c.file)), c.facts, `facts were computed with ${manifest.tshark ?? '?'}`);
  });
}

// The bundled sample is described by build/sample/README.md (its alerts are pinned by the golden
// test): the README must name the sha256 and packet count of the file that ships.
test('build/sample: README.md names the sample file that ships', (t) => {
  const sample = join(DIR, '..', '..', 'build', 'sample', 'reconlens-sample.pcapng');
  const readme = readFileSync(join(DIR, '..', '..', 'build', 'sample', 'README.md'), 'utf8');
  assert.ok(readme.includes(sha256(sample)), 'README.md gives the sample\'s sha256');
  assert.ok(readme.includes(`${readFileSync(sample).length} bytes`), 'README.md gives its size');
  assert.ok(readFileSync(sample).length <= 400 * 1024, 'a few hundred KB at most');
  if (!HAVE_CAPINFOS) { t.diagnostic('capinfos not installed: packet count not checked'); console.log('# skip: capinfos not installed'); return; }
  assert.ok(readme.includes(`${fileFacts(sample).packets} packets`), 'README.md gives its packet count');
});
