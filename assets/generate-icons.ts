/**
 * Writes the app icons as PNGs (encoded by pngjs, no image tool): a blue
 * rounded square with a white headset (arc + two ear cups), drawn from signed
 * distance functions with 4x4 supersampling. Run: `npx tsx assets/generate-icons.ts`.
 *
 *   icon.png      512x512  app icon (electron-builder: Linux, Windows, macOS)
 *   tray.png      16x16    tray icon; tray@2x.png 32x32 is picked on HiDPI
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

/** Filter 0, zlib level 9, default strategy: small files, the same bytes every run. */
const PNG_OPTIONS = { filterType: 0, deflateLevel: 9, deflateStrategy: 0 } as const;

type Rgba = [number, number, number, number];

const BLUE: Rgba = [31, 111, 235, 255];
const WHITE: Rgba = [255, 255, 255, 255];

/** Shapes in a 512x512 design space; negative = inside. */
function roundedSquare(x: number, y: number): number {
  const half = 240;
  const radius = 96;
  const qx = Math.abs(x - 256) - (half - radius);
  const qy = Math.abs(y - 256) - (half - radius);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - radius;
}

function headset(x: number, y: number): number {
  const cx = 256;
  const cy = 290;
  const r = 150;
  const dx = x - cx;
  const dy = y - cy;
  // band: upper half of a ring (y above the centre line)
  const ring = Math.abs(Math.hypot(dx, dy) - r) - 22;
  const band = dy <= 0 ? ring : Math.hypot(Math.abs(dx) - r, dy) - 22;
  // ear cups: capsules at both ends of the band
  const cup = (ex: number): number => {
    const px = x - ex;
    const py = Math.min(Math.max(y, cy), cy + 70);
    return Math.hypot(px, y - py) - 44;
  };
  return Math.min(band, cup(cx - r), cup(cx + r));
}

function render(size: number): Buffer {
  const scale = 512 / size;
  const samples = 4;
  const png = new PNG({ width: size, height: size });
  const pixels = png.data;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) * scale;
          const y = (py + (sy + 0.5) / samples) * scale;
          const color: Rgba | undefined = headset(x, y) < 0 ? WHITE : roundedSquare(x, y) < 0 ? BLUE : undefined;
          if (!color) continue;
          // premultiplied accumulation
          acc[0]! += color[0] * color[3];
          acc[1]! += color[1] * color[3];
          acc[2]! += color[2] * color[3];
          acc[3]! += color[3];
        }
      }
      const n = samples * samples;
      const alpha = acc[3]! / n;
      const o = (py * size + px) * 4;
      pixels[o] = alpha > 0 ? Math.round(acc[0]! / acc[3]!) : 0;
      pixels[o + 1] = alpha > 0 ? Math.round(acc[1]! / acc[3]!) : 0;
      pixels[o + 2] = alpha > 0 ? Math.round(acc[2]! / acc[3]!) : 0;
      pixels[o + 3] = Math.round(alpha);
    }
  }
  return PNG.sync.write(png, PNG_OPTIONS);
}

const here = dirname(fileURLToPath(import.meta.url));
for (const [name, size] of [
  ['icon.png', 512],
  ['tray.png', 16],
  ['tray@2x.png', 32],
] as const) {
  writeFileSync(join(here, name), render(size));
  console.log(`wrote assets/${name} (${size}x${size})`);
}
