import type { CallRecord } from '../../../../src-preload/contract/calls/call-history-http';
import type { JournalEntry } from '../../../../src-preload/contract/calls/calls-ipc';
import type {
  ConversationEventView,
  ConversationRowView,
  ConversationSummaryView,
  ConversationsDeletePayload,
  ConversationsFilter,
} from '../../../../src-preload/contract/conversations';
import type { ConversationView, MessageView } from '../../../../src-preload/contract/messages';
import type { ReconnectPolicyOptions } from '../../../../src-preload/contract/platform/reconnect-policy';
import type { VoicemailView } from '../../../../src-preload/contract/voicemail';
import { toDisposable, type Disposable } from '../../platform/disposable';
import type { Feature, FeatureHost, LoginSession } from '../../platform/feature';
import type { Handlers } from '../../platform/ipc/uc-backend';
import { UcError } from '../../platform/ipc/uc-error';
import { CallHistoryApi } from './call-history-api';
import { CallHistoryCache } from './call-history-cache';
import { journalFromRecords } from './journal-from-records';
import {
  callsShownAsVoicemail,
  conversationHistory,
  filteredEvents,
  summarizeConversations,
} from './merge-conversations';

/** What the conversations read from the messages and voicemail features (their contract channels). */
export interface ConversationsFeatureOptions {
  messages: {
    conversations(): ConversationView[] | Promise<ConversationView[]>;
    history(peer: string): MessageView[] | Promise<MessageView[]>;
    markRead(peer: string): void | Promise<void>;
    /** deletes for this user only, on all their devices (the other party keeps theirs) */
    delete(target: { localId: number } | { peer: string } | { all: true }): void | Promise<void>;
  };
  voicemails: {
    list(): VoicemailView[] | Promise<VoicemailView[]>;
    setListened(id: string): Promise<void>;
    delete(id: string): Promise<void>;
  };
  /** the directory's name of a number */
  nameOf(peer: string): string | undefined;
  backoff?: ReconnectPolicyOptions;
}

/**
 * Conversations (SPEC E1–E5, issue #13): one entry per contact merging the server's call history
 * (cached by {@link CallHistoryCache}), the instant messages and the voicemails; reading a
 * conversation clears its counter on every device (calls: POST /calls/read; messages: their read
 * mark; voicemails: marked listened); deleting removes calls, messages (for this user only) and voicemails on the server.
 */
export class ConversationsFeature implements Feature {
  readonly name = 'conversations';
  readonly handlers: Partial<Handlers>;
  private cache: CallHistoryCache | undefined;

  constructor(
    private readonly host: FeatureHost,
    private readonly options: ConversationsFeatureOptions,
  ) {
    this.handlers = {
      'conversations.list': () => this.list(),
      'conversations.history': (p) => this.history(p.peer),
      'conversations.markRead': (p) => this.markRead(p.peer),
      'conversations.delete': (p) => this.delete(p),
      'conversations.events': (p) => this.events(p),
    };
  }

  onLogin(session: LoginSession): Disposable {
    const host = this.host;
    const cache = new CallHistoryCache({
      db: session.account.db,
      transport: new CallHistoryApi(session.client),
      account: session.dataOwner,
      clock: host.clock,
      ...(this.options.backoff ? { backoff: this.options.backoff } : {}),
      logger: (level, message) => host.log(level, `[conversations] ${message}`),
    });
    this.cache = cache;
    const disposers = [
      cache.onDidChange(() => host.emit('conversations.onDidChange', {})),
      session.connection.onDidChange((state) => cache.setOnline(state === 'online')),
      session.events.onDidReceive((event) => {
        if (event.type === 'calls-changed') cache.requestPull();
      }),
      session.events.onDidChangeState((state) => {
        if (state === 'open') cache.requestPull();
      }),
    ];
    cache.start();
    host.emit('conversations.onDidChange', {});
    return toDisposable(() => {
      for (const d of disposers) d();
      if (this.cache !== cache) return;
      this.cache = undefined;
      void cache.stop();
      if (!host.disposed) host.emit('conversations.onDidChange', {});
    });
  }

  /** The cached call history (tests, export). */
  callRecords(): CallRecord[] {
    return this.cache?.records() ?? [];
  }

  /** The cached call history as the History tab's journal entries (issue #13); undefined while logged out. */
  serverJournal(): JournalEntry[] | undefined {
    return this.cache === undefined ? undefined : journalFromRecords(this.cache.records());
  }

  /** Waits for the running pull and push of the call history (tests). */
  async whenIdle(): Promise<void> {
    await this.cache?.whenIdle();
  }

  private async list(): Promise<ConversationSummaryView[]> {
    if (this.cache === undefined) return [];
    return summarizeConversations({
      calls: this.cache.records(),
      messageConversations: await this.options.messages.conversations(),
      voicemails: await this.options.voicemails.list(),
      nameOf: this.options.nameOf,
    });
  }

  private async history(peer: string): Promise<ConversationEventView[]> {
    if (this.cache === undefined) return [];
    return conversationHistory(
      peer,
      this.cache.records(),
      await this.options.messages.history(peer),
      await this.options.voicemails.list(),
    );
  }

  private async events(filter: ConversationsFilter): Promise<ConversationRowView[]> {
    if (this.cache === undefined) return [];
    const messages: MessageView[] = [];
    for (const c of await this.options.messages.conversations())
      messages.push(...(await this.options.messages.history(c.peer)));
    return filteredEvents(
      this.cache.records(),
      messages,
      await this.options.voicemails.list(),
      filter,
      this.options.nameOf,
    );
  }

  private async markRead(peer: string): Promise<void> {
    const cache = this.requireCache();
    cache.markRead(peer);
    await this.options.messages.markRead(peer);
    for (const vm of await this.options.voicemails.list())
      if (vm.callerNumber === peer && !vm.listened) await this.options.voicemails.setListened(vm.id);
  }

  private async delete(target: ConversationsDeletePayload): Promise<void> {
    const cache = this.requireCache();
    const voicemails = await this.options.voicemails.list();
    if ('eventId' in target) {
      const [kind, id] = splitEventId(target.eventId);
      if (kind === 'call') cache.delete({ id: Number(id) });
      else if (kind === 'voicemail') {
        // the call the voicemail stood for goes with it (it would show again as "call to voicemail")
        for (const [callId, vmId] of callsShownAsVoicemail(cache.records(), voicemails))
          if (vmId === id) cache.delete({ id: callId });
        await this.options.voicemails.delete(id);
      } else if (/^[1-9][0-9]{0,15}$/.test(id)) await this.options.messages.delete({ localId: Number(id) });
      else throw new UcError('invalid-payload', `no such event ${target.eventId}`);
      return;
    }
    cache.delete('peer' in target ? { peer: target.peer } : { all: true });
    await this.options.messages.delete('peer' in target ? { peer: target.peer } : { all: true });
    for (const vm of voicemails)
      if (!('peer' in target) || vm.callerNumber === target.peer) await this.options.voicemails.delete(vm.id);
  }

  private requireCache(): CallHistoryCache {
    if (this.cache === undefined) throw new UcError('not-logged-in', 'log in first');
    return this.cache;
  }
}

function splitEventId(eventId: string): ['call' | 'message' | 'voicemail', string] {
  const match = /^(call|message|voicemail):(.+)$/.exec(eventId);
  if (match === null || (match[1] === 'call' && !/^[1-9][0-9]{0,15}$/.test(match[2]!)))
    throw new UcError('invalid-payload', `no such event ${eventId}`);
  return [match[1] as 'call' | 'message' | 'voicemail', match[2]!];
}
