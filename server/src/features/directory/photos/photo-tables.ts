/**
 * Kysely table type of the account photos (migration 0013), shown in the
 * internal directory (SPEC C1), added to the server's Database. Times are
 * BIGINT epoch ms; the image bytes are a BLOB (SQLite) / BYTEA (PostgreSQL),
 * both read back as a Buffer.
 */
declare module '../../../platform/db/database' {
  interface Database {
    account_photos: AccountPhotosTable;
  }
}

/** The image types a photo may have (checked by magic bytes, see photo-image.ts). */
export type PhotoMime = 'image/png' | 'image/jpeg';

/** One photo per account; deleting the account deletes its photo. */
export interface AccountPhotosTable {
  account_id: number;
  mime: PhotoMime;
  bytes: Buffer;
  /** content hash (hex): the HTTP ETag and the `?v=` of the entry's photoUrl */
  etag: string;
  updated_at: number;
}
