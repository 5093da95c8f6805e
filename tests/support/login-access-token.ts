/**
 * Logs in to a running UC server over HTTP, for tests that call its API
 * directly (fetch) rather than through the client.
 */
import { expect } from 'vitest';
import { loginResponseSchema } from '../../src-preload/contract/session';

/**
 * POSTs `/auth/login` and expects 200.
 *
 * @param apiUrl - the server's API base, e.g. `UcStack.apiUrl`
 * @returns the access token (for `authorization: Bearer …`)
 */
export async function loginAccessToken(apiUrl: string, user: string, password: string): Promise<string> {
  const res = await fetch(`${apiUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user, password }),
  });
  expect(res.status).toBe(200);
  return loginResponseSchema.parse(await res.json()).accessToken;
}
