// Recompute the measured part of test/captures/manifest.json (sha256, size, packets, format, link
// type, tshark facts) for every capture it lists, and render test/captures/MANIFEST.md from it.
//
//   node --import tsx test/lab/update-manifest.ts            rewrite both files
//   node --import tsx test/lab/update-manifest.ts --check    exit 1 if either would change
//
// The described part of each entry (what it shows, expected alerts, blind spots, how to
// regenerate) is written by hand in manifest.json and kept as is. A capture file under
// test/captures/ without an entry, or an entry without its file, is an error: describe it first.
// Needs capinfos and tshark (Wireshark 4.0 was used for the committed facts).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileFacts, protocolFacts, tsharkVersion } from '../captures/facts.ts';
import { CAPTURE_RE, type Manifest, type ManifestEntry, renderManifestMd } from '../captures/manifest.ts';

const DIR = join(import.meta.dirname, '..', 'captures');
const check = process.argv.includes('--check');

const jsonPath = join(DIR, 'manifest.json');
const mdPath = join(DIR, 'MANIFEST.md');
const manifest = JSON.parse(readFileSync(jsonPath, 'utf8')) as Manifest;

const onDisk = readdirSync(DIR).filter((f) => CAPTURE_RE.test(f)).sort();
const listed = new Set(manifest.captures.map((c) => c.file));
const problems: string[] = [];
for (const f of onDisk) if (!listed.has(f)) problems.push(`${f}: no entry in manifest.json (describe it first)`);
for (const c of manifest.captures) if (!onDisk.includes(c.file)) problems.push(`${c.file}: listed but not in test/captures/`);
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}

const updated: ManifestEntry[] = manifest.captures.map((c) => {
  const path = join(DIR, c.file);
  const ff = fileFacts(path);
  return { ...c, sha256: ff.sha256, bytes: ff.bytes, packets: ff.packets, format: ff.format, encapsulation: ff.encapsulation, facts: protocolFacts(path) };
});
updated.sort((a, b) => a.file.localeCompare(b.file));
const next: Manifest = { ...manifest, tshark: tsharkVersion(), captures: updated };
const json = JSON.stringify(next, null, 2) + '\n';
const md = renderManifestMd(next);

if (check) {
  const stale = [jsonPath, mdPath].filter((p, i) => readFileSync(p, 'utf8') !== [json, md][i]);
  if (stale.length) { console.error(`out of date: ${stale.join(', ')}`); process.exit(1); }
  console.log('manifest up to date');
} else {
  writeFileSync(jsonPath, json);
  writeFileSync(mdPath, md);
  const total = updated.reduce((n, c) => n + (c.bytes ?? 0), 0);
  console.log(`${updated.length} captures, ${total} bytes; wrote manifest.json and MANIFEST.md`);
}
