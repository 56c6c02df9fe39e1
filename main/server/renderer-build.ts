/**
 * Browser mode serves dist/renderer/. In a source checkout it may not be built yet: build it with
 * Vite once (about a minute on a small machine) and say so; an installed package ships it built.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './package-root.ts';

export class RendererMissingError extends Error {}

export async function ensureRenderer(say: (line: string) => void, root = packageRoot(), env: NodeJS.ProcessEnv = process.env): Promise<string> {
  // RECONLENS_RENDERER_DIR: serve another build of the UI (development, tests).
  const override = env['RECONLENS_RENDERER_DIR'];
  if (override) {
    if (!existsSync(join(override, 'index.html'))) throw new RendererMissingError(`RECONLENS_RENDERER_DIR=${override} has no index.html`);
    return override;
  }
  const dir = join(root, 'dist', 'renderer');
  if (existsSync(join(dir, 'index.html'))) return dir;
  const config = join(root, 'renderer', 'vite.config.ts');
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(config) || !existsSync(vite)) throw new RendererMissingError(`the UI is not built (${dir} is missing) and cannot be built here (no renderer sources or Vite)`);
  say('reconlens: building the UI once (vite build)…');
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [vite, 'build', '--config', config, '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', () => resolve(-1));
    child.on('exit', (c) => resolve(c));
  });
  if (code !== 0 || !existsSync(join(dir, 'index.html'))) throw new RendererMissingError(`building the UI failed (vite exit ${code}); run: npx vite build --config renderer/vite.config.ts`);
  return dir;
}
