/**
 * MessageService (SPEC E6) against an in-memory fake of the UC server: local
 * cache and unread counts, the outbox (offline queue, idempotent resend, no
 * duplicates, refusal for good), read marks, notifications.
 */
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  Message,
  MessageSend,
  MessageSendResponse,
  MessagesDelete,
  MessagesRead,
  MessagesReadResponse,
  MessagesResponse,
} from '../../../src-preload/contract/messages/messages-http';
import { openAccountDatabase } from '../../../src-main/core/app/client-migrations';
import {
  InvalidMessageError,
  MessageService,
  type MessageTransport,
  type ReceivedMessageNotice,
} from '../../../src-main/core/features/messages/message-service';
import { UcClientError } from '../../../src-main/core/platform/uc/uc-client-error';
import { ManualClock } from '../../support/manual-clock';

/** A tiny UC server: one message list, revisions, idempotency keys, a switch to go down. */
class FakeServer {
  messages: Message[] = [];
  /** "<user>|<id>": the messages each user deleted for themselves */
  readonly hidden = new Set<string>();
  deletes: MessagesDelete[] = [];
  revision = 0;
  down = false;
  sends = 0;
  /** set: every send gets 429 too-many-attempts with this Retry-After (s), like the server's rate limit */
  throttledForS: number | undefined;
  private readonly keys = new Map<string, MessageSendResponse>();
  constructor(private readonly users: readonly string[]) {}

  transportFor(self: string): MessageTransport {
    return {
      sendMessage: async (body: MessageSend, key: string) => this.send(self, body, key),
      messages: async (since: number, limit: number) => this.list(self, since, limit),
      markMessagesRead: async (body: MessagesRead) => this.read(self, body),
      deleteMessages: async (body: MessagesDelete) => this.delete(self, body),
    };
  }

  /** A message from `from` written straight on the server (another client). */
  deliver(from: string, to: string, text: string): Message {
    return this.send(from, { to, text }, `${from}-${this.messages.length}-${text}`).message;
  }

  private check(): void {
    if (this.down) throw new UcClientError('unreachable', 'the UC server cannot be reached (fake)');
  }

  private send(self: string, body: MessageSend, key: string): MessageSendResponse {
    this.check();
    this.sends++;
    if (this.throttledForS !== undefined)
      throw new UcClientError(
        'api',
        'POST /messages: Too many messages: try again later (too-many-attempts, HTTP 429)',
        {
          status: 429,
          code: 'too-many-attempts',
          retryAfterS: this.throttledForS,
        },
      );
    const stored = this.keys.get(`${self}|${key}`);
    if (stored) return stored;
    if (!this.users.includes(body.to))
      throw new UcClientError('api', `POST /messages: No internal user ${body.to} (not-found, HTTP 404)`, {
        status: 404,
        code: 'not-found',
      });
    this.revision++;
    const message: Message = {
      id: this.messages.length + 1,
      from: self,
      to: body.to,
      text: body.text,
      sentAt: 1_800_000_000_000 + this.revision,
      read: false,
      revision: this.revision,
      clientKey: key,
    };
    this.messages.push(message);
    const reply = { message, revision: this.revision };
    this.keys.set(`${self}|${key}`, reply);
    return reply;
  }

  private list(self: string, since: number, limit: number): MessagesResponse {
    this.check();
    const mine = this.messages
      .filter((m) => (m.from === self || m.to === self) && m.revision > since)
      .sort((a, b) => a.revision - b.revision);
    const page = mine.slice(0, limit).map((m): Message => {
      if (this.hidden.has(`${self}|${m.id}`)) return { ...m, text: '', deleted: true, clientKey: undefined };
      const { clientKey, ...rest } = m;
      return m.from === self && clientKey !== undefined ? { ...rest, clientKey } : rest;
    });
    return {
      messages: page,
      revision: page.length > 0 ? page[page.length - 1]!.revision : since,
      hasMore: mine.length > limit,
    };
  }

  private delete(self: string, body: MessagesDelete): MessagesReadResponse {
    this.check();
    this.deletes.push(body);
    const targeted = this.messages.filter(
      (m) =>
        (m.from === self || m.to === self) &&
        !this.hidden.has(`${self}|${m.id}`) &&
        ('id' in body
          ? m.id === body.id
          : m.id <= body.upTo && (!('peer' in body) || m.from === body.peer || m.to === body.peer)),
    );
    if (targeted.length === 0) return { updated: 0, revision: this.revision };
    this.revision++;
    // like the server: one shared row, a new revision, hidden for `self` only
    for (const m of targeted) {
      this.hidden.add(`${self}|${m.id}`);
      m.revision = this.revision;
    }
    return { updated: targeted.length, revision: this.revision };
  }

  private read(self: string, body: MessagesRead): MessagesReadResponse {
    this.check();
    const unread = this.messages.filter((m) => m.to === self && m.from === body.peer && m.id <= body.upTo && !m.read);
    if (unread.length === 0) return { updated: 0, revision: this.revision };
    this.revision++;
    for (const m of unread) {
      m.read = true;
      m.revision = this.revision;
    }
    return { updated: unread.length, revision: this.revision };
  }
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
  await new Promise((r) => setImmediate(r));
};

describe('MessageService', () => {
  let db: Database;
  let clock: ManualClock;
  let server: FakeServer;
  const services: MessageService[] = [];

  const service = (
    self: string,
    account = `http://srv|${self}`,
    names: Record<string, string> = {},
  ): MessageService => {
    const s = new MessageService({
      db,
      transport: server.transportFor(self),
      account,
      self,
      clock,
      backoff: { baseMs: 100, capMs: 1000, minMs: 50 },
      pageLimit: 2,
      resolveName: (peer) => names[peer],
    });
    services.push(s);
    return s;
  };

  beforeEach(() => {
    db = openAccountDatabase(':memory:');
    clock = new ManualClock();
    server = new FakeServer(['100', '101', '102']);
  });
  afterEach(async () => {
    for (const s of services.splice(0)) await s.stop();
    db.close();
  });

  it('sends at once when online; the pull echo does not duplicate it', async () => {
    const alice = service('100');
    alice.start();
    await flush();
    const sent = await alice.send('101', 'Bonjour');
    expect(sent).toMatchObject({ peer: '101', direction: 'out', text: 'Bonjour', status: 'sent' });
    alice.requestPull();
    await flush();
    expect(alice.history('101').map((m) => [m.text, m.status])).toEqual([['Bonjour', 'sent']]);
    expect(alice.listConversations()).toEqual([expect.objectContaining({ peer: '101', unread: 0 })]);
    expect(alice.pendingCount).toBe(0);
  });

  it('queues while the server is down and delivers once when it is back (no loss, no duplicate)', async () => {
    const alice = service('100');
    alice.start();
    await flush();
    server.down = true;
    alice.setOnline(false);
    const first = await alice.send('101', 'Un');
    const second = await alice.send('101', 'Deux');
    expect([first.status, second.status]).toEqual(['pending', 'pending']);
    expect(alice.pendingCount).toBe(2);
    expect(server.messages).toEqual([]);
    server.down = false;
    alice.setOnline(true);
    await flush();
    expect(server.messages.map((m) => m.text)).toEqual(['Un', 'Deux']);
    expect(alice.history('101').map((m) => [m.id, m.status])).toEqual([
      [first.id, 'sent'],
      [second.id, 'sent'],
    ]);
    expect(alice.pendingCount).toBe(0);
  });

  it('a transient failure keeps the item and retries with backoff; the resend reuses the key', async () => {
    const alice = service('100');
    alice.start();
    await flush();
    server.down = true;
    const pending = await alice.send('101', 'Retry me');
    expect(pending.status).toBe('pending');
    server.down = false;
    clock.advance(1000);
    await flush();
    expect(alice.history('101')[0]!.status).toBe('sent');
    expect(server.messages).toHaveLength(1);
  });

  it('a refusal for good marks the message failed with the reason and keeps the text', async () => {
    const alice = service('100');
    alice.start();
    await flush();
    const failed = await alice.send('999', 'Personne ?');
    expect(failed).toMatchObject({
      status: 'failed',
      text: 'Personne ?',
      errorCode: 'not-found',
      error: 'No internal user 999',
    });
    expect(alice.history('999')[0]).toMatchObject({ errorCode: 'not-found', error: 'No internal user 999' });
    expect(alice.pendingCount).toBe(0);
    // the next message still goes out
    expect((await alice.send('101', 'Toujours là')).status).toBe('sent');
  });

  it('a 429 (rate limit) keeps the message queued, not failed, and retries only after Retry-After', async () => {
    const alice = service('100');
    alice.start();
    await flush();
    server.throttledForS = 5;
    const queued = await alice.send('101', 'Trop vite');
    expect(queued.status).toBe('pending');
    expect(alice.pendingCount).toBe(1);
    const attempts = server.sends;
    server.throttledForS = undefined;
    // the backoff alone (100 ms .. 1 s here) would resend long before the 5 s the server asked for
    clock.advance(4000);
    await flush();
    expect(server.sends).toBe(attempts);
    expect(alice.history('101')[0]!.status).toBe('pending');
    clock.advance(1000);
    await flush();
    expect(alice.history('101').map((m) => [m.text, m.status])).toEqual([['Trop vite', 'sent']]);
    expect(alice.pendingCount).toBe(0);
    expect(server.messages).toHaveLength(1);
  });

  it('the first message ever of an account with no history is notified (first pull was empty)', async () => {
    const bruno = service('101');
    const notices: ReceivedMessageNotice[] = [];
    bruno.onDidReceive((n) => notices.push(n));
    bruno.start();
    await flush();
    expect(bruno.listConversations()).toEqual([]);
    server.deliver('100', '101', 'Premier message');
    bruno.requestPull(server.revision);
    await flush();
    expect(notices).toEqual([expect.objectContaining({ peer: '100', preview: 'Premier message', unreadMessages: 1 })]);
  });

  it('after a restart with an empty but synced cache, a new message is still news', async () => {
    const first = service('101');
    first.start();
    await flush();
    await first.stop();
    server.deliver('100', '101', 'Pendant la pause');
    const again = service('101');
    const notices: ReceivedMessageNotice[] = [];
    again.onDidReceive((n) => notices.push(n));
    again.start();
    await flush();
    expect(notices.map((n) => n.preview)).toEqual(['Pendant la pause']);
  });

  it('refuses blank, oversized and self-addressed messages before queueing anything', async () => {
    const alice = service('100');
    alice.start();
    await expect(alice.send('101', '  \n ')).rejects.toBeInstanceOf(InvalidMessageError);
    await expect(alice.send('101', 'x'.repeat(4001))).rejects.toThrow(/at most 4000/);
    await expect(alice.send('100', 'moi')).rejects.toThrow(/yourself/);
    await expect(alice.send('bad peer', 'x')).rejects.toBeInstanceOf(InvalidMessageError);
    expect(alice.pendingCount).toBe(0);
    expect(alice.listConversations()).toEqual([]);
  });

  it('receives, counts unread per peer, notifies, and marks read on the server', async () => {
    const bruno = service('101', undefined, { '100': 'Alice Martin' });
    const notices: ReceivedMessageNotice[] = [];
    const unread: number[] = [];
    bruno.onDidReceive((n) => notices.push(n));
    bruno.onDidChangeUnread((n) => unread.push(n));
    server.deliver('102', '101', 'older'); // history before the first sync: no notification
    bruno.start();
    await flush();
    expect(notices).toEqual([]);
    server.deliver('100', '101', 'Bonjour');
    server.deliver('100', '101', 'Tu es là ?');
    bruno.requestPull(server.revision);
    await flush();
    expect(notices).toEqual([
      expect.objectContaining({ peer: '100', peerName: 'Alice Martin', preview: 'Tu es là ?', unreadMessages: 3 }),
    ]);
    expect(bruno.unreadTotal).toBe(3);
    expect(bruno.listConversations().map((c) => [c.peer, c.unread, c.last.text])).toEqual([
      ['100', 2, 'Tu es là ?'],
      ['102', 1, 'older'],
    ]);
    bruno.markRead('100');
    expect(bruno.unreadTotal).toBe(1);
    await flush();
    expect(server.messages.filter((m) => m.from === '100').every((m) => m.read)).toBe(true);
    expect(unread).toEqual([1, 3, 1]);
  });

  it('two devices of the same user converge: sent, received and read state', async () => {
    const phone = service('100', 'http://srv|100#phone');
    const desk = service('100', 'http://srv|100#desk');
    phone.start();
    desk.start();
    await flush();
    await phone.send('101', 'depuis le téléphone');
    server.deliver('101', '100', 'réponse');
    desk.requestPull();
    phone.requestPull();
    await flush();
    expect(desk.history('101').map((m) => [m.direction, m.text])).toEqual([
      ['out', 'depuis le téléphone'],
      ['in', 'réponse'],
    ]);
    expect(desk.unreadTotal).toBe(1);
    phone.markRead('101');
    await flush();
    desk.requestPull();
    await flush();
    expect(desk.unreadTotal).toBe(0);
  });

  it('deletes one message, a conversation, then all: gone on the other device too, the peer keeps theirs', async () => {
    const phone = service('100', 'http://srv|100#phone');
    const desk = service('100', 'http://srv|100#desk');
    const bruno = service('101');
    for (const s of [phone, desk, bruno]) s.start();
    await flush();
    await phone.send('101', 'un');
    await phone.send('101', 'deux');
    server.deliver('102', '100', 'de Chloé');
    for (const s of [phone, desk, bruno]) s.requestPull();
    await flush();
    const texts = (s: MessageService, peer: string) => s.history(peer).map((m) => m.text);
    expect(texts(desk, '101')).toEqual(['un', 'deux']);

    phone.delete({ localId: Number(phone.history('101')[0]!.id) });
    expect(texts(phone, '101')).toEqual(['deux']);
    await flush();
    expect(server.deletes).toEqual([{ id: 1 }]);
    desk.requestPull();
    bruno.requestPull();
    await flush();
    expect(texts(desk, '101')).toEqual(['deux']);
    expect(texts(bruno, '100')).toEqual(['un', 'deux']);

    desk.delete({ peer: '101' });
    await flush();
    phone.requestPull();
    await flush();
    expect(texts(phone, '101')).toEqual([]);
    expect(texts(phone, '102')).toEqual(['de Chloé']);
    expect(phone.unreadTotal).toBe(1);

    // offline: gone here at once, queued, sent when the server is back
    server.down = true;
    phone.setOnline(false);
    phone.delete({ all: true });
    expect(phone.listConversations()).toEqual([]);
    expect(phone.unreadTotal).toBe(0);
    expect(phone.pendingCount).toBe(1);
    server.down = false;
    phone.setOnline(true);
    await flush();
    expect(phone.pendingCount).toBe(0);
    expect(server.deletes.at(-1)).toEqual({ all: true, upTo: 3 });
    desk.requestPull();
    await flush();
    expect(desk.listConversations()).toEqual([]);
    expect(texts(bruno, '100')).toEqual(['un', 'deux']);
  });

  it('deleting a message still waiting for the server cancels its send', async () => {
    const alice = service('100');
    alice.start();
    await flush();
    server.down = true;
    alice.setOnline(false);
    await alice.send('101', 'jamais envoyé');
    expect(alice.pendingCount).toBe(1);
    alice.delete({ localId: Number(alice.history('101')[0]!.id) });
    expect(alice.pendingCount).toBe(0);
    server.down = false;
    alice.setOnline(true);
    await flush();
    expect(server.messages).toEqual([]);
    expect(server.deletes).toEqual([]);
  });

  it('keeps the cache per account: another account sees nothing of it', async () => {
    const alice = service('100');
    alice.start();
    await flush();
    await alice.send('101', 'privé');
    const chloe = service('102');
    chloe.start();
    await flush();
    expect(chloe.listConversations()).toEqual([]);
    expect(chloe.history('101')).toEqual([]);
  });
});
