/**
 * Builds the renderer for the web shell (`npm run build:web`): both HTML
 * entries (the app and the Electron media page) into `out/web`, with relative
 * asset URLs so the web shell can serve them from any path.
 *
 * No `node:` imports on purpose: this file is type-checked with the renderer's
 * DOM-only tsconfig.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
// explicit extension: Vite's config loader resolves config imports like Node does
import { cspDevRelax } from './csp-dev-plugin.ts';

/** Converts a `file:` URL to a platform path without `node:url` (handles `/C:/…` on Windows). */
function urlToPath(url: URL): string {
  const path = decodeURIComponent(url.pathname);
  return /^\/[A-Za-z]:/.test(path) ? path.slice(1) : path;
}

const root = urlToPath(new URL('.', import.meta.url));
const outDir = urlToPath(new URL('../out/web', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react(), cspDevRelax()],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      input: {
        index: urlToPath(new URL('./index.html', import.meta.url)),
        media: urlToPath(new URL('./media.html', import.meta.url)),
      },
    },
  },
});
