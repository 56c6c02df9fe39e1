// Builds the renderer into dist/renderer/ with relative paths (base './') so that the same files load
// from file:// in Electron and from the browser-mode server. No remote content, no inline scripts.
// (No Node built-ins here: the lint rule for renderer/ applies to this file too; URLs do the job.)
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: `${here}../dist/renderer`,
    emptyOutDir: true,
    sourcemap: true,
    // The app loads from disk, not the network: one bigger chunk is fine.
    chunkSizeWarningLimit: 2000,
    modulePreload: { polyfill: false },
  },
});
