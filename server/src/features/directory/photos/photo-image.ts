import type { PhotoMime } from './photo-tables';

/** Largest photo accepted (SPEC J2: 512 KB). Resizing/re-encoding comes in a later issue. */
export const MAX_PHOTO_BYTES = 512 * 1024;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SOI = [0xff, 0xd8, 0xff];

/** Why a file is not accepted as a photo, or its type. */
export type PhotoCheck = { ok: true; mime: PhotoMime } | { ok: false; reason: string };

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}

/**
 * Checks a photo by its content, never by its file name: PNG (8-byte
 * signature, PNG spec §5.2) or JPEG (SOI marker FF D8 followed by a marker
 * FF), at most {@link MAX_PHOTO_BYTES}.
 */
export function checkPhotoBytes(bytes: Uint8Array): PhotoCheck {
  if (bytes.length === 0) return { ok: false, reason: 'the file is empty' };
  if (bytes.length > MAX_PHOTO_BYTES) {
    return {
      ok: false,
      reason: `the file is ${Math.ceil(bytes.length / 1024)} KB; a photo may have at most ${MAX_PHOTO_BYTES / 1024} KB (resize it first)`,
    };
  }
  if (startsWith(bytes, PNG_SIGNATURE)) return { ok: true, mime: 'image/png' };
  if (startsWith(bytes, JPEG_SOI)) return { ok: true, mime: 'image/jpeg' };
  return { ok: false, reason: 'the file is neither a PNG nor a JPEG image (checked by its content)' };
}
