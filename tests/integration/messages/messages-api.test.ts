/**
 * The UC server's instant-message API (SPEC E6) for real: stored once and
 * seen by sender and recipient only, idempotent sends, per-account revision
 * cursor, read state, validation with clear messages, live signal, per-sender
 * rate limit (429, checked with the server's injected clock).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UcClientError } from '../../../src-main/core/platform/uc/uc-client-error';
import { UcServerClient } from '../../../src-main/core/app/uc-server-client';
import { DEFAULT_MESSAGE_SEND_LIMIT } from '../../../server/src/features/messages/message-service';
import { rejectionOf } from '../../support/rejection-of';
import { openLiveEvents } from '../../support/open-live-events';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

const USERS = [
  { number: '100', password: 'Welcome100!', displayName: 'Alice Martin', mustChangePassword: false },
  { number: '101', password: 'Welcome101!', displayName: 'Bruno Müller', mustChangePassword: false },
  { number: '102', password: 'Welcome102!', displayName: 'Chloé Dubois', mustChangePassword: false },
];

describe.each(['sqlite', 'postgres'] as const)('messages API on the real UC server (%s)', (database) => {
  let stack: UcStack;
  let alice: UcServerClient;
  let bruno: UcServerClient;
  let chloe: UcServerClient;
  /** the server's clock runs `clockOffset` ms ahead of the real one (rate-limit window) */
  let clockOffset = 0;

  const login = async (user: string): Promise<UcServerClient> => {
    const client = new UcServerClient({ apiUrl: stack.apiUrl });
    await client.login({ user, password: `Welcome${user}!` });
    return client;
  };
  const apiError = (promise: Promise<unknown>): Promise<UcClientError> => rejectionOf(promise, UcClientError);

  beforeAll(async () => {
    stack = await startUcStack({
      withKamailio: false,
      users: USERS,
      database,
      clock: { now: () => Date.now() + clockOffset },
    });
    [alice, bruno, chloe] = await Promise.all([login('100'), login('101'), login('102')]);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('a message is stored once and visible to sender and recipient; a resend with the same key is the same message', async () => {
    const key = randomUUID();
    const sent = await alice.sendMessage({ to: '101', text: 'Bonjour Bruno' }, key);
    expect(sent.message).toMatchObject({ from: '100', to: '101', text: 'Bonjour Bruno', read: false, clientKey: key });
    const again = await alice.sendMessage({ to: '101', text: 'Bonjour Bruno' }, key);
    expect(again.message.id).toBe(sent.message.id);

    const forBruno = await bruno.messages(0, 100);
    expect(forBruno.messages.map((m) => m.id)).toEqual([sent.message.id]);
    // the recipient never sees the sender's idempotency key
    expect(forBruno.messages[0]!.clientKey).toBeUndefined();
    const forAlice = await alice.messages(0, 100);
    expect(forAlice.messages.map((m) => m.text)).toEqual(['Bonjour Bruno']);
    // never another account's messages
    expect((await chloe.messages(0, 100)).messages).toEqual([]);
    // the same key for another text is a conflict, not a silent replay
    const conflict = await apiError(alice.sendMessage({ to: '101', text: 'Autre chose' }, key));
    expect(conflict.status).toBe(409);
  });

  it('the cursor returns only what changed since; reading bumps the revision for both accounts', async () => {
    const start = (await bruno.messages(0, 1000)).revision;
    const m1 = await alice.sendMessage({ to: '101', text: 'Un' }, randomUUID());
    const m2 = await alice.sendMessage({ to: '101', text: 'Deux' }, randomUUID());
    await bruno.sendMessage({ to: '100', text: 'Réponse' }, randomUUID());
    const page = await bruno.messages(start, 2);
    expect(page.messages.map((m) => m.text)).toEqual(['Un', 'Deux']);
    expect(page.hasMore).toBe(true);
    const rest = await bruno.messages(page.revision, 10);
    expect(rest.messages.map((m) => m.text)).toEqual(['Réponse']);
    expect(rest.hasMore).toBe(false);

    const read = await bruno.markMessagesRead({ peer: '100', upTo: m2.message.id });
    expect(read.updated).toBe(3); // "Bonjour Bruno", "Un", "Deux"
    const afterRead = await bruno.messages(rest.revision, 10);
    expect(afterRead.messages.map((m) => [m.id, m.read])).toEqual([
      [expect.any(Number), true],
      [m1.message.id, true],
      [m2.message.id, true],
    ]);
    // one read mark is one revision: a small page never cuts it in two (the rest would be skipped)
    const tiny = await bruno.messages(rest.revision, 1);
    expect(tiny.messages.map((m) => m.revision)).toEqual([read.revision, read.revision, read.revision]);
    expect((await bruno.messages(tiny.revision, 1)).messages).toEqual([]);
    // the sender sees the read state too (same revision)
    const aliceView = await alice.messages(rest.revision, 10);
    expect(aliceView.messages.every((m) => m.read)).toBe(true);
    // nothing left to read: no new revision
    expect((await bruno.markMessagesRead({ peer: '100', upTo: m2.message.id })).updated).toBe(0);
    expect((await bruno.messages(afterRead.revision, 10)).messages).toEqual([]);
  });

  it('refuses bad input with a clear message', async () => {
    const unknown = await apiError(alice.sendMessage({ to: '999', text: 'Allô ?' }, randomUUID()));
    expect(unknown.status).toBe(404);
    expect(unknown.message).toContain('No internal user 999');
    const empty = await apiError(alice.sendMessage({ to: '101', text: '   ' }, randomUUID()));
    expect(empty.status).toBe(400);
    expect(empty.message).toContain('A message cannot be empty');
    const long = await apiError(alice.sendMessage({ to: '101', text: 'x'.repeat(4001) }, randomUUID()));
    expect(long.status).toBe(400);
    expect(long.message).toContain('at most 4000 characters');
    const self = await apiError(alice.sendMessage({ to: '100', text: 'moi' }, randomUUID()));
    expect(self.status).toBe(400);
    const noKey = await fetch(`${stack.apiUrl}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${alice.tokens!.accessToken}` },
      body: JSON.stringify({ to: '101', text: 'sans clé' }),
    });
    expect(noKey.status).toBe(400);
    expect(((await noKey.json()) as { message: string }).message).toContain('Idempotency-Key');
    const anonymous = await fetch(`${stack.apiUrl}/messages?since=0`);
    expect(anonymous.status).toBe(401);
    const readUnknown = await apiError(bruno.markMessagesRead({ peer: '999', upTo: 1 }));
    expect(readUnknown.status).toBe(404);
    // exactly 4000 characters is fine
    const max = await alice.sendMessage({ to: '102', text: 'é'.repeat(4000) }, randomUUID());
    expect(max.message.text).toHaveLength(4000);
    const doc = (await (await fetch(`${stack.apiUrl}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/messages', '/messages/read']));
  });

  it('limits messages per sender: 429 too-many-attempts with Retry-After, nothing stored, replays still answered', async () => {
    const { max, windowMs } = DEFAULT_MESSAGE_SEND_LIMIT;
    clockOffset += windowMs + 1; // earlier tests' messages leave the window
    const before = (await chloe.messages(0, 1000)).messages.filter((m) => m.from === '102').length;
    let lastKey = '';
    let last: Awaited<ReturnType<UcServerClient['sendMessage']>> | undefined;
    for (let i = 1; i <= max; i++) {
      lastKey = randomUUID();
      last = await chloe.sendMessage({ to: '100', text: `Message ${i}` }, lastKey);
    }
    const refused = await apiError(chloe.sendMessage({ to: '100', text: 'Un de trop' }, randomUUID()));
    expect(refused.status).toBe(429);
    expect(refused.code).toBe('too-many-attempts');
    expect(refused.transient).toBe(true);
    expect(refused.details.retryAfterS).toBeGreaterThanOrEqual(1);
    expect(refused.details.retryAfterS).toBeLessThanOrEqual(windowMs / 1000);
    // a resend of a stored message (lost reply) is a replay, not a new message: still answered
    expect((await chloe.sendMessage({ to: '100', text: `Message ${max}` }, lastKey)).message.id).toBe(last!.message.id);
    // the limit is per sender
    await bruno.sendMessage({ to: '100', text: 'Moi je peux' }, randomUUID());
    const stored = (await chloe.messages(0, 1000)).messages.filter((m) => m.from === '102');
    expect(stored).toHaveLength(before + max);
    expect(stored.some((m) => m.text === 'Un de trop')).toBe(false);
    // once the window has passed (server clock), the sender may send again
    clockOffset += windowMs + 1;
    const later = await chloe.sendMessage({ to: '100', text: 'Un de trop' }, randomUUID());
    expect(later.message.text).toBe('Un de trop');
  });

  it("deletes for the caller only: one, a peer's up to an id, all up to an id; tombstones on the cursor; idempotent", async () => {
    const m1 = await alice.sendMessage({ to: '102', text: 'Effacer un' }, randomUUID());
    const m2 = await chloe.sendMessage({ to: '100', text: 'Effacer deux' }, randomUUID());
    const m3 = await alice.sendMessage({ to: '102', text: 'Après coup' }, randomUUID());
    const aliceStart = (await alice.messages(0, 1000)).revision;
    const chloeStart = (await chloe.messages(0, 1000)).revision;

    const one = await alice.deleteMessages({ id: m1.message.id });
    expect(one.updated).toBe(1);
    const tomb = await alice.messages(aliceStart, 100);
    expect(tomb.messages).toEqual([expect.objectContaining({ id: m1.message.id, deleted: true, text: '' })]);
    // the replay changes nothing; another user's id changes nothing
    expect((await alice.deleteMessages({ id: m1.message.id })).updated).toBe(0);
    expect((await bruno.deleteMessages({ id: m2.message.id })).updated).toBe(0);

    // a peer's conversation up to m2 (earlier tests left messages with Chloé too): m3 (newer) stays
    expect((await alice.deleteMessages({ peer: '102', upTo: m2.message.id })).updated).toBeGreaterThanOrEqual(1);
    expect((await alice.deleteMessages({ peer: '102', upTo: m2.message.id })).updated).toBe(0);
    const mine = new Map((await alice.messages(0, 1000)).messages.map((m) => [m.id, m]));
    expect(mine.get(m2.message.id)).toMatchObject({ deleted: true, text: '' });
    expect(mine.get(m3.message.id)).toMatchObject({ text: 'Après coup' });
    expect(mine.get(m3.message.id)!.deleted).toBeUndefined();

    // the other party keeps every message, with its text
    const theirs = new Map((await chloe.messages(0, 1000)).messages.map((m) => [m.id, m]));
    for (const m of [m1, m2, m3]) {
      expect(theirs.get(m.message.id)).toMatchObject({ text: m.message.text });
      expect(theirs.get(m.message.id)!.deleted).toBeUndefined();
    }
    expect((await chloe.messages(chloeStart, 100)).messages.every((m) => m.deleted === undefined)).toBe(true);

    // all up to m3
    const all = await alice.deleteMessages({ all: true, upTo: m3.message.id });
    expect(all.updated).toBeGreaterThanOrEqual(1);
    expect((await alice.messages(0, 1000)).messages.filter((m) => m.id <= m3.message.id && !m.deleted)).toEqual([]);
    expect((await alice.deleteMessages({ all: true, upTo: m3.message.id })).updated).toBe(0);
    // Chloé deletes hers too: her own mark, Alice's stays
    expect((await chloe.deleteMessages({ peer: '100', upTo: m3.message.id })).updated).toBeGreaterThanOrEqual(3);
    expect((await chloe.messages(0, 1000)).messages.find((m) => m.id === m3.message.id)).toMatchObject({
      deleted: true,
    });

    const unknown = await apiError(alice.deleteMessages({ peer: '999', upTo: 1 }));
    expect(unknown.status).toBe(404);
    const bad = await apiError(alice.deleteMessages({ id: 0 } as never));
    expect(bad.status).toBe(400);
  });

  it('signals messages-changed to the recipient live', async () => {
    const { socket, events } = await openLiveEvents(stack.apiUrl, chloe.tokens!.accessToken);
    try {
      const started = Date.now();
      const sent = await bruno.sendMessage({ to: '102', text: 'Salut Chloé' }, randomUUID());
      const end = Date.now() + 5000;
      while (!events.some((e) => e.type === 'messages-changed') && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 10));
      }
      const event = events.find((e) => e.type === 'messages-changed');
      expect(event).toEqual({ type: 'messages-changed', revision: sent.revision });
      console.info(`[messages] live signal after ${Date.now() - started} ms`);
    } finally {
      socket.close();
    }
  });
});
