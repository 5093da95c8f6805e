/**
 * electron-vite build of the desktop app into out/:
 *   out/main/index.js        main process (ESM, package.json "type": "module"),
 *                            entry src-main/shell/main.ts
 *   out/preload/*.cjs        the two preloads, CommonJS single files: sandboxed
 *                            preloads cannot load ESM nor require anything but
 *                            'electron' (and a few Node builtins), so nothing is
 *                            externalized and there is no code splitting
 *   out/renderer/            index.html (UI) and media.html (hidden media window)
 * The web shell's renderer build is src-renderer/vite.web.config.ts (out/web).
 */
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { cspDevRelax } from './src-renderer/csp-dev-plugin';
import { ucChannelsDefine } from './src-preload/uc-channels-define';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // Runtime dependencies (better-sqlite3 is native, sip.js, ws, zod…) stay
      // in node_modules; electron-builder packs them and unpacks *.node files.
      externalizeDeps: true,
      rolldownOptions: {
        input: { index: resolve(root, 'src-main/shell/main.ts') },
      },
    },
  },
  preload: {
    // the contract's channel lists, computed here so the preload checks them without bundling zod
    define: ucChannelsDefine(),
    build: {
      outDir: resolve(root, 'out/preload'),
      externalizeDeps: false,
      isolatedEntries: true,
      rolldownOptions: {
        input: {
          preload: resolve(root, 'src-preload/preload.ts'),
          'media-preload': resolve(root, 'src-preload/media-preload.ts'),
        },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    // cspDevRelax: only while serving (React refresh preamble); builds keep the strict CSP.
    plugins: [react(), cspDevRelax()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: {
        input: {
          index: resolve(root, 'src-renderer/index.html'),
          media: resolve(root, 'src-renderer/media.html'),
        },
      },
    },
  },
});
