/**
 * The user's own presence in the engine (SPEC B1, B3, B6): the UC server
 * holds it, so every device of the user shows the same state.
 *
 * ```
 *  detached ──attach()──▶ attached: GET /me/presence now, at every live-events
 *     ▲                    (re)connection and at every `presence-changed` event;
 *     │                    set() = PUT /me/presence
 *     └──── detach (logout) ── current becomes null
 * ```
 * Replies may cross (a GET started before a PUT can answer after it): a reply
 * older than what we hold (smaller updatedAt) is dropped. B6: besides the
 * server's own signal, a local timer at the return time asks the server again,
 * and if the server cannot be reached shows office anyway (it will agree).
 */
import type { LiveEvent } from '../../../../src-preload/contract/ipc-contract';
import type { Presence, PresenceSetRequest } from '../../../../src-preload/contract/presence/presence-http';
import type { PresenceSetPayload, PresenceView } from '../../../../src-preload/contract/presence';
import { UcError } from '../../platform/ipc/uc-error';
import { UcClientError } from '../../platform/uc/uc-client-error';
import type { Clock, TimerHandle } from '../../platform/clock';
import { TypedEmitter, type Event } from '../../platform/typed-emitter';

/** The two UC server calls the service needs (PresenceApi; a seam for tests). */
export interface PresenceTransport {
  getPresence(): Promise<Presence>;
  setPresence(request: PresenceSetRequest): Promise<Presence>;
}

/** Where `presence-changed` arrives and when the socket (re)opens (UcEventsClient). */
export interface PresenceLiveSource {
  onDidReceive: Event<LiveEvent>;
  onDidChangeState: Event<string>;
}

export interface PresenceAttachment {
  transport: PresenceTransport;
  live: PresenceLiveSource;
  /** false while the UC server is known to be unreachable: set() fails at once with a clear error */
  isOnline: () => boolean;
}

export interface PresenceServiceOptions {
  clock: Clock;
  logger?: (level: 'info' | 'warn', message: string) => void;
}

/** Margin after the return time before asking the server (its timer fires first). */
const RETURN_MARGIN_MS = 1_000;
/** setTimeout's longest delay; longer waits are re-armed. */
const MAX_TIMER_MS = 2_147_483_647;

/** See the file comment. One per AppCore; attached to one UC session at a time. */
export class PresenceService {
  private readonly clock: Clock;
  private readonly log: (level: 'info' | 'warn', message: string) => void;
  private readonly didChange = new TypedEmitter<PresenceView | null>();
  /** The own presence changed (null: logged out). */
  readonly onDidChange: Event<PresenceView | null> = this.didChange.event;

  private attachment: PresenceAttachment | undefined;
  private view: PresenceView | null = null;
  private returnTimer: TimerHandle | undefined;

  constructor(options: PresenceServiceOptions) {
    this.clock = options.clock;
    this.log = options.logger ?? (() => undefined);
  }

  /** The presence last known (null: logged out or not fetched yet). */
  get current(): PresenceView | null {
    return this.view === null ? null : { ...this.view };
  }

  /**
   * Follows one UC session: fetches now, on every `presence-changed` and on
   * every socket (re)open. Returns the detach function (logout).
   */
  attach(attachment: PresenceAttachment): () => void {
    this.detach();
    this.attachment = attachment;
    const disposers = [
      attachment.live.onDidReceive((event) => {
        if (event.type === 'presence-changed') void this.refresh();
      }),
      // a change made while the socket was down is only seen by asking again
      attachment.live.onDidChangeState((state) => {
        if (state === 'open') void this.refresh();
      }),
    ];
    void this.refresh();
    return () => {
      for (const dispose of disposers) dispose();
      if (this.attachment === attachment) this.detach();
    };
  }

  /** Asks the server; never throws (offline keeps what we have). */
  async refresh(): Promise<PresenceView | null> {
    const attachment = this.attachment;
    if (!attachment) return null;
    try {
      const presence = await attachment.transport.getPresence();
      if (this.attachment === attachment) this.accept(viewOf(presence));
    } catch (err) {
      this.log('info', `presence not fetched: ${err instanceof Error ? err.message : String(err)}`);
    }
    return this.current;
  }

  /**
   * Sets the presence on the UC server. UcError 'not-logged-in',
   * 'server-unreachable' (offline: nothing changes, the user may retry), or
   * 'invalid-payload' (a return time with office or in the past).
   */
  async set(payload: PresenceSetPayload): Promise<PresenceView> {
    const attachment = this.attachment;
    if (!attachment) throw new UcError('not-logged-in', 'log in to set your presence');
    if (payload.returnAt !== undefined) {
      if (payload.state === 'office') throw new UcError('invalid-payload', 'returnAt: office takes no return time');
      if (payload.returnAt <= this.clock.now())
        throw new UcError('invalid-payload', 'returnAt: the return time must be in the future');
    }
    if (!attachment.isOnline()) {
      throw new UcError(
        'server-unreachable',
        'the presence is kept by the UC server, which cannot be reached right now: try again when it is back',
      );
    }
    const request: PresenceSetRequest = {
      state: payload.state,
      ...(payload.returnAt !== undefined ? { returnAt: payload.returnAt } : {}),
      ...(payload.note !== undefined ? { note: payload.note } : {}),
      ...(payload.visibility !== undefined ? { visibility: payload.visibility } : {}),
    };
    let presence: Presence;
    try {
      presence = await attachment.transport.setPresence(request);
    } catch (err) {
      if (err instanceof UcClientError) {
        if (err.kind === 'unreachable') throw new UcError('server-unreachable', err.message);
        if (err.code === 'invalid-request') throw new UcError('invalid-payload', err.message);
        if (err.status === 401) throw new UcError('not-logged-in', err.message);
      }
      throw new UcError('internal', err instanceof Error ? err.message : String(err));
    }
    const view = viewOf(presence);
    if (this.attachment === attachment) this.accept(view);
    return view;
  }

  /** Stops following the session (logout): current becomes null. */
  detach(): void {
    this.attachment = undefined;
    this.clearReturnTimer();
    if (this.view !== null) {
      this.view = null;
      this.didChange.fire(null);
    }
  }

  dispose(): void {
    this.detach();
    this.didChange.dispose();
  }

  private accept(view: PresenceView): void {
    // an older reply that crossed a newer one
    if (this.view !== null && view.updatedAt < this.view.updatedAt) return;
    const changed = JSON.stringify(view) !== JSON.stringify(this.view);
    this.view = view;
    this.armReturnTimer();
    if (changed) this.didChange.fire({ ...view });
  }

  private armReturnTimer(): void {
    this.clearReturnTimer();
    const returnAt = this.view?.returnAt;
    if (returnAt === undefined) return;
    const delay = Math.min(Math.max(returnAt - this.clock.now(), 0) + RETURN_MARGIN_MS, MAX_TIMER_MS);
    this.returnTimer = this.clock.setTimeout(() => {
      this.returnTimer = undefined;
      this.returnDue(returnAt).catch((err: unknown) =>
        this.log('warn', `presence return not applied: ${err instanceof Error ? err.message : String(err)}`),
      );
    }, delay);
  }

  /** SPEC B6 on this side: ask the server; unreachable → show office as the server will. */
  private async returnDue(returnAt: number): Promise<void> {
    const view = this.view;
    if (view === null || view.returnAt !== returnAt) return;
    if (this.clock.now() < returnAt) {
      this.armReturnTimer();
      return;
    }
    await this.refresh();
    const after = this.view;
    if (after !== null && after.returnAt === returnAt && this.clock.now() >= returnAt) {
      this.accept({ state: 'office', visibility: after.visibility, updatedAt: Math.max(after.updatedAt, returnAt) });
    }
  }

  private clearReturnTimer(): void {
    if (this.returnTimer === undefined) return;
    this.clock.clearTimeout(this.returnTimer);
    this.returnTimer = undefined;
  }
}

function viewOf(presence: Presence): PresenceView {
  return {
    state: presence.state,
    ...(presence.returnAt !== undefined ? { returnAt: presence.returnAt } : {}),
    ...(presence.note !== undefined ? { note: presence.note } : {}),
    visibility: presence.visibility,
    updatedAt: presence.updatedAt,
  };
}
