/**
 * Writes the presence tray icons (SPEC G4 "tray icon with presence"): the
 * plain tray icon (tray.png / tray@2x.png, from generate-icons.ts) with a
 * coloured dot in the lower right corner per presence group (read and written
 * by pngjs, no image tool needed). Run after generate-icons.ts: `npx tsx assets/generate-presence-tray-icons.ts`.
 *
 *   tray-available.png  green        (office)
 *   tray-busy.png       red          (do not disturb)
 *   tray-away.png       amber        (meeting, break, lunch)
 *   tray-absent.png     grey-violet  (out of office, vacation, home, sick)
 * (the groups: presenceGroupOf in src-preload/contract/presence/presence-model.ts; colours as in DESIGN.md)
 *   … and their @2x (32x32) versions, picked on HiDPI.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

/** Filter 0, zlib level 9, default strategy: small files, the same bytes every run. */
const PNG_OPTIONS = { filterType: 0, deflateLevel: 9, deflateStrategy: 0 } as const;

type Rgb = [number, number, number];

const GROUPS: Record<string, Rgb> = {
  available: [28, 156, 58],
  busy: [211, 47, 47],
  away: [224, 160, 0],
  absent: [122, 107, 158],
};
const RING: Rgb = [255, 255, 255];

/** Draws the dot (with a white ring) over the icon, 4x4 supersampled. */
function withDot(size: number, base: Buffer, color: Rgb): Buffer {
  const pixels = Buffer.from(base);
  const r = size * 0.3;
  const ring = Math.max(1, size / 16);
  const c = size - r - 0.25;
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let dot = 0;
      let white = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const d = Math.hypot(px + (sx + 0.5) / samples - c, py + (sy + 0.5) / samples - c);
          if (d < r - ring) dot++;
          else if (d < r) white++;
        }
      }
      const n = samples * samples;
      const coverage = (dot + white) / n;
      if (coverage === 0) continue;
      const o = (py * size + px) * 4;
      const mix: Rgb = [0, 1, 2].map((i) => (color[i]! * dot + RING[i]! * white) / (dot + white)) as Rgb;
      const baseAlpha = pixels[o + 3]! / 255;
      const alpha = coverage + baseAlpha * (1 - coverage);
      for (let i = 0; i < 3; i++) {
        const value = (mix[i]! * coverage + pixels[o + i]! * baseAlpha * (1 - coverage)) / alpha;
        pixels[o + i] = Math.round(value);
      }
      pixels[o + 3] = Math.round(alpha * 255);
    }
  }
  return pixels;
}

const here = dirname(fileURLToPath(import.meta.url));
for (const suffix of ['', '@2x']) {
  const tray = PNG.sync.read(readFileSync(join(here, `tray${suffix}.png`)));
  if (tray.width !== tray.height) throw new Error(`tray${suffix}.png: expected a square icon`);
  const size = tray.width;
  for (const [group, color] of Object.entries(GROUPS)) {
    const name = `tray-${group}${suffix}.png`;
    const png = new PNG({ width: size, height: size });
    png.data = withDot(size, tray.data, color);
    writeFileSync(join(here, name), PNG.sync.write(png, PNG_OPTIONS));
    console.log(`wrote assets/${name} (${size}x${size})`);
  }
}
