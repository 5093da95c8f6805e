/**
 * Issue 10 item 5: the attacks on the UC server's login and live events, each
 * through the real server over HTTP/WebSocket on SQLite. Distinct client
 * addresses are real: Linux routes all of 127.0.0.0/8 to loopback, so a
 * request bound to 127.0.0.66 reaches the server (on 127.0.0.1) from 127.0.0.66.
 */
import { request as httpRequest } from 'node:http';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema, LIVE_EVENTS_CLOSE } from '../../../src-preload/contract/platform';
import {
  changePasswordResponseSchema,
  loginResponseSchema,
  tokenPairSchema,
} from '../../../src-preload/contract/session';
import { DEFAULT_LOGIN_LIMITS, type ServerConfig } from '../../../server/src/platform/config';
import { LiveEventsRefused, openLiveEvents } from '../../support/open-live-events';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

interface Reply {
  status: number;
  json: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
}

/** One HTTP request to the API from `from` (a loopback address), with optional headers. */
function call(
  stack: UcStack,
  method: string,
  path: string,
  options: { from?: string; body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const url = new URL(`${stack.apiUrl}${path}`);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        localAddress: options.from ?? '127.0.0.1',
        headers: {
          ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            json: text ? (JSON.parse(text) as Record<string, unknown>) : {},
            headers: res.headers,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const login = (stack: UcStack, user: string, password: string, from?: string, headers?: Record<string, string>) =>
  call(stack, 'POST', '/auth/login', {
    body: { user, password },
    ...(from ? { from } : {}),
    ...(headers ? { headers } : {}),
  });

async function loginOk(stack: UcStack, user: string, password: string, from?: string) {
  const reply = await login(stack, user, password, from);
  expect(reply.status, JSON.stringify(reply.json)).toBe(200);
  return loginResponseSchema.parse(reply.json);
}

function expectWait(reply: Reply): number {
  expect(reply.status, JSON.stringify(reply.json)).toBe(429);
  const body = apiErrorSchema.parse(reply.json);
  expect(body.error).toBe('too-many-attempts');
  expect(reply.headers['retry-after']).toBe(String(body.retryAfterS));
  return body.retryAfterS!;
}

/** the per-account slowdown; well above a login's own time (scrypt) on a loaded machine */
const SLOWDOWN_MS = 2500;

const config = (overrides: Partial<ServerConfig> = {}): Partial<ServerConfig> => ({
  login: { ...DEFAULT_LOGIN_LIMITS, accountMaxFailures: 10, accountSlowdownMs: SLOWDOWN_MS },
  ...overrides,
});

describe('login throttling cannot be turned against the user', () => {
  let stack: UcStack;
  beforeAll(async () => {
    stack = await startUcStack({ withKamailio: false, config: config() });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('a third party failing logins for 101 from another address cannot lock 101 out', async () => {
    const attacker = '127.0.0.66';
    for (let i = 0; i < 3; i++) expect((await login(stack, '101', `Guess-${i}!x`, attacker)).status).toBe(401);
    // the attacker's own address backs off: 1 s, then 2 s, 4 s … (not the account)
    expect(expectWait(await login(stack, '101', 'Guess-3!x', attacker))).toBe(1);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await login(stack, '101', 'Guess-4!x', attacker)).status).toBe(401);
    expect(expectWait(await login(stack, '101', 'Welcome101!', attacker))).toBe(2);
    // the real user, from their own address, logs in at once and learns about the failures
    const started = Date.now();
    const ok = await loginOk(stack, '101', 'Welcome101!', '127.0.0.1');
    expect(Date.now() - started).toBeLessThan(SLOWDOWN_MS); // not even slowed: 4 failures < the account ceiling
    expect(ok.failedAttempts.count).toBe(4);
  });

  it('a distributed guess at 105 (many addresses) slows 105 down but never refuses the right password', async () => {
    // 10 addresses, 1 guess each: no address backs off; the account reaches its ceiling (10)
    for (let i = 1; i <= 10; i++)
      expect((await login(stack, '105', 'Distributed-1!', `127.0.1.${i}`)).status).toBe(401);
    const started = Date.now();
    await loginOk(stack, '105', 'Welcome105!', '127.0.0.1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(SLOWDOWN_MS); // the account ceiling's slowdown
  });

  it('parallel guesses from one address do not all slip through before the first failure is counted', async () => {
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) => login(stack, '103', `Parallel-${i}!a`, '127.0.0.99')),
    );
    expect(replies.filter((r) => r.status === 401)).toHaveLength(3);
    expect(replies.filter((r) => r.status === 429)).toHaveLength(7);
  });

  it('ignores X-Forwarded-For by default: a forged header does not reset the backoff', async () => {
    const from = '127.0.0.77';
    for (let i = 0; i < 3; i++)
      expect((await login(stack, '100', 'Nope-Nope1!', from, { 'x-forwarded-for': `198.51.100.${i}` })).status).toBe(
        401,
      );
    expectWait(await login(stack, '100', 'Nope-Nope1!', from, { 'x-forwarded-for': '198.51.100.99' }));
  });

  it('throttles the current password of /auth/password like a login (a stolen access token is no password oracle)', async () => {
    const session = await loginOk(stack, '100', 'Welcome100!', '127.0.0.88');
    const change = (currentPassword: string) =>
      call(stack, 'POST', '/auth/password', {
        from: '127.0.0.88',
        token: session.accessToken,
        body: { currentPassword, newPassword: 'N3w-Secret!' },
      });
    for (let i = 0; i < 3; i++) expect((await change(`Wrong-${i}!a`)).status).toBe(400);
    expect(expectWait(await change('Welcome100!'))).toBe(1);
    // the owner's login from their own address is not affected
    await loginOk(stack, '100', 'Welcome100!', '127.0.0.1');
  });
});

describe('trustProxy configured', () => {
  let stack: UcStack;
  beforeAll(async () => {
    stack = await startUcStack({ withKamailio: false, config: config({ trustProxy: ['127.0.0.1'] }) });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('takes the client address from X-Forwarded-For set by the trusted proxy only', async () => {
    const viaProxy = (forwardedFor: string) => ({ 'x-forwarded-for': forwardedFor });
    for (let i = 0; i < 3; i++)
      expect((await login(stack, '101', 'Guess-1!x', '127.0.0.1', viaProxy('203.0.113.66'))).status).toBe(401);
    expectWait(await login(stack, '101', 'Welcome101!', '127.0.0.1', viaProxy('203.0.113.66')));
    // another client behind the same proxy is another source
    expect((await login(stack, '101', 'Welcome101!', '127.0.0.1', viaProxy('203.0.113.10'))).status).toBe(200);
    // a peer that is not the trusted proxy cannot choose its address
    for (let i = 0; i < 3; i++)
      expect((await login(stack, '102', 'Guess-1!x', '127.0.0.5', viaProxy(`203.0.113.${20 + i}`))).status).toBe(401);
    expectWait(await login(stack, '102', 'Guess-1!x', '127.0.0.5', viaProxy('203.0.113.30')));
  });
});

describe('live events: the token stays out of URLs and logs; sockets follow their session', () => {
  let stack: UcStack;
  let log = '';
  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
    stack = await startUcStack({
      withKamailio: false,
      logStream: stream,
      config: config({
        liveEvents: { authTimeoutMs: 400, maxSocketsPerAccount: 2, sessionSweepMs: 200 },
      }),
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('the access and refresh tokens appear nowhere in the server log', async () => {
    const session = await loginOk(stack, '100', 'Welcome100!');
    const live = await openLiveEvents(stack.apiUrl, session.accessToken);
    expect((await call(stack, 'GET', '/me', { token: session.accessToken })).status).toBe(200);
    // an old client's query-string token is not logged either
    await call(stack, 'GET', `/changes?since=0&access_token=${session.accessToken}`, { token: session.accessToken });
    const rotated = tokenPairSchema.parse(
      (await call(stack, 'POST', '/auth/refresh', { body: { refreshToken: session.refreshToken } })).json,
    );
    live.close();
    await live.closed;
    await new Promise((r) => setTimeout(r, 100));
    expect(log).toContain('/api/v1/events'); // the log is on and saw the socket
    expect(log).toContain('/api/v1/changes');
    for (const secret of [session.accessToken, session.refreshToken, rotated.accessToken, rotated.refreshToken]) {
      expect(log).not.toContain(secret);
      expect(log).not.toContain(secret.split('.')[2] ?? secret); // not even the signature
    }
    expect(log).not.toMatch(/authorization|access_token/i);
  });

  it('closes a socket that does not authenticate in time (4408)', async () => {
    const refused = await openLiveEvents(stack.apiUrl, '', { authFrame: '' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LiveEventsRefused);
    // an empty first frame is not an auth frame
    expect((refused as LiveEventsRefused).code).toBe(LIVE_EVENTS_CLOSE.unauthorized);
    const { default: WebSocket } = await import('ws');
    const silent = new WebSocket(`${stack.apiUrl.replace(/^http/, 'ws')}/events`);
    const code = await new Promise<number>((resolve) => silent.once('close', (c) => resolve(c)));
    expect(code).toBe(LIVE_EVENTS_CLOSE.authTimeout);
  });

  it('a password change closes every socket of the account (4410) and the old tokens cannot reopen one', async () => {
    const laptop = await loginOk(stack, '101', 'Welcome101!');
    const phone = await loginOk(stack, '101', 'Welcome101!');
    const other = await loginOk(stack, '100', 'Welcome100!');
    const laptopLive = await openLiveEvents(stack.apiUrl, laptop.accessToken);
    const phoneLive = await openLiveEvents(stack.apiUrl, phone.accessToken);
    const otherLive = await openLiveEvents(stack.apiUrl, other.accessToken);
    const changed = await call(stack, 'POST', '/auth/password', {
      token: laptop.accessToken,
      body: { currentPassword: 'Welcome101!', newPassword: 'Chang3d-101!' },
    });
    expect(changed.status).toBe(200);
    expect((await laptopLive.closed).code).toBe(LIVE_EVENTS_CLOSE.sessionEnded);
    expect(await phoneLive.closed).toEqual({
      code: LIVE_EVENTS_CLOSE.sessionEnded,
      reason: 'session ended: password-changed',
    });
    // the phone's access token is still within its 15 minutes, but its session is over
    await expect(openLiveEvents(stack.apiUrl, phone.accessToken)).rejects.toMatchObject({
      code: LIVE_EVENTS_CLOSE.sessionEnded,
    });
    // the laptop's new tokens open one again; another account was not touched
    const fresh = changePasswordResponseSchema.parse(changed.json);
    (await openLiveEvents(stack.apiUrl, fresh.accessToken)).close();
    expect(otherLive.socket.readyState).toBe(otherLive.socket.OPEN);
    otherLive.close();
  });

  it('logout and refresh-token reuse close the sockets of that session only', async () => {
    const a = await loginOk(stack, '100', 'Welcome100!');
    const b = await loginOk(stack, '100', 'Welcome100!');
    const aLive = await openLiveEvents(stack.apiUrl, a.accessToken);
    const bLive = await openLiveEvents(stack.apiUrl, b.accessToken);
    expect((await call(stack, 'POST', '/auth/logout', { body: { refreshToken: a.refreshToken } })).status).toBe(204);
    expect((await aLive.closed).code).toBe(LIVE_EVENTS_CLOSE.sessionEnded);
    expect(bLive.socket.readyState).toBe(bLive.socket.OPEN);
    // b's refresh token is stolen and used: replaying the old one ends b's session
    expect((await call(stack, 'POST', '/auth/refresh', { body: { refreshToken: b.refreshToken } })).status).toBe(200);
    expect((await call(stack, 'POST', '/auth/refresh', { body: { refreshToken: b.refreshToken } })).status).toBe(401);
    expect((await bLive.closed).code).toBe(LIVE_EVENTS_CLOSE.sessionEnded);
  });

  it('a session revoked by another process (CLI, second server) closes its sockets within the sweep', async () => {
    const session = await loginOk(stack, '100', 'Welcome100!');
    const live = await openLiveEvents(stack.apiUrl, session.accessToken);
    // straight into the database, as `reset-password` in another process does: no in-process notice
    await stack
      .ctx!.db.updateTable('refresh_tokens')
      .set({ revoked_at: Date.now() })
      .where('revoked_at', 'is', null)
      .execute();
    const started = Date.now();
    expect((await live.closed).code).toBe(LIVE_EVENTS_CLOSE.sessionEnded);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('keeps at most maxSocketsPerAccount sockets per account: the oldest is closed (4429)', async () => {
    const session = await loginOk(stack, '100', 'Welcome100!');
    const first = await openLiveEvents(stack.apiUrl, session.accessToken);
    const second = await openLiveEvents(stack.apiUrl, session.accessToken);
    const third = await openLiveEvents(stack.apiUrl, session.accessToken);
    expect((await first.closed).code).toBe(LIVE_EVENTS_CLOSE.replaced);
    expect([second.socket.readyState, third.socket.readyState]).toEqual([1, 1]);
    second.close();
    third.close();
  });
});
