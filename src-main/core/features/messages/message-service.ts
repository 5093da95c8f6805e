import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type {
  MessageSend,
  MessageSendResponse,
  MessagesDelete,
  MessagesRead,
  MessagesReadResponse,
  MessagesResponse,
} from '../../../../src-preload/contract/messages/messages-http';
import { messagesDeleteSchema } from '../../../../src-preload/contract/messages/messages-http';
import type { ConversationView, MessageView } from '../../../../src-preload/contract/messages';
import type { ReconnectPolicyOptions } from '../../../../src-preload/contract/platform/reconnect-policy';
import { ChangeFeedFollower, type PullResult } from '../../platform/sync/change-feed-follower';
import { UcClientError } from '../../platform/uc/uc-client-error';
import { systemClock, type Clock } from '../../platform/clock';
import { TypedEmitter, type Event } from '../../platform/typed-emitter';
import { MessageStore, type MessageOutboxItem } from './message-store';

/** What the message service needs from the UC server (MessagesApi implements it). */
export interface MessageTransport {
  sendMessage(body: MessageSend, idempotencyKey: string): Promise<MessageSendResponse>;
  messages(since: number, limit: number): Promise<MessagesResponse>;
  markMessagesRead(body: MessagesRead): Promise<MessagesReadResponse>;
  deleteMessages(body: MessagesDelete): Promise<MessagesReadResponse>;
}

/** A message that arrived (for the shell's notification, SPEC G4). */
export interface ReceivedMessageNotice {
  peer: string;
  peerName?: string;
  /** the message text, cut to a notification-sized preview */
  preview: string;
  /** epoch ms */
  at: number;
  /** unread messages in total, this one included */
  unreadMessages: number;
}

/** A bad message from the user (blank text, bad peer): UcError 'invalid-payload' in AppCore. */
export class InvalidMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidMessageError';
  }
}

export interface MessageServiceOptions {
  db: Database;
  transport: MessageTransport;
  /** "origin|user": whose messages the cache holds */
  account: string;
  /** the user's own internal number (tells sent from received) */
  self: string;
  clock?: Clock;
  backoff?: ReconnectPolicyOptions;
  /** GET /messages page size (default 500) */
  pageLimit?: number;
  /** display name of a peer number, from the directory cache */
  resolveName?: (peer: string) => string | undefined;
  uuid?: () => string;
  logger?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

const PREVIEW_LENGTH = 140;
const MAX_PAGES = 1000;
const MAX_TEXT = 4000;

/**
 * Instant messages of one logged-in account (SPEC E6), on top of the local
 * SQLite cache ({@link MessageStore}):
 *
 * - pull: GET /messages since the stored cursor, at start, at every live
 *   `messages-changed` and at every (re)connection; one pull at a time, a
 *   request during a pull runs another one right after; failures retry with
 *   backoff while online;
 * - send / mark read: written locally with an outbox item in one
 *   transaction (shows at once, survives a crash), then flushed strictly in
 *   order; a transient failure (server unreachable, 5xx) keeps the item and
 *   retries with backoff and on reconnection; a 429 (per-sender rate limit)
 *   is transient too and waits at least its Retry-After; the Idempotency-Key
 *   makes the resend harmless. A refusal for good (unknown recipient…) marks
 *   the message `failed` with the server's error code and sentence — the text stays;
 * - new incoming messages fire {@link onDidReceive} (notifications), except
 *   during the very first successful pull of the account (old history, not
 *   news; marked by its `message_sync` row, not by revision 0, so the first
 *   message ever of an empty account is notified).
 *
 * The pull/push scheduling is the {@link ChangeFeedFollower} the directory
 * sync uses too.
 */
export class MessageService {
  private readonly db: Database;
  private readonly store: MessageStore;
  private readonly transport: MessageTransport;
  private readonly self: string;
  private readonly clock: Clock;
  private readonly pageLimit: number;
  private readonly resolveName: (peer: string) => string | undefined;
  private readonly uuid: () => string;
  private readonly log: (level: 'info' | 'warn' | 'error', message: string) => void;
  private readonly feed: ChangeFeedFollower<MessageOutboxItem, MessageSendResponse | undefined>;

  private readonly didChange = new TypedEmitter<{ peers: string[] }>();
  private readonly didReceive = new TypedEmitter<ReceivedMessageNotice>();
  private readonly didChangeUnread = new TypedEmitter<number>();
  /** Conversations changed (new, sent, failed, read). */
  readonly onDidChange: Event<{ peers: string[] }> = this.didChange.event;
  /** New incoming messages arrived (one notice per peer per pull: the newest). */
  readonly onDidReceive: Event<ReceivedMessageNotice> = this.didReceive.event;
  /** The total of unread messages changed. */
  readonly onDidChangeUnread: Event<number> = this.didChangeUnread.event;
  private lastUnread: number;

  constructor(options: MessageServiceOptions) {
    this.db = options.db;
    this.store = new MessageStore(options.db, options.account);
    this.transport = options.transport;
    this.self = options.self;
    this.clock = options.clock ?? systemClock;
    this.pageLimit = options.pageLimit ?? 500;
    this.resolveName = options.resolveName ?? (() => undefined);
    this.uuid = options.uuid ?? randomUUID;
    this.log = options.logger ?? (() => undefined);
    this.feed = new ChangeFeedFollower(
      {
        pull: () => this.pullPages(),
        pendingCount: () => this.store.outboxCount(),
        oldest: () => this.store.oldestOutbox(),
        send: (item) => this.sendItem(item),
        settle: (item, reply) => this.settleItem(item, reply),
        refuse: (item, err) => {
          // refused for good (unknown recipient, bad text…): keep the text, say why, go on with the next
          this.log('warn', `messages: ${item.kind} to ${item.peer} refused: ${err.message}`);
          this.db.transaction(() => {
            if (item.kind === 'send')
              this.store.markFailed(item.idempotencyKey, err.code ?? 'internal', serverReason(err));
            this.store.removeOutbox(item.id);
          })();
          this.changed([item.peer]);
        },
        // 429 (too many messages): wait at least as long as the server asks; the item stays queued
        retryDelay: (err, backoffMs) =>
          Math.max(backoffMs, err instanceof UcClientError ? (err.details.retryAfterS ?? 0) * 1000 : 0),
        retryLater: (item, err, retryAt, delay) => {
          this.store.outboxFailed(item.id, messageOf(err), retryAt);
          this.log('info', `messages: ${item.kind} to ${item.peer} waits (${messageOf(err)}); retry in ${delay} ms`);
        },
        pullFailed: (err) => this.log('warn', `messages: pull failed: ${messageOf(err)}`),
      },
      { clock: this.clock, ...(options.backoff ? { backoff: options.backoff } : {}) },
    );
    this.lastUnread = this.store.unreadTotal();
  }

  /** Starts: flushes the outbox and pulls. */
  start(): void {
    this.feed.startAndSync();
  }

  /** Stops timers; in-flight requests finish but change nothing visible. Idempotent. */
  async stop(): Promise<void> {
    await this.feed.stopAndSettle();
    this.didChange.dispose();
    this.didReceive.dispose();
    this.didChangeUnread.dispose();
  }

  /** Online again → pull and flush now (skipping the backoff wait); offline → stop retrying. */
  setOnline(online: boolean): void {
    this.feed.setOnlineAndSync(online);
  }

  /** Unread incoming messages (all peers). */
  get unreadTotal(): number {
    return this.store.unreadTotal();
  }

  /** Messages waiting for the server. */
  get pendingCount(): number {
    return this.store.outboxCount();
  }

  // ------------------------------------------------------------ queries

  listConversations(): ConversationView[] {
    return this.store.conversations().map((c) => {
      const peerName = this.resolveName(c.peer);
      return { peer: c.peer, ...(peerName !== undefined ? { peerName } : {}), last: c.last, unread: c.unread };
    });
  }

  history(peer: string, limit = 200): MessageView[] {
    return this.store.history(peer.trim(), limit);
  }

  // ------------------------------------------------------------ commands

  /**
   * Sends `text` to `peer`: stored here at once (pending) with its outbox
   * item, then sent. Resolves after the first attempt (or at once while
   * offline) with the message as it stands: sent, pending (queued) or failed.
   */
  async send(peerInput: string, textInput: string): Promise<MessageView> {
    const peer = peerInput.trim();
    if (!/^[A-Za-z0-9._~+-]{1,64}$/.test(peer)) throw new InvalidMessageError('peer: not an internal number or user');
    if (peer === this.self) throw new InvalidMessageError('peer: you cannot send a message to yourself');
    const text = textInput.replace(/\r\n?/g, '\n');
    if (text.trim() === '') throw new InvalidMessageError('text: a message cannot be empty');
    if (text.length > MAX_TEXT) throw new InvalidMessageError(`text: a message is at most ${MAX_TEXT} characters`);
    if (this.feed.stopped) throw new InvalidMessageError('not logged in');
    const key = this.uuid();
    const now = this.clock.now();
    const localId = this.db.transaction(() => {
      const id = this.store.insertPending(peer, text, key, now);
      this.store.addOutbox({ kind: 'send', key, peer, text }, now);
      return id;
    })();
    this.changed([peer]);
    if (this.feed.online) await this.feed.kickPush(true);
    const view = this.store.get(localId);
    if (!view) throw new Error(`message ${localId} vanished`);
    return view;
  }

  /** Marks every unread message of `peer` read here at once, then on the server (and so on the other devices). */
  markRead(peerInput: string): void {
    const peer = peerInput.trim();
    const upTo = this.store.maxUnreadId(peer);
    if (upTo === undefined) return;
    this.db.transaction(() => {
      this.store.markReadLocal(peer, upTo);
      this.store.addOutbox({ kind: 'read', key: this.uuid(), peer, upTo }, this.clock.now());
    })();
    this.changed([peer]);
    void this.feed.kickPush(true);
  }

  /**
   * Deletes messages for this user (issue #13): one (its local id), a peer's conversation, or all.
   * Gone here at once, with the POST /messages/delete queued in the same transaction (survives a
   * crash, sent in order, idempotent on the server); the server's tombstones then remove them from
   * the user's other devices. The other party keeps their copy.
   */
  delete(target: { localId: number } | { peer: string } | { all: true }): void {
    if (this.feed.stopped) throw new InvalidMessageError('not logged in');
    const peers = this.db.transaction(() => {
      const { peers: touched, request } = this.store.deleteLocal(target);
      if (request !== undefined) {
        const peer = 'peer' in request ? request.peer : 'all' in request ? '*' : (touched[0] ?? '*');
        this.store.addOutbox(
          { kind: 'delete', key: this.uuid(), peer, text: JSON.stringify(request) },
          this.clock.now(),
        );
      }
      return touched;
    })();
    this.changed(peers);
    if (this.feed.online) void this.feed.kickPush(true);
  }

  // ------------------------------------------------------------ pull

  /** Pulls now, or right after the running pull (`revision`: skip when already there). */
  requestPull(revision?: number): void {
    if (!this.feed.started || this.feed.stopped) return;
    if (revision !== undefined && revision <= this.store.revision && !this.feed.isPulling) return;
    this.feed.requestPull();
  }

  private async pullPages(): Promise<PullResult> {
    // not "revision === 0": an account without any message keeps revision 0 after its
    // first pull, and its first message ever must still be news
    const firstSync = !this.store.syncedOnce;
    for (let page = 0; page < MAX_PAGES && !this.feed.stopped; page++) {
      const since = this.store.revision;
      const reply = await this.transport.messages(since, this.pageLimit);
      if (this.feed.stopped) return 'stopped';
      const peers = new Set<string>();
      const fresh = new Map<string, { text: string; at: number }>();
      this.db.transaction(() => {
        for (const message of reply.messages) {
          if (message.deleted) {
            // deleted by this user on another device
            this.store.dropServerMessage(message.id);
            peers.add(message.from === this.self ? message.to : message.from);
            continue;
          }
          const applied = this.store.applyServerMessage(message, this.self);
          const peer = applied.direction === 'out' ? message.to : message.from;
          peers.add(peer);
          if (applied.isNew && applied.direction === 'in' && !message.read) {
            fresh.set(peer, { text: message.text, at: message.sentAt });
          }
        }
        this.store.setRevision(Math.max(since, reply.revision));
      })();
      if (peers.size > 0) this.changed([...peers]);
      if (!firstSync) this.notify(fresh);
      // a server that says "more" without moving forward would spin: stop there
      if (!reply.hasMore || reply.revision <= since) break;
    }
    return 'caught-up';
  }

  private notify(fresh: Map<string, { text: string; at: number }>): void {
    if (fresh.size === 0) return;
    const unreadMessages = this.store.unreadTotal();
    for (const [peer, { text, at }] of fresh) {
      const peerName = this.resolveName(peer);
      const preview = text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 1)}…` : text;
      this.didReceive.fire({ peer, ...(peerName !== undefined ? { peerName } : {}), preview, at, unreadMessages });
    }
  }

  // ------------------------------------------------------------ push

  // ------------------------------------------------------------ push (scheduled by the follower)

  /** Sends one outbox item: the reply for a message, nothing for a read mark. */
  private async sendItem(item: MessageOutboxItem): Promise<MessageSendResponse | undefined> {
    if (item.kind === 'send') {
      return this.transport.sendMessage({ to: item.peer, text: item.text ?? '' }, item.idempotencyKey);
    }
    if (item.kind === 'delete') {
      await this.transport.deleteMessages(messagesDeleteSchema.parse(JSON.parse(item.text ?? 'null')));
      return undefined;
    }
    await this.transport.markMessagesRead({ peer: item.peer, upTo: item.upTo ?? 0 });
    return undefined;
  }

  private settleItem(item: MessageOutboxItem, reply: MessageSendResponse | undefined): void {
    if (reply) {
      this.db.transaction(() => {
        this.store.applyServerMessage(reply.message, this.self);
        this.store.removeOutbox(item.id);
      })();
    } else {
      this.store.removeOutbox(item.id);
    }
    this.changed([item.peer]);
  }

  private changed(peers: string[]): void {
    if (this.feed.stopped) return;
    this.didChange.fire({ peers: [...new Set(peers)] });
    const unread = this.store.unreadTotal();
    if (unread !== this.lastUnread) {
      this.lastUnread = unread;
      this.didChangeUnread.fire(unread);
    }
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The server's own sentence ("No internal user 999"), without the request prefix the client adds. */
function serverReason(err: UcClientError): string {
  const match = /^[A-Z]+ \S+: (.*) \([a-z-]+, HTTP \d+\)$/.exec(err.message);
  return match?.[1] ?? err.message;
}
