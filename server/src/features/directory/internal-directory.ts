import type { NumberKind } from '../../../../src-preload/contract/directory';
import type { Db } from '../../platform/db/database';
import type { ChangeScope } from '../../platform/server-context';
import { runMutation } from './run-mutation';
import { photoPathOf } from './photos/photo-path';
import { canonicalNumber } from './canonical-number';
import type { EntryRecord } from './entry-store';

/** The account fields the internal directory shows (SPEC C1). */
export interface InternalAccount {
  readonly number: string;
  readonly displayName: string;
  readonly email?: string | null | undefined;
  readonly mobile?: string | null | undefined;
  readonly otherNumber?: string | null | undefined;
  /**
   * server path of the user's photo; null: none; undefined: looked up in
   * account_photos (so account updates keep the photo)
   */
  readonly photoUrl?: string | null | undefined;
}

/** The account row fields the internal directory shows. */
export interface InternalAccountRow {
  readonly number: string;
  readonly display_name: string;
  readonly email: string | null;
  readonly mobile: string | null;
  readonly other_number: string | null;
}

/** The account as the internal directory shows it. */
export function toDirectoryAccount(row: InternalAccountRow): {
  number: string;
  displayName: string;
  email?: string;
  mobile?: string;
  otherNumber?: string;
} {
  return {
    number: row.number,
    displayName: row.display_name,
    ...(row.email ? { email: row.email } : {}),
    ...(row.mobile ? { mobile: row.mobile } : {}),
    ...(row.other_number ? { otherNumber: row.other_number } : {}),
  };
}

/** Id of the internal-directory entry of an account. */
export function internalEntryId(number: string): string {
  return `internal:${number}`;
}

/**
 * Publishes (creates or updates) the internal-directory entry of an account,
 * with a change visible to everyone. Does nothing when the entry already says
 * exactly that, so calling it on every account update costs no sync traffic.
 */
export async function publishInternalEntry(
  scope: ChangeScope,
  account: InternalAccount,
  now: number = Date.now(),
): Promise<void> {
  const { db } = scope;
  const photoUrl = account.photoUrl !== undefined ? account.photoUrl : await currentPhotoUrl(db, account.number);
  const record = internalRecord({ ...account, photoUrl });
  const existing = await db.selectFrom('directory_entries').selectAll().where('id', '=', record.id).executeTakeFirst();
  if (
    existing !== undefined &&
    existing.display_name === record.displayName &&
    existing.email === (record.email ?? null) &&
    existing.photo_url === (record.photoUrl ?? null) &&
    existing.numbers === JSON.stringify(record.numbers)
  )
    return;
  await runMutation(scope, now, (mutation) => mutation.put([record]));
}

/** Removes the internal-directory entry of a deleted account (no-op if absent). */
export async function unpublishInternalEntry(
  scope: ChangeScope,
  number: string,
  now: number = Date.now(),
): Promise<void> {
  const { db } = scope;
  const id = internalEntryId(number);
  const existing = await db.selectFrom('directory_entries').select('id').where('id', '=', id).executeTakeFirst();
  if (existing === undefined) return;
  await runMutation(scope, now, (mutation) => mutation.remove([{ id, ownerAccountId: null }]));
}

/**
 * Brings the whole internal directory in line with the accounts table (at
 * server start: accounts created by a seed or by hand in the database).
 */
export async function syncInternalDirectory(scope: ChangeScope, now: number = Date.now()): Promise<void> {
  const { db } = scope;
  const accounts = await db
    .selectFrom('accounts')
    .leftJoin('account_photos', 'account_photos.account_id', 'accounts.id')
    .select([
      'accounts.number',
      'accounts.display_name',
      'accounts.email',
      'accounts.mobile',
      'accounts.other_number',
      'account_photos.etag',
    ])
    .execute();
  for (const account of accounts) {
    await publishInternalEntry(
      scope,
      {
        number: account.number,
        displayName: account.display_name,
        email: account.email,
        mobile: account.mobile,
        otherNumber: account.other_number,
        photoUrl: account.etag === null ? null : photoPathOf(account.number, account.etag),
      },
      now,
    );
  }
  const known = new Set(accounts.map((account) => internalEntryId(account.number)));
  const stale = await db.selectFrom('directory_entries').select('id').where('source', '=', 'internal').execute();
  const gone = stale.filter((row) => !known.has(row.id)).map((row) => ({ id: row.id, ownerAccountId: null }));
  if (gone.length > 0) await runMutation(scope, now, (mutation) => mutation.remove(gone));
}

/** The photoUrl of an account's stored photo (photos/), or null. */
async function currentPhotoUrl(db: Db, number: string): Promise<string | null> {
  const row = await db
    .selectFrom('account_photos')
    .innerJoin('accounts', 'accounts.id', 'account_photos.account_id')
    .select('account_photos.etag')
    .where('accounts.number', '=', number)
    .executeTakeFirst();
  return row === undefined ? null : photoPathOf(number, row.etag);
}

function internalRecord(account: InternalAccount): EntryRecord {
  const numbers: { kind: NumberKind; number: string }[] = [{ kind: 'internal', number: account.number }];
  const personal: [NumberKind, string | null | undefined][] = [
    ['mobile', account.mobile],
    ['other', account.otherNumber],
  ];
  for (const [kind, value] of personal) {
    if (value === undefined || value === null || value.trim() === '') continue;
    const canonical = canonicalNumber(value);
    // an unparseable number (set by an administrator's CLI) is still shown as entered rather than hidden
    numbers.push({ kind, number: canonical.ok ? canonical.number : value.trim() });
  }
  const email = account.email?.trim();
  const photoUrl = account.photoUrl?.trim();
  return {
    id: internalEntryId(account.number),
    source: 'internal',
    ownerAccountId: null,
    displayName: account.displayName,
    email: email === '' ? undefined : email,
    numbers,
    photoUrl: photoUrl === '' ? undefined : photoUrl,
    handEdited: false,
  };
}
