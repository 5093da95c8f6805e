import { deflateSync } from 'node:zlib';

// CRC-32 (ISO-HDLC, as PNG chunks use it: PNG spec §5.5), table built once.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

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
 * A small avatar PNG for the demo users, generated with zlib (no image
 * library): a square in a colour derived from `seed` with a lighter disc (a
 * stylised head), no text. 8-bit RGB, not interlaced (PNG spec §11.2.2).
 */
export function demoPhotoPng(seed: string, size = 64): Buffer {
  const [r, g, b] = colourOf(seed);
  const light = (v: number): number => Math.round(v + (255 - v) * 0.55);
  const rowLength = 1 + size * 3;
  const raw = Buffer.alloc(rowLength * size);
  const centre = (size - 1) / 2;
  const radius = size * 0.3;
  for (let y = 0; y < size; y++) {
    raw[y * rowLength] = 0; // filter type None
    for (let x = 0; x < size; x++) {
      const inside = (x - centre) ** 2 + (y - centre * 0.85) ** 2 <= radius ** 2;
      const at = y * rowLength + 1 + x * 3;
      raw[at] = inside ? light(r) : r;
      raw[at + 1] = inside ? light(g) : g;
      raw[at + 2] = inside ? light(b) : b;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: truecolour
  header[10] = 0; // compression
  header[11] = 0; // filter
  header[12] = 0; // interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
