/**
 * Others' presence in the engine (SPEC B4): what the renderer shows of the
 * colleagues on screen (favorites, search results, contact details), kept
 * live.
 *
 * The renderer says which internal numbers it shows (`watch`); they are
 * fetched (GET /presence, which applies each user's visibility, SPEC B3) and
 * followed from then on: a live `others-presence-changed` naming a watched
 * number fetches it again, a (re)opened socket fetches them all again, and
 * every change is published. The server's event carries no state, so
 * nothing a user hides passes through here. Logout forgets everything.
 */
import {
  MAX_WATCHED_PER_CALL,
  type PresenceListResponse,
  type PresenceOf,
} from '../../../../src-preload/contract/presence';
import type { Clock, TimerHandle } from '../../platform/clock';
import { TypedEmitter, type Event } from '../../platform/typed-emitter';
import type { PresenceLiveSource } from './presence-service';

/** The UC server call it needs (PresenceApi). */
export interface OthersPresenceTransport {
  listPresence(numbers: readonly string[]): Promise<PresenceListResponse>;
}

export interface OthersPresenceAttachment {
  transport: OthersPresenceTransport;
  live: PresenceLiveSource;
}

export interface OthersPresenceOptions {
  clock: Clock;
  /** most numbers followed at once; the ones asked for longest ago are dropped first (default 2000) */
  maxWatched?: number;
  /** live changes arriving within this window are fetched together (default 20 ms) */
  coalesceMs?: number;
  logger?: (level: 'info' | 'warn', message: string) => void;
}

/** A change of what is known: the presences that changed, or everything forgotten (logout). */
export interface OthersPresenceChange {
  presences: PresenceOf[];
  cleared?: boolean;
}

/** See the file comment. One per AppCore; attached to one UC session at a time. */
export class OthersPresence {
  private readonly clock: Clock;
  private readonly maxWatched: number;
  private readonly coalesceMs: number;
  private readonly log: (level: 'info' | 'warn', message: string) => void;
  private readonly didChange = new TypedEmitter<OthersPresenceChange>();
  readonly onDidChange: Event<OthersPresenceChange> = this.didChange.event;
  /** watched number → what is known (undefined: not fetched yet); Map order = least recently asked first */
  private readonly watched = new Map<string, PresenceOf | undefined>();
  private attachment: OthersPresenceAttachment | undefined;
  private readonly due = new Set<string>();
  private dueTimer: TimerHandle | undefined;

  constructor(options: OthersPresenceOptions) {
    this.clock = options.clock;
    this.maxWatched = options.maxWatched ?? 2000;
    this.coalesceMs = options.coalesceMs ?? 20;
    this.log = options.logger ?? (() => undefined);
  }

  /** Follows one UC session; returns the detach function (logout). */
  attach(attachment: OthersPresenceAttachment): () => void {
    this.detach();
    this.attachment = attachment;
    const disposers = [
      attachment.live.onDidReceive((event) => {
        if (event.type !== 'others-presence-changed') return;
        for (const number of event.numbers) if (this.watched.has(number)) this.due.add(number);
        this.scheduleDue();
      }),
      // changes made while the socket was down: ask again for everything shown
      attachment.live.onDidChangeState((state) => {
        if (state !== 'open') return;
        for (const number of this.watched.keys()) this.due.add(number);
        this.scheduleDue();
      }),
    ];
    return () => {
      for (const dispose of disposers) dispose();
      if (this.attachment === attachment) this.detach();
    };
  }

  /**
   * What is known of `numbers` now, fetching the ones not known yet; they are
   * followed from now on. Never throws (offline: what is known).
   */
  async watch(numbers: readonly string[]): Promise<PresenceOf[]> {
    const wanted = [...new Set(numbers)].slice(0, MAX_WATCHED_PER_CALL);
    for (const number of wanted) {
      const known = this.watched.get(number);
      // most recently asked last: the oldest are dropped first
      this.watched.delete(number);
      this.watched.set(number, known);
    }
    while (this.watched.size > this.maxWatched) {
      const oldest = this.watched.keys().next().value;
      if (oldest === undefined) break;
      this.watched.delete(oldest);
    }
    const unknown = wanted.filter((n) => this.watched.get(n) === undefined);
    if (unknown.length > 0) await this.fetch(unknown);
    return wanted.flatMap((n) => {
      const known = this.watched.get(n);
      return known ? [known] : [];
    });
  }

  /** Forgets everything (logout). */
  detach(): void {
    this.attachment = undefined;
    this.clock.clearTimeout(this.dueTimer);
    this.dueTimer = undefined;
    this.due.clear();
    if (this.watched.size === 0) return;
    this.watched.clear();
    this.didChange.fire({ presences: [], cleared: true });
  }

  dispose(): void {
    this.detach();
    this.didChange.dispose();
  }

  private scheduleDue(): void {
    if (this.due.size === 0 || this.dueTimer !== undefined) return;
    this.dueTimer = this.clock.setTimeout(() => {
      this.dueTimer = undefined;
      const numbers = [...this.due];
      this.due.clear();
      void this.fetch(numbers);
    }, this.coalesceMs);
  }

  private async fetch(numbers: readonly string[]): Promise<void> {
    const attachment = this.attachment;
    if (!attachment) return;
    for (let i = 0; i < numbers.length; i += MAX_WATCHED_PER_CALL) {
      const chunk = numbers.slice(i, i + MAX_WATCHED_PER_CALL);
      let reply: PresenceListResponse;
      try {
        reply = await attachment.transport.listPresence(chunk);
      } catch (err) {
        this.log('info', `others' presence not fetched: ${err instanceof Error ? err.message : String(err)}`);
        return;
      }
      if (this.attachment !== attachment) return;
      const changed: PresenceOf[] = [];
      for (const presence of reply.presences) {
        if (!this.watched.has(presence.number)) continue;
        const before = this.watched.get(presence.number);
        if (JSON.stringify(before) === JSON.stringify(presence)) continue;
        this.watched.set(presence.number, presence);
        changed.push(presence);
      }
      if (changed.length > 0) this.didChange.fire({ presences: changed });
    }
  }
}
