import { PNG } from 'pngjs';

/** A colour from a seed (FNV-1a hash → hue), saturated enough to tell users apart. */
function colourOf(seed: string): [number, number, number] {
  let hash = 0x811c9dc5;
  for (const ch of seed) hash = Math.imul(hash ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  const hue = (hash % 360) / 60;
  const x = Math.round(200 * (1 - Math.abs((hue % 2) - 1)));
  const sector = Math.floor(hue);
  const table: [number, number, number][] = [
    [200, x, 40],
    [x, 200, 40],
    [40, 200, x],
    [40, x, 200],
    [x, 40, 200],
    [200, 40, x],
  ];
  return table[sector] ?? table[0]!;
}

/**
 * A small avatar PNG for the demo users (encoded by pngjs): a square in a
 * colour derived from `seed` with a lighter disc (a stylised head), no text.
 * 8-bit RGB, not interlaced.
 */
export function demoPhotoPng(seed: string, size = 64): Buffer {
  const [r, g, b] = colourOf(seed);
  const light = (v: number): number => Math.round(v + (255 - v) * 0.55);
  const png = new PNG({ width: size, height: size });
  const centre = (size - 1) / 2;
  const radius = size * 0.3;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const inside = (x - centre) ** 2 + (y - centre * 0.85) ** 2 <= radius ** 2;
      const at = (y * size + x) * 4;
      png.data[at] = inside ? light(r) : r;
      png.data[at + 1] = inside ? light(g) : g;
      png.data[at + 2] = inside ? light(b) : b;
      png.data[at + 3] = 255;
    }
  }
  // filter 0 and zlib's default level and strategy: byte for byte the avatars earlier seeds stored
  return PNG.sync.write(png, { colorType: 2, filterType: 0, deflateLevel: 6, deflateStrategy: 0 });
}
