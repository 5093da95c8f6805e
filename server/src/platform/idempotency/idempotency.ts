import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { ApiHttpError } from '../http/api-http-error';

/** How long a stored reply is replayed: longer than any client outbox keeps a request. */
export const IDEMPOTENCY_KEY_TTL_MS = 7 * 24 * 3600_000;

/** Checks an Idempotency-Key header: required, 1–200 visible ASCII characters (a UUID in practice). */
export function requireIdempotencyKey(header: string | string[] | undefined): string {
  const key = Array.isArray(header) ? header[0] : header;
  if (key === undefined || key.trim() === '')
    throw new ApiHttpError(400, 'invalid-request', 'Missing Idempotency-Key header (a UUID per logical change)');
  if (!/^[\x21-\x7e]{1,200}$/.test(key.trim()))
    throw new ApiHttpError(
      400,
      'invalid-request',
      'Invalid Idempotency-Key header: expected 1-200 visible ASCII characters',
    );
  return key.trim();
}

/**
 * Runs `apply` at most once per (account, key), inside the caller's
 * transaction: a replay of the same request returns the stored reply without
 * applying anything; the same key on another request is a 409 conflict. The
 * key row commits with the change itself, so a crash between the two cannot
 * apply a change without remembering it (or the reverse).
 */
export async function runIdempotent<T>(
  trx: Kysely<Database>,
  accountId: number,
  key: string,
  request: string,
  now: number,
  apply: () => Promise<T>,
): Promise<T> {
  const stored = await trx
    .selectFrom('idempotency_keys')
    .select(['request', 'response'])
    .where('account_id', '=', accountId)
    .where('idem_key', '=', key)
    .executeTakeFirst();
  if (stored !== undefined) {
    if (stored.request !== request)
      throw new ApiHttpError(
        409,
        'conflict',
        `Idempotency-Key ${key} was already used for another request (${stored.request})`,
      );
    return JSON.parse(stored.response) as T;
  }
  const response = await apply();
  await trx
    .insertInto('idempotency_keys')
    .values({
      account_id: accountId,
      idem_key: key,
      request,
      status_code: 200,
      response: JSON.stringify(response),
      created_at: now,
    })
    .execute();
  return response;
}

/** Deletes replies older than {@link IDEMPOTENCY_KEY_TTL_MS}. */
export async function purgeIdempotencyKeys(db: Kysely<Database>, now: number): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', now - IDEMPOTENCY_KEY_TTL_MS)
    .execute();
}
