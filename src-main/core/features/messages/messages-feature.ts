import type { CountersView } from '../../../../src-preload/contract/ipc-contract';
import type { MessageView } from '../../../../src-preload/contract/messages';
import type { ReconnectPolicyOptions } from '../../../../src-preload/contract/platform/reconnect-policy';
import { toDisposable, type Disposable } from '../../platform/disposable';
import type { Feature, FeatureHost, LoginSession } from '../../platform/feature';
import type { Handlers } from '../../platform/ipc/uc-backend';
import { UcError } from '../../platform/ipc/uc-error';
import { TypedEmitter, type Event } from '../../platform/typed-emitter';
import { InvalidMessageError, MessageService, type ReceivedMessageNotice } from './message-service';
import { MessagesApi } from './messages-api';

export interface MessagesFeatureOptions {
  /** backoff of the pull and send retries (default: 0.5 s base, 30 s cap) */
  backoff?: ReconnectPolicyOptions;
  /** display name of a peer number (directory cache, journal) */
  resolveName: (peer: string) => string | undefined;
}

/**
 * Instant messages (SPEC E6) of the logged-in account: its SQLite cache and
 * outbox, pulled from the UC server's message feed at login, on every
 * `messages-changed` and at every reconnection; unread counts for the tray.
 */
export class MessagesFeature implements Feature {
  readonly name = 'messages';
  readonly handlers: Partial<Handlers>;
  /** the logged-in account's messages; undefined while logged out */
  private service: MessageService | undefined;
  private readonly didReceive = new TypedEmitter<ReceivedMessageNotice>();
  /** An instant message arrived (shells show a notification, SPEC G4). */
  readonly onDidReceive: Event<ReceivedMessageNotice> = this.didReceive.event;

  constructor(
    private readonly host: FeatureHost,
    private readonly options: MessagesFeatureOptions,
  ) {
    this.handlers = {
      'messages.listConversations': () => this.service?.listConversations() ?? [],
      'messages.history': (p) => this.service?.history(p.peer, p.limit) ?? [],
      'messages.send': (p) => this.send(p.peer, p.text),
      'messages.markRead': (p) => this.service?.markRead(p.peer),
    };
  }

  counters(): Partial<CountersView> {
    return { unreadMessages: this.service?.unreadTotal ?? 0 };
  }

  onLogin(session: LoginSession): Disposable {
    const host = this.host;
    const messages = new MessageService({
      db: session.account.db,
      transport: new MessagesApi(session.client),
      account: session.dataOwner,
      self: session.user,
      clock: host.clock,
      ...(this.options.backoff ? { backoff: this.options.backoff } : {}),
      resolveName: this.options.resolveName,
      logger: (level, message) => host.log(level, message),
    });
    this.service = messages;
    const disposers = [
      messages.onDidChange((change) => host.emit('messages.onDidChange', change)),
      messages.onDidChangeUnread(() => host.countersChanged()),
      messages.onDidReceive((notice) => this.didReceive.fire(notice)),
      session.connection.onDidChange((state) => messages.setOnline(state === 'online')),
      session.events.onDidReceive((event) => {
        if (event.type === 'messages-changed') messages.requestPull(event.revision);
      }),
      // messages sent while the socket was down are only in the feed: pull at every (re)connection
      session.events.onDidChangeState((state) => {
        if (state === 'open') messages.requestPull();
      }),
    ];
    messages.start();
    // The account's cached conversations show now (offline too), not at the next new message.
    host.emit('messages.onDidChange', { peers: [] });
    host.countersChanged();
    return toDisposable(() => {
      for (const d of disposers) d();
      if (this.service !== messages) return;
      this.service = undefined;
      // Not awaited: a request in flight must not hold the logout; it changes nothing once stopped.
      void messages.stop();
      if (!host.disposed) {
        host.emit('messages.onDidChange', { peers: [] });
        host.countersChanged();
      }
    });
  }

  /** Deletes messages for this user on all their devices (the conversations' delete, issue #13). */
  delete(target: { localId: number } | { peer: string } | { all: true }): void {
    const messages = this.service;
    if (!messages) throw new UcError('not-logged-in', 'log in first');
    messages.delete(target);
  }

  /** messages.send: a blank text or bad peer is 'invalid-payload'; offline the message is queued, not refused. */
  private async send(peer: string, text: string): Promise<MessageView> {
    const messages = this.service;
    if (!messages) throw new UcError('not-logged-in', 'log in to send messages');
    try {
      return await messages.send(peer, text);
    } catch (err) {
      if (err instanceof InvalidMessageError) throw new UcError('invalid-payload', err.message);
      throw err;
    }
  }
}
