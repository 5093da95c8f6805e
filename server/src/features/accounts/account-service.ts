import type { Selectable } from 'kysely';
import { brokenPasswordRules } from '../../../../src-preload/contract/session';
import type { AccountsTable } from './accounts-tables';
import type { Db } from '../../platform/db/database';
import { publishInternalEntry, toDirectoryAccount } from '../directory';
import { hashPassword } from './password-hash';
import type { ServerContext } from '../../platform/server-context';
import { rotateSipSecret } from './sip-secret';

export type AccountRow = Selectable<AccountsTable>;

/** Internal number: safe in SIP URIs and file names. */
export const ACCOUNT_NUMBER_PATTERN = /^[A-Za-z0-9._-]{1,32}$/;

/** Input of {@link createAccount}. */
export interface NewAccount {
  number: string;
  displayName: string;
  password: string;
  email?: string | undefined;
  mobile?: string | undefined;
  /** default true: a new account must change its (administrator-given) password at first login */
  mustChangePassword?: boolean;
  /** default false: check the password policy (administrators may set initial passwords freely) */
  enforcePolicy?: boolean;
}

/** Fields an administrator may change. */
export interface AccountChanges {
  displayName?: string;
  email?: string | null;
  mobile?: string | null;
  otherNumber?: string | null;
}

export class AccountError extends Error {
  override readonly name = 'AccountError';
}

/**
 * Numbers Kamailio routes elsewhere: `voicemail` is the voicemail service's SIP
 * user and `vm<ext>` dials <ext>'s mailbox (server/kamailio/kamailio.cfg
 * route[VOICEMAIL_URI]), so an account with such a number could not be called.
 */
export const RESERVED_ACCOUNT_NUMBER = /^(voicemail$|vm)/i;

function validateNumber(number: string): void {
  if (!ACCOUNT_NUMBER_PATTERN.test(number))
    throw new AccountError(`Invalid number ${JSON.stringify(number)}: expected 1-32 characters [A-Za-z0-9._-]`);
  if (RESERVED_ACCOUNT_NUMBER.test(number))
    throw new AccountError(
      `Invalid number ${JSON.stringify(number)}: "voicemail" and numbers starting with "vm" are reserved for the voicemail service`,
    );
}

/** Creates an account, its Kamailio subscriber row and its internal-directory entry. */
export async function createAccount(ctx: ServerContext, input: NewAccount): Promise<AccountRow> {
  validateNumber(input.number);
  if (input.displayName.trim().length === 0) throw new AccountError('The display name must not be empty');
  if (input.password.length === 0) throw new AccountError('The password must not be empty');
  if (input.enforcePolicy) {
    const broken = brokenPasswordRules(input.password);
    if (broken.length > 0) throw new AccountError(`The password breaks the rules: ${broken.join(', ')}`);
  }
  const existing = await findAccountByNumber(ctx.db, input.number);
  if (existing) throw new AccountError(`Account ${input.number} already exists`);
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock.now();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('accounts')
      .values({
        number: input.number,
        display_name: input.displayName.trim(),
        email: input.email ?? null,
        mobile: input.mobile ?? null,
        password_hash: passwordHash,
        must_change_password: (input.mustChangePassword ?? true) ? 1 : 0,
        failed_attempts: 0,
        last_failed_at: null,
        locked_until: null,
        last_login_at: null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await rotateSipSecret(trx, inserted, ctx.config.sipDomain, now);
    return inserted;
  });
  await publishInternalEntry(ctx, toDirectoryAccount(row), ctx.clock.now());
  return row;
}

/** Updates name/e-mail/mobile/other number and republishes the internal-directory entry. */
export async function updateAccount(ctx: ServerContext, number: string, changes: AccountChanges): Promise<AccountRow> {
  const row = await ctx.db
    .updateTable('accounts')
    .set({
      ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
      ...(changes.email !== undefined ? { email: changes.email } : {}),
      ...(changes.mobile !== undefined ? { mobile: changes.mobile } : {}),
      ...(changes.otherNumber !== undefined ? { other_number: changes.otherNumber } : {}),
      updated_at: ctx.clock.now(),
    })
    .where('number', '=', number)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new AccountError(`No account ${number}`);
  await publishInternalEntry(ctx, toDirectoryAccount(row), ctx.clock.now());
  return row;
}

/**
 * Sets a new password (hash + a new SIP secret and its HA1 in one transaction) and revokes
 * the account's refresh tokens.
 * `mustChange`: true for an administrator reset, false after the user's own change.
 */
export async function setAccountPassword(
  ctx: ServerContext,
  accountId: number,
  password: string,
  mustChange: boolean,
): Promise<AccountRow> {
  const passwordHash = await hashPassword(password);
  const updated = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('accounts')
      .set({
        password_hash: passwordHash,
        must_change_password: mustChange ? 1 : 0,
        failed_attempts: 0,
        locked_until: null,
        updated_at: ctx.clock.now(),
      })
      .where('id', '=', accountId)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AccountError(`No account with id ${accountId}`);
    // the SIP secret goes with the password: clients get the new one when they log in again
    await rotateSipSecret(trx, row, ctx.config.sipDomain, ctx.clock.now());
    // a new password closes every session opened with the old one
    await trx
      .updateTable('refresh_tokens')
      .set({ revoked_at: ctx.clock.now() })
      .where('account_id', '=', accountId)
      .where('revoked_at', 'is', null)
      .execute();
    return row;
  });
  // after the commit: their live-event sockets close (another process's sockets: the hub's sweep)
  ctx.changes.endSessions({ accountId, reason: 'password-changed' });
  return updated;
}

export async function findAccountByNumber(db: Db, number: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('number', '=', number).executeTakeFirst();
}

export async function findAccountById(db: Db, id: number): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}
