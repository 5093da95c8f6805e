import { createHash } from 'node:crypto';
import type { Db } from '../../../platform/db/database';
import { publishInternalEntry, toDirectoryAccount } from '../internal-directory';
import type { ServerContext } from '../../../platform/server-context';
import type { PhotoRefusal } from '../../../../../src-preload/contract/profile';
import { checkPhotoBytes } from './photo-image';
import { preparePhoto } from './photo-resize';
import type { PhotoMime } from './photo-tables';

/** A refused photo or an unknown account (the CLI prints the message, exit code 1). */
export class PhotoError extends Error {
  override readonly name = 'PhotoError';
}

/** A stored photo. */
export interface StoredPhoto {
  mime: PhotoMime;
  bytes: Buffer;
  etag: string;
  updatedAt: number;
}

/** Content hash used as ETag and as the `?v=` of the photo URL (128 bits of SHA-256, hex). */
export function photoEtag(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 32);
}

/**
 * Sets (or replaces) the photo of account `number` after checking it (PNG or
 * JPEG by magic bytes, ≤ 512 KB), then re-publishes the account's
 * internal-directory entry with the new photoUrl, so the change feed carries
 * it to every client. A photo identical to the current one changes nothing.
 */
export async function setAccountPhoto(
  ctx: ServerContext,
  number: string,
  bytes: Uint8Array,
): Promise<{ mime: PhotoMime; etag: string }> {
  const check = checkPhotoBytes(bytes);
  if (!check.ok) throw new PhotoError(`Photo refused: ${check.reason}`);
  return storeAccountPhoto(ctx, number, check.mime, bytes);
}

/** A photo the user uploaded and the server refused: `refusal` is the API's `rules`. */
export class PhotoRefusedError extends PhotoError {
  constructor(
    readonly refusal: PhotoRefusal,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The user's own upload (PUT /me/photo, SPEC J2): checked and resized to
 * 200×200 by {@link preparePhoto}, then stored and published like
 * {@link setAccountPhoto}. Throws {@link PhotoRefusedError} with the reason.
 */
export async function uploadAccountPhoto(
  ctx: ServerContext,
  number: string,
  bytes: Uint8Array,
): Promise<{ mime: PhotoMime; etag: string }> {
  const prepared = await preparePhoto(bytes);
  if (!prepared.ok) throw new PhotoRefusedError(prepared.refusal, prepared.message);
  return storeAccountPhoto(ctx, number, prepared.mime, prepared.bytes);
}

async function storeAccountPhoto(
  ctx: ServerContext,
  number: string,
  mime: PhotoMime,
  bytes: Uint8Array,
): Promise<{ mime: PhotoMime; etag: string }> {
  const account = await findAccountByNumber(ctx.db, number);
  if (!account) throw new PhotoError(`No account ${number}`);
  const etag = photoEtag(bytes);
  const now = ctx.clock.now();
  const row = { mime, bytes: Buffer.from(bytes), etag, updated_at: now };
  await ctx.db
    .insertInto('account_photos')
    .values({ account_id: account.id, ...row })
    .onConflict((oc) => oc.column('account_id').doUpdateSet(row))
    .execute();
  // a separate transaction from the photo write: if it fails, syncInternalDirectory repairs it at the next start
  await publishInternalEntry(ctx, toDirectoryAccount(account), now);
  return { mime, etag };
}

/** Removes the photo of account `number` (false: it had none) and re-publishes its entry without photoUrl. */
export async function removeAccountPhoto(ctx: ServerContext, number: string): Promise<boolean> {
  const account = await findAccountByNumber(ctx.db, number);
  if (!account) throw new PhotoError(`No account ${number}`);
  const result = await ctx.db.deleteFrom('account_photos').where('account_id', '=', account.id).executeTakeFirst();
  await publishInternalEntry(ctx, toDirectoryAccount(account), ctx.clock.now());
  return Number(result.numDeletedRows) > 0;
}

/** The account with internal number `number` (what its directory entry shows), if any. */
async function findAccountByNumber(db: Db, number: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'number', 'display_name', 'email', 'mobile', 'other_number'])
    .where('number', '=', number)
    .executeTakeFirst();
}

/** The photo of the account with internal number `number`, if any. */
export async function readAccountPhoto(db: Db, number: string): Promise<StoredPhoto | undefined> {
  const row = await db
    .selectFrom('account_photos')
    .innerJoin('accounts', 'accounts.id', 'account_photos.account_id')
    .select(['account_photos.mime', 'account_photos.bytes', 'account_photos.etag', 'account_photos.updated_at'])
    .where('accounts.number', '=', number)
    .executeTakeFirst();
  if (!row) return undefined;
  return { mime: row.mime, bytes: Buffer.from(row.bytes), etag: row.etag, updatedAt: row.updated_at };
}
