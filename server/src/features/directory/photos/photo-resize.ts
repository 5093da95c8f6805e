import sharp from 'sharp';
import { PHOTO_MIN_SIDE, PHOTO_STORED_SIDE, type PhotoRefusal } from '../../../../../src-preload/contract/profile';
import { checkPhotoBytes } from './photo-image';
import type { PhotoMime } from './photo-tables';

/** A photo ready to store, or why it is refused (the reason is the API's `rules` and the client's i18n key). */
export type PreparedPhoto =
  { ok: true; mime: PhotoMime; bytes: Buffer } | { ok: false; refusal: PhotoRefusal; message: string };

/**
 * Checks an uploaded photo (SPEC J2: JPEG or PNG by content, ≤ 512 KB, at
 * least 40×40) and re-encodes it as a 200×200 image of the same type with
 * sharp (libvips): centred square crop ("cover"), EXIF orientation applied and
 * metadata dropped, so what colleagues see is small, upright and carries no
 * location. Decoding is what proves the file is an image, not its signature alone.
 */
export async function preparePhoto(bytes: Uint8Array): Promise<PreparedPhoto> {
  const check = checkPhotoBytes(bytes);
  if (!check.ok) {
    const refusal: PhotoRefusal =
      bytes.length === 0 ? 'empty' : check.reason.includes('KB') ? 'too-large' : 'not-an-image';
    return { ok: false, refusal, message: `Photo refused: ${check.reason}` };
  }
  let width: number | undefined;
  let height: number | undefined;
  try {
    // limitInputPixels: a 512 KB file may still claim a huge canvas (decompression bomb)
    const meta = await sharp(bytes, { limitInputPixels: 50_000_000 }).metadata();
    width = meta.autoOrient?.width ?? meta.width;
    height = meta.autoOrient?.height ?? meta.height;
  } catch {
    return { ok: false, refusal: 'not-an-image', message: 'Photo refused: the image cannot be decoded' };
  }
  if (width === undefined || height === undefined || width < PHOTO_MIN_SIDE || height < PHOTO_MIN_SIDE) {
    return {
      ok: false,
      refusal: 'too-small',
      message: `Photo refused: it is ${width ?? '?'}×${height ?? '?'}; a photo must be at least ${PHOTO_MIN_SIDE}×${PHOTO_MIN_SIDE} pixels`,
    };
  }
  try {
    const pipeline = sharp(bytes, { limitInputPixels: 50_000_000 })
      .rotate()
      .resize(PHOTO_STORED_SIDE, PHOTO_STORED_SIDE, { fit: 'cover', position: 'centre' });
    const out =
      check.mime === 'image/png' ? await pipeline.png().toBuffer() : await pipeline.jpeg({ quality: 85 }).toBuffer();
    return { ok: true, mime: check.mime, bytes: out };
  } catch {
    return { ok: false, refusal: 'not-an-image', message: 'Photo refused: the image cannot be decoded' };
  }
}
