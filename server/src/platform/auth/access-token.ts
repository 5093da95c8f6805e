import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * What an access token allows: everything, or only POST /auth/password
 * (first login / reset: SPEC A2 forces a password change).
 */
export type TokenScope = 'full' | 'password-change';

export interface AccessTokenClaims {
  /** account id */
  sub: number;
  /** internal number */
  num: string;
  scope: TokenScope;
  /** issued at, epoch ms */
  iat: number;
  /** expires at, epoch ms */
  exp: number;
  /**
   * the session (refresh-token family) it was issued for: the live-events
   * socket checks that the session is still open and is closed when it ends
   */
  fam?: string;
}

const PREFIX = 'v1';

/**
 * Signs `v1.<base64url(JSON claims)>.<base64url(HMAC-SHA256)>`. Stateless and
 * short-lived (default 15 min): revocation works through the refresh tokens.
 */
export function signAccessToken(claims: AccessTokenClaims, secret: Buffer): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${PREFIX}.${payload}.${mac(`${PREFIX}.${payload}`, secret)}`;
}

/** The claims if the signature is valid and the token not expired at `now`; otherwise undefined. */
export function verifyAccessToken(token: string, secret: Buffer, now: number): AccessTokenClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX) return undefined;
  const expected = Buffer.from(mac(`${parts[0]}.${parts[1]}`, secret));
  const given = Buffer.from(parts[2]!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isClaims(claims) || claims.exp <= now) return undefined;
  return claims;
}

function mac(data: string, secret: Buffer): string {
  return createHmac('sha256', secret).update(data).digest('base64url');
}

function isClaims(value: unknown): value is AccessTokenClaims {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return (
    typeof c.sub === 'number' &&
    typeof c.num === 'string' &&
    (c.scope === 'full' || c.scope === 'password-change') &&
    typeof c.iat === 'number' &&
    typeof c.exp === 'number' &&
    (c.fam === undefined || typeof c.fam === 'string')
  );
}
