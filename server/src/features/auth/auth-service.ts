import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import type {
  ChangePasswordResponse,
  LoginRequest,
  LoginResponse,
  Provisioning,
  TokenPair,
} from '../../../../src-preload/contract/session';
import { brokenPasswordRules, reusesCurrentPassword } from '../../../../src-preload/contract/session';
import { findAccountById, findAccountByNumber, setAccountPassword, sipSecretOf, type AccountRow } from '../accounts';
import type { Db } from '../../platform/db/database';
import { ApiHttpError } from '../../platform/http/api-http-error';
import type { ServerContext } from '../../platform/server-context';
import { signAccessToken, type TokenScope } from '../../platform/auth/access-token';
import { emergencyDialStrings, provisionedDialPlan, readDialPlanSettings } from '../trunks';
import type { LoginThrottle } from './login-throttle';
import { dummyPasswordHash, verifyPassword } from '../accounts';
import { iceServersFor } from '../ice';
import { assertNever } from '../../../../src-preload/contract/platform/assert-never';

/** sha256 hex: refresh tokens are stored hashed (a db leak yields no usable token). */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * What the client needs to reach SIP (SPEC A1), with the account's SIP secret
 * (issue #10: SIP digest credentials are not the account password).
 */
export async function provisioningFor(
  ctx: ServerContext,
  account: { readonly id: number; readonly number: string },
): Promise<Provisioning> {
  return {
    sipWsUrl: ctx.config.sipWsUrl,
    sipDomain: ctx.config.sipDomain,
    sipUser: account.number,
    sipPassword: await sipSecretOf(ctx, account),
    // TURN credentials minted for this user, short-lived (SPEC F5; renewed with GET /me/ice-servers)
    iceServers: iceServersFor(ctx, account.number).iceServers,
    emergencyNumbers: emergencyDialStrings(await readDialPlanSettings(ctx.db)),
    dialPlan: provisionedDialPlan(await readDialPlanSettings(ctx.db)),
  };
}

function accountInfo(row: AccountRow): LoginResponse['account'] {
  return { number: row.number, displayName: row.display_name, ...(row.email ? { email: row.email } : {}) };
}

/**
 * Asks the throttle whether `account` may be tried from `source` (and counts
 * the attempt): 429 `too-many-attempts` (with retryAfterS → Retry-After) for a
 * pair or a source that must wait; a pause first when the account is under a
 * distributed attack. The caller then records the failure or the success.
 */
async function passThrottle(throttle: LoginThrottle, account: string, source: string): Promise<void> {
  const verdict = throttle.attempt(account, source);
  switch (verdict.kind) {
    case 'wait':
      throw new ApiHttpError(
        429,
        'too-many-attempts',
        verdict.why === 'source'
          ? 'Too many failed logins from this address: try again later'
          : 'Too many failed attempts: try again later',
        { retryAfterS: verdict.retryAfterS },
      );
    case 'try':
      if (verdict.delayMs > 0) await sleep(verdict.delayMs);
      return;
    default:
      return assertNever(verdict, 'login verdict');
  }
}

/**
 * Issues an access token for the account's current state plus a refresh
 * token (new family on login, same family on rotation).
 */
async function issueTokens(
  ctx: ServerContext,
  db: Db,
  account: AccountRow,
  family: { id: string; deviceName: string | null },
): Promise<TokenPair> {
  const now = ctx.clock.now();
  const scope: TokenScope = account.must_change_password ? 'password-change' : 'full';
  const accessExpiresAt = now + ctx.config.accessTokenTtlMs;
  const accessToken = signAccessToken(
    { sub: account.id, num: account.number, scope, iat: now, exp: accessExpiresAt, fam: family.id },
    ctx.config.tokenSecret,
  );
  const refreshToken = randomBytes(32).toString('base64url');
  await db
    .insertInto('refresh_tokens')
    .values({
      account_id: account.id,
      token_hash: hashRefreshToken(refreshToken),
      family_id: family.id,
      device_name: family.deviceName,
      created_at: now,
      expires_at: now + ctx.config.refreshTokenTtlMs,
      revoked_at: null,
      replaced_by: null,
    })
    .execute();
  return { accessToken, accessExpiresAt, refreshToken };
}

/**
 * POST /auth/login. Unknown user and wrong password answer the same 401 after
 * the same scrypt work. Failures are throttled per (account, source address)
 * and per source ({@link LoginThrottle}: 429 with retryAfterS), never per
 * account alone, so nobody can lock another user out; they are also counted
 * on the account, and the next success reports and resets that count.
 */
export async function login(
  ctx: ServerContext,
  throttle: LoginThrottle,
  request: LoginRequest,
  source: string,
): Promise<LoginResponse> {
  await passThrottle(throttle, request.user, source);
  const account = await findAccountByNumber(ctx.db, request.user);
  const now = ctx.clock.now();
  const ok = await verifyPassword(request.password, account?.password_hash ?? (await dummyPasswordHash()));
  if (!account || !ok) {
    throttle.recordFailure(request.user, source);
    if (account) await recordFailure(ctx, account.id);
    throw new ApiHttpError(401, 'invalid-credentials', 'Wrong number or password');
  }
  throttle.recordSuccess(request.user, source);
  const failedAttempts = {
    count: account.failed_attempts,
    ...(account.last_failed_at !== null && account.failed_attempts > 0 ? { lastAt: account.last_failed_at } : {}),
  };
  await ctx.db
    .updateTable('accounts')
    .set({ failed_attempts: 0, last_failed_at: null, locked_until: null, last_login_at: now })
    .where('id', '=', account.id)
    .execute();
  const tokens = await issueTokens(ctx, ctx.db, account, {
    id: randomUUID(),
    deviceName: request.deviceName ?? null,
  });
  const mustChangePassword = account.must_change_password !== 0;
  return {
    ...tokens,
    account: accountInfo(account),
    mustChangePassword,
    failedAttempts,
    ...(mustChangePassword ? {} : { provisioning: await provisioningFor(ctx, account) }),
  };
}

/** Counts a failure on the account (reported at the next success, SPEC A2); it locks nothing. */
async function recordFailure(ctx: ServerContext, accountId: number): Promise<void> {
  // increment in SQL: concurrent failures all count
  await ctx.db
    .updateTable('accounts')
    .set({ failed_attempts: sql<number>`failed_attempts + 1`, last_failed_at: ctx.clock.now() })
    .where('id', '=', accountId)
    .execute();
}

/**
 * POST /auth/refresh: rotation. The presented token is revoked and replaced;
 * presenting an already revoked token (theft or replay) revokes its whole
 * family, so both the thief and the user must log in again.
 */
export async function refresh(ctx: ServerContext, refreshToken: string): Promise<TokenPair> {
  const tokenHash = hashRefreshToken(refreshToken);
  const now = ctx.clock.now();
  const row = await ctx.db
    .selectFrom('refresh_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) throw new ApiHttpError(401, 'unauthorized', 'Unknown refresh token');
  if (row.revoked_at !== null) {
    await revokeFamily(ctx, row.account_id, row.family_id, 'refresh-token-reuse');
    throw new ApiHttpError(401, 'unauthorized', 'Refresh token already used or revoked: the session is closed');
  }
  if (row.expires_at <= now) throw new ApiHttpError(401, 'unauthorized', 'Refresh token expired');
  const account = await findAccountById(ctx.db, row.account_id);
  if (!account) throw new ApiHttpError(401, 'unauthorized', 'Account no longer exists');
  return ctx.db.transaction().execute(async (trx) => {
    // conditional update: of two concurrent refreshes with one token, only one wins
    const result = await trx
      .updateTable('refresh_tokens')
      .set({ revoked_at: now })
      .where('id', '=', row.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      throw new ApiHttpError(401, 'unauthorized', 'Refresh token already used or revoked');
    const pair = await issueTokens(ctx, trx, account, { id: row.family_id, deviceName: row.device_name });
    await trx
      .updateTable('refresh_tokens')
      .set({ replaced_by: hashRefreshToken(pair.refreshToken) })
      .where('id', '=', row.id)
      .execute();
    return pair;
  });
}

async function revokeFamily(
  ctx: ServerContext,
  accountId: number,
  familyId: string,
  reason: 'logout' | 'refresh-token-reuse',
): Promise<void> {
  await ctx.db
    .updateTable('refresh_tokens')
    .set({ revoked_at: ctx.clock.now() })
    .where('family_id', '=', familyId)
    .where('revoked_at', 'is', null)
    .execute();
  // its live-event sockets close now (their access token would stay valid until it expires)
  ctx.changes.endSessions({ accountId, familyId, reason });
}

/** POST /auth/logout: revokes the session (the token's family). Unknown tokens are ignored (idempotent). */
export async function logout(ctx: ServerContext, refreshToken: string): Promise<void> {
  const row = await ctx.db
    .selectFrom('refresh_tokens')
    .select(['account_id', 'family_id'])
    .where('token_hash', '=', hashRefreshToken(refreshToken))
    .executeTakeFirst();
  if (row) await revokeFamily(ctx, row.account_id, row.family_id, 'logout');
}

/**
 * The sessions among `familyIds` that are still open at `now`: a family is
 * open while one of its refresh tokens is neither revoked nor expired
 * (rotation replaces the token within one transaction).
 */
export async function openSessions(ctx: ServerContext, familyIds: readonly string[]): Promise<Set<string>> {
  const open = new Set<string>();
  // chunks keep the statement within SQLite's and PostgreSQL's parameter limits
  for (let i = 0; i < familyIds.length; i += 500) {
    const rows = await ctx.db
      .selectFrom('refresh_tokens')
      .select('family_id')
      .distinct()
      .where('family_id', 'in', familyIds.slice(i, i + 500))
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', ctx.clock.now())
      .execute();
    for (const row of rows) open.add(row.family_id);
  }
  return open;
}

/**
 * POST /auth/password: checks the current password (throttled like a login), that the new one differs
 * from it (`same-password`) and the policy, stores
 * the new hash and Kamailio HA1, clears must_change_password, closes every
 * other session of the account and returns fresh tokens + provisioning.
 */
export async function changePassword(
  ctx: ServerContext,
  accountId: number,
  currentPassword: string,
  newPassword: string,
  throttle: { limiter: LoginThrottle; source: string },
  deviceName: string | null = null,
): Promise<ChangePasswordResponse> {
  const account = await findAccountById(ctx.db, accountId);
  if (!account) throw new ApiHttpError(401, 'unauthorized', 'Account no longer exists');
  // the current password is a guess like a login's: same throttle, same counters (a stolen
  // access token must not become an unlimited password oracle)
  await passThrottle(throttle.limiter, account.number, throttle.source);
  if (!(await verifyPassword(currentPassword, account.password_hash))) {
    throttle.limiter.recordFailure(account.number, throttle.source);
    throw new ApiHttpError(400, 'wrong-current-password', 'The current password is wrong');
  }
  throttle.limiter.recordSuccess(account.number, throttle.source);
  // after the check above, so the answer reveals nothing about a password the caller does not know
  if (reusesCurrentPassword(currentPassword, newPassword))
    throw new ApiHttpError(400, 'same-password', 'The new password must differ from the current one');
  const rules = brokenPasswordRules(newPassword);
  if (rules.length > 0)
    throw new ApiHttpError(400, 'weak-password', `The new password breaks the password rules: ${rules.join(', ')}`, {
      rules,
    });
  // also revokes every refresh token of the account (other sessions end)
  const updated = await setAccountPassword(ctx, accountId, newPassword, false);
  const tokens = await issueTokens(ctx, ctx.db, updated, { id: randomUUID(), deviceName });
  return { ...tokens, provisioning: await provisioningFor(ctx, updated) };
}
