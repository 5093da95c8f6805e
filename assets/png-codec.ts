/**
 * The minimal PNG writer (and reader of its own output) the icon generators
 * share, so that no image tool is needed: RGBA 8-bit, filter type 0 on every
 * row, one IDAT chunk.
 */
import { deflateSync, inflateSync } from 'node:zlib';

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

/** RGBA 8-bit PNG; `raw` holds rows each prefixed with filter byte 0. */
export function encodePng(width: number, height: number, raw: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A square RGBA PNG from its pixels (rows of `size * 4` bytes, no filter bytes). */
export function encodeSquarePng(size: number, pixels: Buffer): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    rows.push(Buffer.from([0]), pixels.subarray(y * size * 4, (y + 1) * size * 4));
  }
  return encodePng(size, size, Buffer.concat(rows));
}

/** Decodes the square RGBA 8-bit, filter-0 PNGs {@link encodePng} writes (nothing else). */
export function decodeOwnPng(png: Buffer): { size: number; pixels: Buffer } {
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
