import { randomBytes } from 'node:crypto';
import type { Db } from '../../platform/db/database';
import type { ServerContext } from '../../platform/server-context';
import { upsertSubscriber } from './kamailio-subscriber';

/** 24 random bytes, base64url: 192 bits, 32 characters, safe in any SIP client's password field. */
export function newSipSecret(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Gives the account a new SIP secret and writes its HA1 for Kamailio, inside
 * the caller's transaction when given one. Every client of the account must
 * then be provisioned again (the server revokes their sessions on a password
 * change, which is when this runs). Returns the secret.
 */
export async function rotateSipSecret(
  db: Db,
  account: { readonly id: number; readonly number: string },
  realm: string,
  now: number,
): Promise<string> {
  const secret = newSipSecret();
  await db.deleteFrom('sip_credentials').where('account_id', '=', account.id).execute();
  await db.insertInto('sip_credentials').values({ account_id: account.id, secret, rotated_at: now }).execute();
  await upsertSubscriber(db, account.number, realm, secret);
  return secret;
}

/** The account's SIP secret for its provisioning; one is made when it has none yet. */
export async function sipSecretOf(
  ctx: ServerContext,
  account: { readonly id: number; readonly number: string },
): Promise<string> {
  const row = await ctx.db
    .selectFrom('sip_credentials')
    .select('secret')
    .where('account_id', '=', account.id)
    .executeTakeFirst();
  if (row) return row.secret;
  return ctx.db.transaction().execute((trx) => rotateSipSecret(trx, account, ctx.config.sipDomain, ctx.clock.now()));
}

/**
 * At start: every account without a SIP secret (created before migration
 * 0017) gets one, so no `subscriber` row is left derived from a password.
 */
export async function ensureSipSecrets(ctx: ServerContext): Promise<number> {
  const missing = await ctx.db
    .selectFrom('accounts')
    .leftJoin('sip_credentials', 'sip_credentials.account_id', 'accounts.id')
    .select(['accounts.id', 'accounts.number'])
    .where('sip_credentials.account_id', 'is', null)
    .execute();
  for (const account of missing) await sipSecretOf(ctx, account);
  return missing.length;
}
