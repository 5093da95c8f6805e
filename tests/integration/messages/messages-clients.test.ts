/**
 * Instant messages end to end through the real UC server (SPEC E6): AppCore
 * clients for real (local SQLite cache, outbox, live events) except SIP (a
 * fake engine: this is about the UC side). Live delivery (latency printed),
 * delivery to a user who was offline, two devices of one user, the outbox
 * while the server is down, validation, and no leak between accounts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountersView, SessionState } from '../../../src-preload/contract/ipc-contract';
import type { ConversationView, MessageView } from '../../../src-preload/contract/messages';
import type { AppCore } from '../../../src-main/core/app/app-core';
import type { MessageNotice } from '../../../src-main/core/app/shell-backend';
import { dispatchInvoke } from '../../../src-main/core/platform/ipc/dispatch-invoke';
import { UcServerClient } from '../../../src-main/core/app/uc-server-client';
import { accountDatabasePath } from '../../support/account-database-path';
import { createFakeSipCore } from '../../support/create-fake-sip-core';
import { invokeOk } from '../../support/invoke-ok';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';
import { until } from '../../support/sync-helpers';

const USERS = [
  { number: '100', password: 'Welcome100!', displayName: 'Alice Martin', mustChangePassword: false },
  { number: '101', password: 'Welcome101!', displayName: 'Bruno Müller', mustChangePassword: false },
  { number: '102', password: 'Welcome102!', displayName: 'Chloé Dubois', mustChangePassword: false },
];

interface Client {
  user: string;
  core: AppCore;
  dataDir: string;
  notices: MessageNotice[];
  counters: CountersView[];
}

describe('instant messages between clients of the real UC server', () => {
  let stack: UcStack;
  const clients: Client[] = [];

  const open = async (user: string, dataDir = mkdtempSync(join(tmpdir(), `sb-msg-${user}-`))): Promise<Client> => {
    const core = createFakeSipCore(dataDir);
    const client: Client = { user, core, dataDir, notices: [], counters: [] };
    core.onDidReceiveMessage((n) => client.notices.push(n));
    core.onEvent(({ channel, payload }) => {
      if (channel === 'counters.onDidChange') client.counters.push(payload as CountersView);
    });
    clients.push(client);
    const r = await dispatchInvoke(core, 'session.login', {
      server: stack.serverAddress,
      user,
      password: `Welcome${user}!`,
    });
    expect(r.ok && (r.value as SessionState).status).toBe('registered');
    return client;
  };
  const ok = <T>(c: Client, channel: string, payload: unknown = {}): Promise<T> =>
    invokeOk<T>(c.core, channel, payload);
  const history = (c: Client, peer: string) => ok<MessageView[]>(c, 'messages.history', { peer });
  const conversations = (c: Client) => ok<ConversationView[]>(c, 'messages.listConversations');
  const unread = async (c: Client) => (await ok<CountersView>(c, 'counters.get')).unreadMessages;
  const close = async (c: Client): Promise<void> => {
    await c.core.dispose();
    clients.splice(clients.indexOf(c), 1);
  };
  /** What the server holds for `user`, read through its own API. */
  const serverMessages = async (user: string) => {
    const client = new UcServerClient({ apiUrl: stack.apiUrl });
    await client.login({ user, password: `Welcome${user}!` });
    const reply = await client.messages(0, 1000);
    await client.logout().catch(() => undefined);
    return reply.messages;
  };

  beforeAll(async () => {
    stack = await startUcStack({ withKamailio: false, users: USERS });
  });
  afterAll(async () => {
    for (const c of clients) await c.core.dispose();
    for (const dir of new Set(clients.map((c) => c.dataDir))) rmSync(dir, { recursive: true, force: true });
    await stack?.stop();
  });

  it('Alice → Bruno arrives live with a notification and an unread counter; Bruno reads and replies', async () => {
    const alice = await open('100');
    const bruno = await open('101');
    await until(
      'directory synced',
      async () => (await ok<{ lastSyncedAt?: number }>(bruno, 'sync.getState')).lastSyncedAt !== undefined,
    );
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = Date.now();
      const sent = await ok<MessageView>(alice, 'messages.send', { peer: '101', text: `Bonjour ${i}` });
      expect(sent.status).toBe('sent');
      await until(
        'Bruno has it',
        async () => (await history(bruno, '100')).some((m) => m.text === `Bonjour ${i}`),
        5000,
      );
      latencies.push(Date.now() - started);
    }
    console.info(`[messages] A→B delivery latency (ms): ${latencies.join(', ')}`);
    expect(Math.max(...latencies)).toBeLessThan(2000);
    expect(await unread(bruno)).toBe(5);
    expect(bruno.counters.at(-1)?.unreadMessages).toBe(5);
    expect(bruno.notices.at(-1)).toMatchObject({ peer: '100', peerName: 'Alice Martin', preview: 'Bonjour 4' });
    const list = await conversations(bruno);
    expect(list).toEqual([expect.objectContaining({ peer: '100', peerName: 'Alice Martin', unread: 5 })]);

    await ok(bruno, 'messages.markRead', { peer: '100' });
    expect(await unread(bruno)).toBe(0);
    await ok<MessageView>(bruno, 'messages.send', { peer: '100', text: 'Salut Alice !\nÇa va ?' });
    await until('Alice has the reply', async () => (await history(alice, '101')).some((m) => m.direction === 'in'));
    const seen = await history(alice, '101');
    expect(seen.map((m) => m.text)).toEqual([
      'Bonjour 0',
      'Bonjour 1',
      'Bonjour 2',
      'Bonjour 3',
      'Bonjour 4',
      'Salut Alice !\nÇa va ?',
    ]);
    // the read mark reached the server (Alice's copies say read)
    await until('read on the server', async () =>
      (await serverMessages('100')).filter((m) => m.from === '100').every((m) => m.read),
    );
    await close(alice);
    await close(bruno);
  });

  it('a message to an offline user is delivered when they come back', async () => {
    const bruno = await open('101');
    const dataDir = bruno.dataDir;
    // this device has synced its history once; what arrives later is news
    await until('first pull', async () => (await history(bruno, '100')).length > 0);
    await close(bruno);
    const alice = await open('100');
    await ok<MessageView>(alice, 'messages.send', { peer: '101', text: 'Tu étais absent' });
    const back = await open('101', dataDir);
    await until('delivered on return', async () =>
      (await history(back, '100')).some((m) => m.text === 'Tu étais absent'),
    );
    await until('notified', () => back.notices.some((n) => n.preview === 'Tu étais absent'));
    expect(await unread(back)).toBe(1);
    await close(alice);
    await close(back);
  });

  it('two devices of Alice see the same history and read state', async () => {
    const desk = await open('100');
    const laptop = await open('100');
    const bruno = await open('101');
    await ok(desk, 'messages.send', { peer: '101', text: 'depuis le bureau' });
    await ok(bruno, 'messages.send', { peer: '100', text: 'bien reçu' });
    const texts = async (c: Client) => (await history(c, '101')).map((m) => `${m.direction}:${m.text}`);
    await until('laptop has both', async () => (await texts(laptop)).includes('in:bien reçu'));
    await until('desk has both', async () => (await texts(desk)).includes('in:bien reçu'));
    expect(await texts(laptop)).toEqual(await texts(desk));
    expect((await texts(laptop)).slice(-2)).toEqual(['out:depuis le bureau', 'in:bien reçu']);
    await until('both unread', async () => (await unread(desk)) > 0 && (await unread(laptop)) > 0);
    await ok(laptop, 'messages.markRead', { peer: '101' });
    await until('read on the desk too', async () => (await unread(desk)) === 0, 5000);
    expect(desk.counters.at(-1)?.unreadMessages).toBe(0);
    await close(desk);
    await close(laptop);
    await close(bruno);
  });

  it('sending while the UC server is down queues the message and delivers it once after the restart', async () => {
    const alice = await open('100');
    const bruno = await open('101');
    const before = (await serverMessages('101')).length;
    await stack.stopServer();
    await until('offline', async () => (await ok<SessionState>(alice, 'session.getState')).ucConnection === 'offline');
    const queued = await ok<MessageView>(alice, 'messages.send', { peer: '101', text: 'envoyé hors ligne' });
    const queued2 = await ok<MessageView>(alice, 'messages.send', { peer: '101', text: 'et un second' });
    expect([queued.status, queued2.status]).toEqual(['pending', 'pending']);
    // shown offline from the local cache
    expect((await history(alice, '101')).slice(-2).map((m) => m.status)).toEqual(['pending', 'pending']);
    await stack.startServer();
    await until('delivered', async () => (await history(bruno, '100')).some((m) => m.text === 'et un second'), 30_000);
    await until('sent state', async () => (await history(alice, '101')).slice(-2).every((m) => m.status === 'sent'));
    const onServer = await serverMessages('101');
    expect(onServer.length - before).toBe(2);
    expect(onServer.filter((m) => m.text === 'envoyé hors ligne')).toHaveLength(1);
    // the outbox is empty and the cache file is sound
    const db = new BetterSqlite3(accountDatabasePath(alice.dataDir, stack.serverAddress, '100'), { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) FROM message_outbox').pluck().get()).toBe(0);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
    await close(alice);
    await close(bruno);
  });

  it('refuses a blank message, marks a message to an unknown user as not delivered, never leaks to others', async () => {
    const alice = await open('100');
    const blank = await dispatchInvoke(alice.core, 'messages.send', { peer: '101', text: '   ' });
    expect(blank.ok ? undefined : blank.error.code).toBe('invalid-payload');
    const tooLong = await dispatchInvoke(alice.core, 'messages.send', { peer: '101', text: 'x'.repeat(4001) });
    expect(tooLong.ok ? undefined : tooLong.error.code).toBe('invalid-payload');
    const unknown = await ok<MessageView>(alice, 'messages.send', { peer: '999', text: 'Allô ?' });
    expect(unknown).toMatchObject({
      status: 'failed',
      errorCode: 'not-found',
      error: 'No internal user 999',
      text: 'Allô ?',
    });
    const chloe = await open('102');
    await until(
      'chloé synced',
      async () => (await ok<{ lastSyncedAt?: number }>(chloe, 'sync.getState')).lastSyncedAt !== undefined,
    );
    expect(await conversations(chloe)).toEqual([]);
    expect(await serverMessages('102')).toEqual([]);
    await close(alice);
    await close(chloe);
  });
});
