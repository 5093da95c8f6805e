import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../../src-preload/contract/platform';
import {
  changePasswordResponseSchema,
  loginResponseSchema,
  meResponseSchema,
  tokenPairSchema,
  type LoginResponse,
} from '../../../src-preload/contract/session';
import { DEFAULT_LOGIN_LIMITS } from '../../../server/src/platform/config';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

// The auth API (login, backoff, forced password change, refresh rotation,
// logout, /me, errors) over real HTTP against real SQLite and PostgreSQL,
// with an injected clock for expiry and lockouts.

class TestClock {
  t = Date.UTC(2026, 0, 5, 9, 0, 0);
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

const TTL_MS = 60_000;

describe.each(['sqlite', 'postgres'] as const)('UC server auth API on %s', (database) => {
  let stack: UcStack;
  const clock = new TestClock();

  async function call(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
    rawBody?: string,
  ): Promise<{ status: number; json: unknown }> {
    const response = await fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined || rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : undefined };
  }

  async function login(user: string, password: string): Promise<{ status: number; json: unknown }> {
    return call('POST', '/auth/login', { user, password, deviceName: 'vitest' });
  }

  async function loginOk(user: string, password: string): Promise<LoginResponse> {
    const res = await login(user, password);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    return loginResponseSchema.parse(res.json);
  }

  function expectError(
    res: { status: number; json: unknown },
    status: number,
    code: string,
  ): ReturnType<typeof apiErrorSchema.parse> {
    expect(res.status, JSON.stringify(res.json)).toBe(status);
    const error = apiErrorSchema.parse(res.json);
    expect(error.error).toBe(code);
    return error;
  }

  beforeAll(async () => {
    stack = await startUcStack({
      database,
      withKamailio: false,
      clock,
      config: {
        accessTokenTtlMs: TTL_MS,
        login: {
          lockAfterFailures: 3,
          baseLockMs: 1000,
          maxLockMs: 15 * 60_000,
          ipMaxFailures: 1000,
          ipWindowMs: 600_000,
          accountMaxFailures: 1000,
          accountWindowMs: 600_000,
          accountSlowdownMs: 0,
        },
      },
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('logs in with number + password and provisions SIP', async () => {
    const res = await loginOk('100', 'Welcome100!');
    expect(res.mustChangePassword).toBe(false);
    expect(res.account).toEqual({ number: '100', displayName: 'Alice Martin' });
    expect(res.failedAttempts).toEqual({ count: 0 });
    expect(res.accessExpiresAt).toBe(clock.now() + TTL_MS);
    expect(res.provisioning).toEqual({
      sipWsUrl: stack.kamailio.wssUrl,
      sipDomain: '127.0.0.1',
      sipUser: '100',
      // the account's SIP secret, never its password (issue #10)
      sipPassword: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
      iceServers: [],
      // the dial plan's emergency numbers (SPEC G): the app dials them itself, whatever the dial mode
      emergencyNumbers: ['112', '15', '17', '18', '911'],
      // its outside prefix and country ("internal or external?", SPEC C5): none set here
      dialPlan: { outsidePrefix: '' },
    });
    expect(res.provisioning?.sipPassword).not.toBe('Welcome100!');
    const me = await call('GET', '/me', undefined, res.accessToken);
    expect(me.status).toBe(200);
    expect(meResponseSchema.parse(me.json).account.number).toBe('100');
  });

  it('answers a wrong password and an unknown user identically (401 invalid-credentials)', async () => {
    const wrong = expectError(await login('101', 'Welcome100!'), 401, 'invalid-credentials');
    const unknown = expectError(await login('999', 'Welcome100!'), 401, 'invalid-credentials');
    expect(unknown).toEqual(wrong);
    await loginOk('101', 'Welcome101!'); // resets 101's counter for later tests
  });

  it('backs off after 3 failures (429 + retryAfterS, growing) and reports the failures after the next success', async () => {
    await loginOk('103', 'Welcome103!'); // fresh counter
    const failureTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      clock.advance(100);
      failureTimes.push(clock.now());
      expectError(await login('103', 'nope'), 401, 'invalid-credentials');
    }
    // third failure: locked 1 s — even the right password is refused meanwhile
    const locked = expectError(await login('103', 'Welcome103!'), 429, 'too-many-attempts');
    expect(locked.retryAfterS).toBe(1);
    clock.advance(1001);
    failureTimes.push(clock.now());
    expectError(await login('103', 'still wrong'), 401, 'invalid-credentials');
    // fourth failure: 2 s
    expect(expectError(await login('103', 'Welcome103!'), 429, 'too-many-attempts').retryAfterS).toBe(2);
    clock.advance(2001);
    const ok = await loginOk('103', 'Welcome103!');
    expect(ok.failedAttempts).toEqual({ count: 4, lastAt: failureTimes[3] });
    // reported once: the next login starts from zero
    expect((await loginOk('103', 'Welcome103!')).failedAttempts).toEqual({ count: 0 });
  });

  it('forces a password change: restricted token, policy rules, then full access', async () => {
    const first = await loginOk('104', 'Welcome104!');
    expect(first.mustChangePassword).toBe(true);
    expect(first.provisioning).toBeUndefined();
    expectError(await call('GET', '/me', undefined, first.accessToken), 403, 'password-change-required');

    const weak = expectError(
      await call('POST', '/auth/password', { currentPassword: 'Welcome104!', newPassword: 'short' }, first.accessToken),
      400,
      'weak-password',
    );
    expect(weak.rules).toEqual(['length', 'upper', 'digit', 'special']);
    expectError(
      await call(
        'POST',
        '/auth/password',
        { currentPassword: 'Wrong104!', newPassword: 'G00d-Secret' },
        first.accessToken,
      ),
      400,
      'wrong-current-password',
    );
    // SPEC A2: the forced change must change the password (the initial one is compliant with the policy)
    const same = expectError(
      await call(
        'POST',
        '/auth/password',
        { currentPassword: 'Welcome104!', newPassword: 'Welcome104!' },
        first.accessToken,
      ),
      400,
      'same-password',
    );
    expect(same.message).toMatch(/differ/);
    const changed = await call(
      'POST',
      '/auth/password',
      { currentPassword: 'Welcome104!', newPassword: 'G00d-Secret' },
      first.accessToken,
    );
    expect(changed.status, JSON.stringify(changed.json)).toBe(200);
    const fresh = changePasswordResponseSchema.parse(changed.json);
    expect(fresh.provisioning.sipUser).toBe('104');
    expect((await call('GET', '/me', undefined, fresh.accessToken)).status).toBe(200);
    // the sessions opened before the change are closed
    expectError(await call('POST', '/auth/refresh', { refreshToken: first.refreshToken }), 401, 'unauthorized');
    expectError(await login('104', 'Welcome104!'), 401, 'invalid-credentials');
    const again = await loginOk('104', 'G00d-Secret');
    expect(again.mustChangePassword).toBe(false);
    expect(again.provisioning?.sipUser).toBe('104');
  });

  it('rotates refresh tokens; reusing a rotated token revokes the whole family', async () => {
    const session = await loginOk('105', 'Welcome105!');
    const rotated = await call('POST', '/auth/refresh', { refreshToken: session.refreshToken });
    expect(rotated.status).toBe(200);
    const pair = tokenPairSchema.parse(rotated.json);
    expect(pair.refreshToken).not.toBe(session.refreshToken);
    // replay of the old token: refused, and the new one dies with it
    expectError(await call('POST', '/auth/refresh', { refreshToken: session.refreshToken }), 401, 'unauthorized');
    expectError(await call('POST', '/auth/refresh', { refreshToken: pair.refreshToken }), 401, 'unauthorized');
    expectError(await call('POST', '/auth/refresh', { refreshToken: 'never-issued' }), 401, 'unauthorized');
  });

  it('logout revokes the session', async () => {
    const session = await loginOk('100', 'Welcome100!');
    expect((await call('POST', '/auth/logout', { refreshToken: session.refreshToken })).status).toBe(204);
    expectError(await call('POST', '/auth/refresh', { refreshToken: session.refreshToken }), 401, 'unauthorized');
    // idempotent
    expect((await call('POST', '/auth/logout', { refreshToken: session.refreshToken })).status).toBe(204);
  });

  it('access tokens expire (injected clock); the refresh token renews them', async () => {
    const session = await loginOk('101', 'Welcome101!');
    clock.advance(TTL_MS - 1);
    expect((await call('GET', '/me', undefined, session.accessToken)).status).toBe(200);
    clock.advance(1);
    expectError(await call('GET', '/me', undefined, session.accessToken), 401, 'unauthorized');
    const renewed = tokenPairSchema.parse(
      (await call('POST', '/auth/refresh', { refreshToken: session.refreshToken })).json,
    );
    expect((await call('GET', '/me', undefined, renewed.accessToken)).status).toBe(200);
  });

  it('refuses missing, malformed and tampered tokens with 401', async () => {
    expectError(await call('GET', '/me'), 401, 'unauthorized');
    expectError(await call('GET', '/me', undefined, 'garbage'), 401, 'unauthorized');
    const session = await loginOk('100', 'Welcome100!');
    const [prefix, payload, mac] = session.accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub: number; num: string };
    // another user's identity with the old signature: refused
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: claims.sub + 1, num: '101' })).toString('base64url');
    expectError(await call('GET', '/me', undefined, `${prefix}.${forged}.${mac}`), 401, 'unauthorized');
  });

  it('answers malformed JSON, schema violations and unknown routes with ApiError bodies', async () => {
    expectError(await call('POST', '/auth/login', undefined, undefined, '{"user": "100",'), 400, 'invalid-request');
    expectError(await call('POST', '/auth/login', { user: '100' }), 400, 'invalid-request');
    expectError(await call('POST', '/auth/login', { user: '100', password: 'x', extra: 1 }), 400, 'invalid-request');
    expectError(await call('GET', '/no-such-route'), 404, 'not-found');
  });

  it('serves an OpenAPI 3.1 description of the routes', async () => {
    const res = await call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.json as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/auth/login', '/auth/refresh', '/auth/logout', '/auth/password', '/me']),
    );
  });

  it('keeps working after a server restart on the same database (tokens stay valid)', async () => {
    const session = await loginOk('100', 'Welcome100!');
    await stack.stopServer();
    await expect(fetch(`${stack.apiUrl}/me`)).rejects.toThrow();
    await stack.startServer();
    expect((await call('GET', '/me', undefined, session.accessToken)).status).toBe(200);
  });
});

describe('per-IP login limit', () => {
  let stack: UcStack;
  beforeAll(async () => {
    stack = await startUcStack({
      withKamailio: false,
      config: {
        login: {
          ...DEFAULT_LOGIN_LIMITS,
          lockAfterFailures: 100,
          maxLockMs: 60_000,
          ipMaxFailures: 4,
          ipWindowMs: 60_000,
        },
      },
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('answers 429 to an address after too many failures across accounts', async () => {
    const attempt = async (user: string, password: string): Promise<Response> =>
      fetch(`${stack.apiUrl}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user, password }),
      });
    for (const user of ['100', '101', '102', '999']) expect((await attempt(user, 'spray-1!A')).status).toBe(401);
    const blocked = await attempt('105', 'Welcome105!');
    expect(blocked.status).toBe(429);
    const body = apiErrorSchema.parse(await blocked.json());
    expect(body.error).toBe('too-many-attempts');
    expect(body.retryAfterS).toBeGreaterThan(0);
    expect(blocked.headers.get('retry-after')).toBe(String(body.retryAfterS));
  });
});
