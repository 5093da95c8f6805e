/**
 * The user's forwarding rules in the engine (SPEC J3, B2): the UC server
 * holds them (it applies them to every call), this keeps the last copy for
 * the renderer and says when an immediate rule forwards calls right now.
 *
 * ```
 *  detached ──attach()──▶ attached: GET /me/forwarding now, at every live-events
 *     ▲                    (re)connection and at every `forwarding-changed` event;
 *     │                    set() = PUT /me/forwarding; a minute timer re-reads
 *     │                    "immediate active" while a window rule is on
 *     └──── detach (logout) ── current becomes null
 * ```
 * Replies may cross: a reply older than what we hold (smaller updatedAt) is dropped.
 */
import {
  isImmediateActive,
  type ForwardingDocument,
  type ForwardingRules,
  type ForwardingView,
} from '../../../../src-preload/contract/forwarding';
import type { LiveEvent } from '../../../../src-preload/contract/ipc-contract';
import { UcError } from '../../platform/ipc/uc-error';
import { UcClientError } from '../../platform/uc/uc-client-error';
import type { Clock, TimerHandle } from '../../platform/clock';
import { TypedEmitter, type Event } from '../../platform/typed-emitter';

/** The two UC server calls the service needs (ForwardingApi; a seam for tests). */
export interface ForwardingTransport {
  getRules(): Promise<ForwardingDocument>;
  setRules(rules: ForwardingRules): Promise<ForwardingDocument>;
}

export interface ForwardingAttachment {
  transport: ForwardingTransport;
  live: { onDidReceive: Event<LiveEvent>; onDidChangeState: Event<string> };
  /** false while the UC server is known to be unreachable: set() fails at once with a clear error */
  isOnline: () => boolean;
}

export interface ForwardingServiceOptions {
  clock: Clock;
  logger?: (level: 'info' | 'warn', message: string) => void;
}

/** How often a window rule's "active" is read again (a window edge shows within this). */
const WINDOW_CHECK_MS = 30_000;

export class ForwardingService {
  private readonly clock: Clock;
  private readonly log: (level: 'info' | 'warn', message: string) => void;
  private readonly didChange = new TypedEmitter<ForwardingView | null>();
  /** The rules or their "immediate active" changed (null: logged out). */
  readonly onDidChange: Event<ForwardingView | null> = this.didChange.event;

  private attachment: ForwardingAttachment | undefined;
  private document: ForwardingDocument | undefined;
  private lastView: ForwardingView | null = null;
  private windowTimer: TimerHandle | undefined;

  constructor(options: ForwardingServiceOptions) {
    this.clock = options.clock;
    this.log = options.logger ?? (() => undefined);
  }

  /** The rules last known (null: logged out or not fetched yet). */
  get current(): ForwardingView | null {
    return this.document === undefined ? null : this.viewOf(this.document);
  }

  /** Follows one UC session; returns the detach function (logout). */
  attach(attachment: ForwardingAttachment): () => void {
    this.detach();
    this.attachment = attachment;
    const disposers = [
      attachment.live.onDidReceive((event) => {
        if (event.type === 'forwarding-changed') void this.refresh();
      }),
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
  async refresh(): Promise<ForwardingView | null> {
    const attachment = this.attachment;
    if (!attachment) return null;
    try {
      const document = await attachment.transport.getRules();
      if (this.attachment === attachment) this.accept(document);
    } catch (err) {
      this.log('info', `forwarding rules not fetched: ${err instanceof Error ? err.message : String(err)}`);
    }
    return this.current;
  }

  /**
   * Replaces the rules on the UC server. UcError 'not-logged-in',
   * 'server-unreachable' (offline: nothing changes, the user may retry) or
   * 'invalid-payload' (the server's message says which rule).
   */
  async set(rules: ForwardingRules): Promise<ForwardingView> {
    const attachment = this.attachment;
    if (!attachment) throw new UcError('not-logged-in', 'log in to change your call forwarding');
    if (!attachment.isOnline()) {
      throw new UcError(
        'server-unreachable',
        'call forwarding is kept by the UC server, which cannot be reached right now: try again when it is back',
      );
    }
    let document: ForwardingDocument;
    try {
      document = await attachment.transport.setRules(rules);
    } catch (err) {
      if (err instanceof UcClientError) {
        if (err.kind === 'unreachable') throw new UcError('server-unreachable', err.message);
        if (err.code === 'invalid-request') throw new UcError('invalid-payload', err.message);
        if (err.status === 401) throw new UcError('not-logged-in', err.message);
      }
      throw new UcError('internal', err instanceof Error ? err.message : String(err));
    }
    if (this.attachment === attachment) this.accept(document);
    return this.viewOf(document);
  }

  /** The header's quick "off": the immediate rule disabled, its target kept. */
  async immediateOff(): Promise<ForwardingView> {
    const rules = this.document?.rules;
    if (!this.attachment) throw new UcError('not-logged-in', 'log in to change your call forwarding');
    if (!rules) throw new UcError('invalid-payload', 'no immediate forwarding is set');
    return this.set({ ...rules, immediate: { ...rules.immediate, enabled: false } });
  }

  /** Stops following the session (logout): current becomes null. */
  detach(): void {
    this.attachment = undefined;
    this.document = undefined;
    this.disarm();
    this.publish();
  }

  dispose(): void {
    this.detach();
    this.didChange.dispose();
  }

  private accept(document: ForwardingDocument): void {
    if (this.document !== undefined && document.updatedAt < this.document.updatedAt) return;
    this.document = document;
    this.disarm();
    // a window opens and closes on its own: look again now and then
    if (document.rules?.immediate.enabled && document.rules.immediate.window !== null) {
      const tick = (): void => {
        this.windowTimer = this.clock.setTimeout(tick, WINDOW_CHECK_MS);
        this.publish();
      };
      this.windowTimer = this.clock.setTimeout(tick, WINDOW_CHECK_MS);
    }
    this.publish();
  }

  private disarm(): void {
    if (this.windowTimer !== undefined) this.clock.clearTimeout(this.windowTimer);
    this.windowTimer = undefined;
  }

  /** Fires onDidChange when what the renderer sees changed. */
  private publish(): void {
    const view = this.current;
    if (JSON.stringify(view) === JSON.stringify(this.lastView)) return;
    this.lastView = view;
    this.didChange.fire(view);
  }

  private viewOf(document: ForwardingDocument): ForwardingView {
    return {
      rules: document.rules,
      immediateActive: document.rules !== null && isImmediateActive(document.rules, this.clock.now()),
      updatedAt: document.updatedAt,
    };
  }
}
