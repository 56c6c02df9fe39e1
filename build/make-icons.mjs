// Renders build/icons/icon.svg to PNGs (16..512) with headless Chromium, and packs a Windows .ico
// (PNG entries, Vista+). macOS .icns is made by electron-builder from the 512 px PNG.
// Usage: node build/make-icons.mjs   (needs chromium or google-chrome on PATH)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'icons');
export const SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

function findChromium() {
  for (const c of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    try {
      execFileSync('which', [c], { stdio: 'ignore' });
      return c;
    } catch {
      // try the next name
    }
  }
  throw new Error('make-icons: no chromium or google-chrome on PATH (apt-get install chromium)');
}

/** ICO with PNG payloads: ICONDIR (6 bytes), ICONDIRENTRY (16 bytes) each, then the PNGs. */
export function packIco(pngs) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  let offset = 6 + 16 * pngs.length;
  const entries = pngs.map(({ size, data }) => {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0);
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...pngs.map((p) => p.data)]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const chromium = findChromium();
  const work = mkdtempSync(join(tmpdir(), 'rl-icons-'));
  try {
    const svg = readFileSync(join(dir, 'icon.svg'), 'utf8');
    for (const size of SIZES) {
      // An HTML page that draws the SVG at exactly size x size on a transparent background.
      const html = join(work, `${size}.html`);
      writeFileSync(html, `<!doctype html><style>html,body{margin:0;background:transparent}img{display:block;width:${size}px;height:${size}px}</style><img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}">`);
      const out = join(dir, `${size}x${size}.png`);
      execFileSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--default-background-color=00000000', `--window-size=${size},${size}`, `--screenshot=${out}`, pathToFileURL(html).href], { stdio: 'ignore' });
      if (!existsSync(out)) throw new Error(`make-icons: chromium wrote no ${out}`);
    }
    writeFileSync(join(dir, 'icon.png'), readFileSync(join(dir, '512x512.png')));
    writeFileSync(join(dir, 'icon.ico'), packIco(ICO_SIZES.map((size) => ({ size, data: readFileSync(join(dir, `${size}x${size}.png`)) }))));
    console.log(`icons: ${SIZES.join(', ')} px, icon.png, icon.ico -> ${dir}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
