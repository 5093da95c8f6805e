import { createHmac } from 'node:crypto';

/** Short-lived TURN credentials for one user (TURN REST API). */
export interface TurnCredentials {
  /** `expiry:user`, expiry in epoch seconds */
  username: string;
  /** base64(HMAC-SHA1(secret, username)) */
  credential: string;
  /** epoch ms after which the TURN server refuses them */
  expiresAt: number;
}

/**
 * TURN credentials the way coturn's `use-auth-secret` checks them ("A REST API for access to TURN
 * services", draft-uberti-behave-turn-rest-00 §2.2): the user name is the expiry timestamp and the
 * user, the password the base64 HMAC-SHA1 of the user name under the secret shared with the TURN
 * server. Nothing is stored: the TURN server recomputes the password, and refuses it once expired.
 *
 * @see https://datatracker.ietf.org/doc/html/draft-uberti-behave-turn-rest-00
 */
export function turnRestCredentials(secret: string, user: string, nowMs: number, ttlS: number): TurnCredentials {
  if (user.includes(':')) throw new Error('a TURN REST user name cannot contain ":"');
  const expiry = Math.floor(nowMs / 1000) + ttlS;
  const username = `${expiry}:${user}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential, expiresAt: expiry * 1000 };
}
