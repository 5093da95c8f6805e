import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UcClientError } from '../../../src-main/core/platform/uc/uc-client-error';
import { UcServerClient } from '../../../src-main/core/app/uc-server-client';
import { FakeUcServer } from '../../support/fake-uc-server';

const alice = { user: '100', password: 'Welcome100!' };

async function rejection(p: Promise<unknown>): Promise<UcClientError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(UcClientError);
    return err as UcClientError;
  }
  throw new Error('expected a rejection');
}

describe('UcServerClient against a real HTTP server on 127.0.0.1', () => {
  let server: FakeUcServer;
  let client: UcServerClient;

  beforeEach(async () => {
    server = new FakeUcServer();
    await server.start();
    client = new UcServerClient({ apiUrl: server.apiUrl, timeoutMs: 2000 });
  });
  afterEach(async () => {
    await server.stop();
  });

  it('logs in, keeps the tokens, reads /me with the bearer token', async () => {
    const seen: unknown[] = [];
    client.onDidChangeTokens((t) => seen.push(t));
    const reply = await client.login(alice);
    expect(reply.account).toEqual({ number: '100', displayName: 'Alice Martin' });
    expect(reply.mustChangePassword).toBe(false);
    expect(reply.provisioning?.sipUser).toBe('100');
    expect(client.tokens?.accessToken).toBe(reply.accessToken);
    expect(seen).toHaveLength(1);
    expect((await client.me()).account.number).toBe('100');
  });

  it('maps 401 and 429 to api errors with their code and retryAfterS', async () => {
    server.maxFailures = 2;
    const wrong = { user: '100', password: 'nope' };
    const e1 = await rejection(client.login(wrong));
    expect(e1).toMatchObject({ kind: 'api', status: 401, code: 'invalid-credentials' });
    await rejection(client.login(wrong));
    const e3 = await rejection(client.login(alice));
    expect(e3).toMatchObject({ kind: 'api', status: 429, code: 'too-many-attempts' });
    expect(e3.details.retryAfterS).toBe(30);
    expect(client.tokens).toBeUndefined();
  });

  it('reports failed attempts since the last successful login', async () => {
    await rejection(client.login({ user: '100', password: 'bad' }));
    await rejection(client.login({ user: '100', password: 'bad' }));
    const reply = await client.login(alice);
    expect(reply.failedAttempts.count).toBe(2);
    expect(reply.failedAttempts.lastAt).toBeGreaterThan(0);
  });

  it.each([
    ['not JSON', 200, '<html>proxy</html>', /not JSON/],
    ['wrong shape', 200, '{"accessToken":"a"}', /unexpected reply to POST \/auth\/login/],
    ['error status without API body', 502, 'Bad Gateway', /HTTP 502/],
  ])('a malformed reply (%s) is a bad-server-reply error, never a crash', async (_what, status, body, message) => {
    server.overrides.set('POST /auth/login', { status, body });
    const err = await rejection(client.login(alice));
    expect(err.kind).toBe('bad-server-reply');
    expect(err.message).toMatch(message);
  });

  it('a malformed change feed is a bad-server-reply error', async () => {
    await client.login(alice);
    server.overrides.set('GET /changes', { status: 200, body: '{"changes":[{"revision":-1}],"revision":1}' });
    const err = await rejection(client.changes(0, 10));
    expect(err.kind).toBe('bad-server-reply');
    expect(err.message).toMatch(/changes/);
  });

  it('no server → unreachable; reach events say so', async () => {
    const reach: boolean[] = [];
    client.onDidReach((r) => reach.push(r));
    await server.stop();
    const err = await rejection(client.login(alice));
    expect(err.kind).toBe('unreachable');
    expect(err.transient).toBe(true);
    expect(err.message).toMatch(/cannot be reached/);
    expect(reach).toEqual([false]);
  });

  it('times out a server that never answers', async () => {
    server.delayMs = 1500;
    const slow = new UcServerClient({ apiUrl: server.apiUrl, timeoutMs: 200 });
    const started = Date.now();
    const err = await rejection(slow.login(alice));
    expect(err.kind).toBe('unreachable');
    expect(err.message).toMatch(/no reply within 200 ms/);
    expect(Date.now() - started).toBeLessThan(1400);
  });

  it('refreshes an expired access token once for concurrent requests, then retries them', async () => {
    await client.login(alice);
    const firstRefresh = client.tokens!.refreshToken;
    server.expireAccessTokens();
    const [a, b, c] = await Promise.all([client.me(), client.changes(0, 10), client.me()]);
    expect(a.account.number).toBe('100');
    expect(b.changes).toEqual([]);
    expect(c.account.number).toBe('100');
    expect(server.requests.filter((r) => r === 'POST /auth/refresh')).toHaveLength(1);
    expect(client.tokens!.refreshToken).not.toBe(firstRefresh);
  });

  it('a revoked refresh token calls reauthenticate, else the 401 surfaces', async () => {
    await client.login(alice);
    server.revokeAll();
    const err = await rejection(client.me());
    expect(err).toMatchObject({ kind: 'api', status: 401 });

    let reauths = 0;
    const withReauth: UcServerClient = new UcServerClient({
      apiUrl: server.apiUrl,
      reauthenticate: async () => {
        reauths++;
        return withReauth.login(alice);
      },
    });
    await withReauth.login(alice);
    server.revokeAll();
    expect((await withReauth.me()).account.number).toBe('100');
    expect(reauths).toBe(1);
  });

  it('sends the Idempotency-Key; a resend is applied once', async () => {
    await client.login(alice);
    const id = '0b9a1c52-0a0e-4a61-9f7e-3f3e8d8f3a10';
    const key = 'f1d2d2f9-24d6-4c5b-9a4f-0a8d1e1f0c11';
    const first = await client.createContact({ id, fields: { lastName: 'Dupont' } }, key);
    const again = await client.createContact({ id, fields: { lastName: 'Dupont' } }, key);
    expect(again).toEqual(first);
    expect(server.contacts.size).toBe(1);
    expect(server.feed).toHaveLength(1);
    expect(server.idempotencyKeys).toEqual([key, key]);
    const patched = await client.patchContact(`personal:${id}`, { fields: { firstName: 'Jean' } }, crypto.randomUUID());
    expect(patched.entry?.displayName).toBe('Jean Dupont');
    const deleted = await client.deleteContact(`personal:${id}`, crypto.randomUUID());
    expect(deleted.entry).toBeUndefined();
    expect(deleted.revision).toBe(3);
  });

  it('change password: weak password carries the broken rules; success installs new tokens', async () => {
    await client.login({ user: '102', password: 'Welcome102!' });
    const limited = await rejection(client.me());
    expect(limited).toMatchObject({ status: 403, code: 'password-change-required' });
    const weak = await rejection(client.changePassword({ currentPassword: 'Welcome102!', newPassword: 'short' }));
    expect(weak.code).toBe('weak-password');
    expect(weak.details.rules).toEqual(expect.arrayContaining(['length', 'upper', 'digit', 'special']));
    const wrong = await rejection(client.changePassword({ currentPassword: 'nope', newPassword: 'N3w-Passw0rd' }));
    expect(wrong.code).toBe('wrong-current-password');
    const before = client.tokens!.accessToken;
    const ok = await client.changePassword({ currentPassword: 'Welcome102!', newPassword: 'N3w-Passw0rd' });
    expect(ok.provisioning.sipUser).toBe('102');
    expect(client.tokens!.accessToken).not.toBe(before);
    expect((await client.me()).account.number).toBe('102');
  });

  it('logout revokes the refresh token and forgets the tokens, even when the server is down', async () => {
    await client.login(alice);
    const refresh = client.tokens!.refreshToken;
    await client.logout();
    expect(client.tokens).toBeUndefined();
    expect(server.requests.at(-1)).toBe('POST /auth/logout');
    const other = new UcServerClient({ apiUrl: server.apiUrl });
    other.setTokens({ accessToken: 'x', accessExpiresAt: 0, refreshToken: refresh });
    expect((await rejection(other.refresh())).status).toBe(401);

    await client.login(alice);
    await server.stop();
    await expect(client.logout()).rejects.toMatchObject({ kind: 'unreachable' });
    expect(client.tokens).toBeUndefined();
  });
});
