// Makes `npx reconlens` work inside this checkout: npm links the bins of dependencies into
// node_modules/.bin but not the project's own, and npx looks only there. Run by `npm install` (prepare).
import { mkdirSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { join, relative } from 'node:path';

const binDir = join('node_modules', '.bin');
mkdirSync(binDir, { recursive: true });
const target = join('bin', 'reconlens.mjs');
const link = join(binDir, 'reconlens');
rmSync(link, { force: true });
if (process.platform === 'win32') {
  writeFileSync(`${link}.cmd`, `@node "%~dp0\\..\\..\\bin\\reconlens.mjs" %*\r\n`);
} else {
  symlinkSync(relative(binDir, target), link);
  chmodSync(target, 0o755);
}
