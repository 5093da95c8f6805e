/**
 * The presence API of the real UC server (SPEC B1, B3, B6) on SQLite and
 * PostgreSQL: GET/PUT /me/presence with validation and auth (401/403), the
 * `presence-changed` live event to the account's own connections only, the
 * return time (B6) read as office once passed (injected clock) and reset by
 * the server's timer — also after a restart — and GET /presence honouring
 * the visibility (B3).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveEventSchema, type LiveEvent } from '../../../src-preload/contract/ipc-contract';
import { presenceListResponseSchema, presenceSchema } from '../../../src-preload/contract/presence';
import { loginAccessToken } from '../../support/login-access-token';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';
import { until } from '../../support/sync-helpers';
import { openLiveEvents } from '../../support/open-live-events';

/** A live-events connection that records the frames it gets (pings left out). */
async function listen(apiUrl: string, token: string): Promise<{ events: LiveEvent[]; close(): void }> {
  const connection = await openLiveEvents(apiUrl, token);
  const events: LiveEvent[] = [];
  connection.socket.on('message', (data) => {
    const event = liveEventSchema.parse(JSON.parse(String(data)));
    if (event.type !== 'ping') events.push(event);
  });
  return { events, close: () => connection.socket.terminate() };
}

describe.each(['sqlite', 'postgres'] as const)('presence API on %s', (database) => {
  let stack: UcStack;
  /** moves the server's clock (tokens, return times) */
  let offset = 0;
  let alice: string;
  let bruno: string;

  const login = (user: string, password: string): Promise<string> => loginAccessToken(stack.apiUrl, user, password);
  function call(method: string, path: string, token: string | undefined, body?: unknown): Promise<Response> {
    return fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  }
  async function getPresence(token: string) {
    const res = await call('GET', '/me/presence', token);
    expect(res.status).toBe(200);
    return presenceSchema.parse(await res.json());
  }
  const now = () => Date.now() + offset;

  beforeAll(async () => {
    // long-lived tokens: the B6 test moves the clock by hours
    stack = await startUcStack({
      database,
      withKamailio: false,
      clock: { now },
      config: { accessTokenTtlMs: 24 * 3_600_000 },
    });
    alice = await login('100', 'Welcome100!');
    bruno = await login('101', 'Welcome101!');
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('starts at office, visible to all', async () => {
    expect(await getPresence(alice)).toEqual({ state: 'office', visibility: 'all', updatedAt: 0 });
  });

  it('401 without or with a bad token, 403 before the password change', async () => {
    expect((await call('GET', '/me/presence', undefined)).status).toBe(401);
    expect((await call('PUT', '/me/presence', 'not-a-token', { state: 'meeting' })).status).toBe(401);
    // anonymous: 401 even with a bad body (authentication first)
    expect((await call('PUT', '/me/presence', undefined, { state: 'nope' })).status).toBe(401);
    const chloe = await login('102', 'Welcome102!');
    const res = await call('GET', '/me/presence', chloe);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toBe('password-change-required');
  });

  it('sets state, return time, note and visibility; the other device of the user is told, others only that it changed', async () => {
    const aliceOtherDevice = await login('100', 'Welcome100!');
    const aliceLive = await listen(stack.apiUrl, aliceOtherDevice);
    const brunoLive = await listen(stack.apiUrl, bruno);
    try {
      const returnAt = now() + 3_600_000;
      const res = await call('PUT', '/me/presence', alice, {
        state: 'meeting',
        returnAt,
        note: '  Budget review  ',
        visibility: 'internal',
      });
      expect(res.status).toBe(200);
      const set = presenceSchema.parse(await res.json());
      expect(set).toMatchObject({ state: 'meeting', returnAt, note: 'Budget review', visibility: 'internal' });
      await until('presence-changed on the other device', () => aliceLive.events.length > 0, 5000);
      expect(aliceLive.events).toEqual([{ type: 'presence-changed' }]);
      expect(await getPresence(aliceOtherDevice)).toEqual(set);
      // visibility kept when absent; a blank note removes the note
      const next = await call('PUT', '/me/presence', alice, { state: 'dnd', note: '   ' });
      expect(presenceSchema.parse(await next.json())).toMatchObject({ state: 'dnd', visibility: 'internal' });
      expect((await getPresence(alice)).note).toBeUndefined();
      await until('second presence-changed', () => aliceLive.events.length === 2, 5000);
      // others learn that 100 changed (SPEC B4, live), never what to: GET /presence applies the visibility
      await until('others told', () => brunoLive.events.length === 2, 5000);
      expect(brunoLive.events).toEqual([
        { type: 'others-presence-changed', numbers: ['100'] },
        { type: 'others-presence-changed', numbers: ['100'] },
      ]);
    } finally {
      aliceLive.close();
      brunoLive.close();
    }
  });

  it('B3/B4: a change between two hidden states is not announced to others; hiding is', async () => {
    const brunoLive = await listen(stack.apiUrl, bruno);
    const aliceLive = await listen(stack.apiUrl, alice);
    try {
      await call('PUT', '/me/presence', alice, { state: 'meeting', visibility: 'none' });
      await until('hiding announced', () => brunoLive.events.length === 1, 5000);
      await call('PUT', '/me/presence', alice, { state: 'lunch', note: 'secret' });
      await call('PUT', '/me/presence', alice, { state: 'office', visibility: 'all' });
      await until('showing announced', () => brunoLive.events.length === 2, 5000);
      await until('own devices told each time', () => aliceLive.events.length === 3, 5000);
      // the hidden lunch in between left no trace at Bruno's
      expect(brunoLive.events).toEqual([
        { type: 'others-presence-changed', numbers: ['100'] },
        { type: 'others-presence-changed', numbers: ['100'] },
      ]);
    } finally {
      brunoLive.close();
      aliceLive.close();
    }
  });

  it('refuses bad input with a clear message and keeps the stored presence', async () => {
    const before = await getPresence(alice);
    const cases: Array<[unknown, RegExp]> = [
      [{ state: 'office', returnAt: now() + 60_000 }, /office takes no return time/],
      [{ state: 'meeting', returnAt: now() - 1000 }, /must be in the future/],
      [{ state: 'meeting', note: 'x'.repeat(201) }, /note/],
      [{ state: 'asleep' }, /state/],
      [{ state: 'meeting', visibility: 'everyone' }, /visibility/],
      [{ state: 'meeting', color: 'red' }, /color|unrecognized/i],
    ];
    for (const [body, message] of cases) {
      const res = await call('PUT', '/me/presence', alice, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const error = (await res.json()) as { error: string; message: string };
      expect(error.error).toBe('invalid-request');
      expect(error.message).toMatch(message);
    }
    expect(await getPresence(alice)).toEqual(before);
  });

  it('B6: a passed return time reads as office at once (injected clock), the visibility stays', async () => {
    const returnAt = now() + 2 * 3_600_000;
    await call('PUT', '/me/presence', bruno, { state: 'lunch', returnAt, note: 'Canteen', visibility: 'all' });
    expect((await getPresence(bruno)).state).toBe('lunch');
    offset += 2 * 3_600_000 + 1000;
    expect(await getPresence(bruno)).toEqual({ state: 'office', visibility: 'all', updatedAt: returnAt });
  });

  it('B6: the server timer resets to office and tells the open connections', async () => {
    const live = await listen(stack.apiUrl, alice);
    try {
      const returnAt = now() + 1500;
      const res = await call('PUT', '/me/presence', alice, { state: 'break', returnAt });
      expect(res.status).toBe(200);
      await until('set signalled', () => live.events.length === 1, 5000);
      await until('return signalled', () => live.events.length === 2, 6000);
      const row = await stack
        .ctx!.db.withTables<{ presence: { account_id: number; state: string; return_at: number | null } }>()
        .selectFrom('presence')
        .innerJoin('accounts', 'accounts.id', 'presence.account_id')
        .select(['presence.state', 'presence.return_at'])
        .where('accounts.number', '=', '100')
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ state: 'office', return_at: null });
      expect((await getPresence(alice)).state).toBe('office');
    } finally {
      live.close();
    }
  });

  it('re-arms the return timers after a restart', async () => {
    const returnAt = now() + 2500;
    await call('PUT', '/me/presence', alice, { state: 'meeting', returnAt });
    await stack.stopServer();
    await stack.startServer();
    // the HTTP client may first reuse a keep-alive socket of the stopped server: retry (bounded)
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        alice = await login('100', 'Welcome100!');
        break;
      } catch (error) {
        if (attempt === 4 || !(error instanceof TypeError)) throw error;
      }
    }
    const read = async () =>
      (
        await stack
          .ctx!.db.withTables<{ presence: { account_id: number; state: string } }>()
          .selectFrom('presence')
          .innerJoin('accounts', 'accounts.id', 'presence.account_id')
          .select('presence.state')
          .where('accounts.number', '=', '100')
          .executeTakeFirstOrThrow()
      ).state;
    expect(await read()).toBe('meeting');
    await until('timer fired after the restart', async () => (await read()) === 'office', 8000);
  }, 30_000);

  it("GET /presence shows others' presence as their visibility allows", async () => {
    await call('PUT', '/me/presence', alice, { state: 'home', note: 'Remote day', visibility: 'none' });
    await call('PUT', '/me/presence', bruno, { state: 'sick', visibility: 'internal' });
    const res = await call('GET', '/presence?accounts=101,100,999', bruno);
    expect(res.status).toBe(200);
    expect(presenceListResponseSchema.parse(await res.json()).presences).toEqual([
      { number: '101', visible: true, state: 'sick' },
      { number: '100', visible: false },
    ]);
    // the account itself still sees its own
    const own = presenceListResponseSchema.parse(await (await call('GET', '/presence?accounts=100', alice)).json());
    expect(own.presences).toEqual([{ number: '100', visible: true, state: 'home', note: 'Remote day' }]);
    expect((await call('GET', '/presence?accounts=100', undefined)).status).toBe(401);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await (await call('GET', '/openapi.json', undefined)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/me/presence', '/presence']));
  });
});
