/**
 * Bundle-size report (`npm run bundle:size`): the size of each JS and CSS
 * chunk of the built renderer, raw and gzipped. It builds nothing: run
 * `npm run build:web` (out/web) or `npm run build` (out/renderer too) first.
 *
 *   npm run bundle:size               every renderer build found under out/
 *   npm run bundle:size -- out/web    one build folder
 *
 * gzip: node:zlib at its default level (6), what a web server typically
 * sends; Vite's own build summary may differ by a percent or so.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(import.meta.dirname, '../..');
/** the renderer builds: the web shell's (vite.web.config.ts) and electron-vite's */
const DEFAULT_DIRS = ['out/web', 'out/renderer'];
const CHUNK = /\.(js|mjs|css)$/;

interface Chunk {
  file: string;
  raw: number;
  gzip: number;
}

function chunksIn(dir: string): Chunk[] {
  const found: Chunk[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (CHUNK.test(name)) {
        const bytes = readFileSync(path);
        found.push({ file: relative(dir, path), raw: bytes.length, gzip: gzipSync(bytes).length });
      }
    }
  };
  walk(dir);
  return found.sort((a, b) => b.raw - a.raw);
}

const kB = (n: number) => `${(n / 1000).toFixed(2)} kB`;

function report(dir: string): void {
  const chunks = chunksIn(dir);
  const width = Math.max(5, ...chunks.map((c) => c.file.length));
  console.log(`\n${dir.startsWith(`${ROOT}/`) ? relative(ROOT, dir) : dir}`);
  console.log(`  ${'chunk'.padEnd(width)}  ${'raw'.padStart(11)}  ${'gzip'.padStart(11)}`);
  for (const c of chunks)
    console.log(`  ${c.file.padEnd(width)}  ${kB(c.raw).padStart(11)}  ${kB(c.gzip).padStart(11)}`);
  for (const ext of ['js', 'css']) {
    const of = chunks.filter((c) => c.file.endsWith(`.${ext}`) || (ext === 'js' && c.file.endsWith('.mjs')));
    const raw = of.reduce((n, c) => n + c.raw, 0);
    const gzip = of.reduce((n, c) => n + c.gzip, 0);
    console.log(`  ${`total ${ext}`.padEnd(width)}  ${kB(raw).padStart(11)}  ${kB(gzip).padStart(11)}`);
  }
}

const asked = process.argv.slice(2).map((d) => resolve(d));
const dirs = asked.length > 0 ? asked : DEFAULT_DIRS.map((d) => join(ROOT, d)).filter((d) => existsSync(d));
if (dirs.length === 0) {
  console.error(`No renderer build under ${DEFAULT_DIRS.join(' or ')}: run \`npm run build:web\` first.`);
  process.exit(1);
}
for (const dir of dirs) {
  if (!existsSync(dir)) {
    console.error(`${dir}: no such folder (build first)`);
    process.exit(1);
  }
  report(dir);
}
