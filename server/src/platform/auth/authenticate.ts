import type { FastifyRequest } from 'fastify';
import { ApiHttpError } from '../http/api-http-error';
import type { ServerContext } from '../server-context';
import { verifyAccessToken, type AccessTokenClaims } from './access-token';

/** The authenticated caller of a request. */
export interface AuthenticatedAccount {
  accountId: number;
  number: string;
  /** the session (refresh-token family) of the token; absent in tokens issued before it was carried */
  familyId?: string;
}

/** The Bearer token of a request, or undefined. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/**
 * Checks an access token (signature + expiry against ctx.clock). Throws 401
 * `unauthorized` when missing/invalid/expired. Also used by WS /events with
 * the token of its first frame.
 */
export function verifyAccessTokenOrThrow(token: string | undefined, ctx: ServerContext): AccessTokenClaims {
  if (token === undefined)
    throw new ApiHttpError(401, 'unauthorized', 'Missing access token (Authorization: Bearer …)');
  const claims = verifyAccessToken(token, ctx.config.tokenSecret, ctx.clock.now());
  if (!claims) throw new ApiHttpError(401, 'unauthorized', 'Invalid or expired access token');
  return claims;
}

/**
 * Authorizes a request to any route but POST /auth/password: a valid
 * full-scope Bearer token. 401 `unauthorized` otherwise; 403
 * `password-change-required` for a token that only allows the password change.
 */
export async function authenticate(request: FastifyRequest, ctx: ServerContext): Promise<AuthenticatedAccount> {
  return authenticateToken(bearerToken(request), ctx);
}

/** {@link authenticate} for a token that does not come in the Authorization header (WS /events: its first frame). */
export function authenticateToken(token: string | undefined, ctx: ServerContext): AuthenticatedAccount {
  const claims = verifyAccessTokenOrThrow(token, ctx);
  if (claims.scope !== 'full')
    throw new ApiHttpError(403, 'password-change-required', 'The password must be changed first (POST /auth/password)');
  return { accountId: claims.sub, number: claims.num, ...(claims.fam !== undefined ? { familyId: claims.fam } : {}) };
}

/** Like {@link authenticate} but also accepts a password-change-only token (POST /auth/password). */
export async function authenticateForPasswordChange(
  request: FastifyRequest,
  ctx: ServerContext,
): Promise<AuthenticatedAccount> {
  const claims = verifyAccessTokenOrThrow(bearerToken(request), ctx);
  return { accountId: claims.sub, number: claims.num };
}
