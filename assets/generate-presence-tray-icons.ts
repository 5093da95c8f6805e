/**
 * Writes the presence tray icons (SPEC G4 "tray icon with presence"): the
 * plain tray icon (tray.png / tray@2x.png, from generate-icons.ts) with a
 * coloured dot in the lower right corner per presence group, no image tool
 * needed. Run after generate-icons.ts: `npx tsx assets/generate-presence-tray-icons.ts`.
 *
 *   tray-available.png  green  (office)
 *   tray-busy.png       red    (meeting, do not disturb)
 *   tray-away.png       amber  (break, lunch, home, out of office)
 *   tray-absent.png     grey   (sick, vacation)
 *   … and their @2x (32x32) versions, picked on HiDPI.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync, inflateSync } from 'node:zlib';

type Rgb = [number, number, number];

const GROUPS: Record<string, Rgb> = {
  available: [28, 156, 58],
  busy: [211, 47, 47],
  away: [224, 160, 0],
  absent: [138, 144, 153],
};
const RING: Rgb = [255, 255, 255];

/** Decodes the RGBA 8-bit, filter-0 PNGs generate-icons.ts writes (nothing else). */
function decodeOwnPng(png: Buffer): { size: number; pixels: Buffer } {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  if (width !== height || png[24] !== 8 || png[25] !== 6) throw new Error('expected a square RGBA 8-bit PNG');
  const idat: Buffer[] = [];
  for (let offset = 8; offset < png.length;) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    if (type === 'IDAT') idat.push(png.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 4);
    if (raw[row] !== 0) throw new Error('expected filter type 0 on every row (re-run generate-icons.ts)');
    raw.copy(pixels, y * width * 4, row + 1, row + 1 + width * 4);
  }
  return { size: width, pixels };
}

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

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(size: number, pixels: Buffer): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    rows.push(Buffer.from([0]), pixels.subarray(y * size * 4, (y + 1) * size * 4));
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const here = dirname(fileURLToPath(import.meta.url));
for (const suffix of ['', '@2x']) {
  const { size, pixels } = decodeOwnPng(readFileSync(join(here, `tray${suffix}.png`)));
  for (const [group, color] of Object.entries(GROUPS)) {
    const name = `tray-${group}${suffix}.png`;
    writeFileSync(join(here, name), encodePng(size, withDot(size, pixels, color)));
    console.log(`wrote assets/${name} (${size}x${size})`);
  }
}
