// `npm test`: every unit and integration test under test/ with Node's test runner (through tsx),
// then the end-to-end tests (Playwright, browser mode in Debian's Chromium). Node 20's runner takes
// no globs, so the files are listed here. Prints one closing "N passed, N failed" line for both.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const long = process.env.RECONLENS_LONG === '1';
function find(dir, re, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name === 'e2e' || name === 'node_modules' || name === 'lab') continue;
      find(p, re, out);
    } else if (re.test(name)) out.push(p);
  }
  return out;
}
const files = find('test', long ? /\.(test|long\.test)\.ts$/ : /\.test\.ts$/).filter((f) => long || !f.endsWith('.long.test.ts')).sort();
const only = process.argv.slice(2);
const selected = only.length ? files.filter((f) => only.some((o) => f.includes(o))) : files;

let passed = 0, failed = 0, skipped = 0;
const unit = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...selected], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 28 });
process.stdout.write(unit.stdout ?? '');
const num = (re) => Number((unit.stdout ?? '').match(re)?.[1] ?? 0);
passed += num(/ℹ pass (\d+)/); failed += num(/ℹ fail (\d+)/); skipped += num(/ℹ skipped (\d+)/);
if (unit.status !== 0 && failed === 0) failed += 1; // the runner itself failed

const e2eDir = 'test/e2e';
if (!only.length && existsSync(e2eDir) && process.env.RECONLENS_SKIP_E2E !== '1') {
  const pw = spawnSync('npx', ['playwright', 'test', '--config', 'test/e2e/playwright.config.ts'], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 28 });
  process.stdout.write(pw.stdout ?? '');
  const out = pw.stdout ?? '';
  passed += Number(out.match(/(\d+) passed/)?.[1] ?? 0);
  // Passed on its CI retry: counted as passed, and named so that nobody mistakes it for stable.
  const flaky = Number(out.match(/(\d+) flaky/)?.[1] ?? 0);
  if (flaky > 0) console.log(`note: ${flaky} end-to-end test(s) passed only on retry (flaky)`);
  passed += flaky;
  failed += Number(out.match(/(\d+) failed/)?.[1] ?? 0);
  skipped += Number(out.match(/(\d+) skipped/)?.[1] ?? 0);
  if (pw.status !== 0 && !/(\d+) failed/.test(out)) failed += 1;
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
