/**
 * Calls the server places for the user (SPEC J4 "associated dialing", B5 "callback preferred"):
 * asks `POST /me/calls/place`, then follows the callback's `callback-progress` live events and
 * keeps the one progress view the renderer shows ("Calling your desk phone…").
 *
 * ```
 *  (none) ──place(): server answers callback──▶ calling-callme ──▶ connecting ──▶ connected ──linger──▶ (none)
 *                                                      └──────────────┴──────────▶ failed ──dismiss / next dial──▶ (none)
 * ```
 * Phases only go forward (the server's order); an event for a callback the POST answer has not
 * named yet (it may overtake the reply) is kept until the answer comes.
 */
import type { CallbackView } from '../../../../../src-preload/contract/calls/calls-ipc';
import type { DialTarget } from '../../../../../src-preload/contract/calls/dial-target';
import {
  CALLBACK_PHASES,
  type CallbackPhase,
  type PlaceCallResult,
} from '../../../../../src-preload/contract/forwarding/forwarding-http';
import type { LiveEvent } from '../../../../../src-preload/contract/ipc-contract';
import type { Clock, TimerHandle } from '../../../platform/clock';
import type { Event } from '../../../platform/typed-emitter';

/** The UC server call the placer needs ({@link PlaceCallApi}; a seam for tests). */
export interface PlaceCallTransport {
  place(destination: string): Promise<PlaceCallResult>;
}

/** One logged-in session. */
export interface CallbackAttachment {
  transport: PlaceCallTransport;
  live: { onDidReceive: Event<LiveEvent> };
  /** false while the UC server is known to be unreachable: the app dials itself at once */
  isOnline: () => boolean;
}

export interface CallbackPlacerOptions {
  clock: Clock;
  /** the view changed (null: closed) */
  onDidChange: (view: CallbackView | null) => void;
  log?: (level: 'info' | 'warn', message: string) => void;
  /** how long "Connected — continue on your phone" stays (default 8 s) */
  connectedLingerMs?: number;
}

/** Most progress events kept for callbacks not named yet (bounded: a stray event never grows it). */
const EARLY_EVENTS_MAX = 8;

const phaseRank = (phase: CallbackPhase): number => CALLBACK_PHASES.indexOf(phase);
const isFinal = (phase: CallbackPhase): boolean => phase === 'connected' || phase === 'failed';

export class CallbackPlacer {
  private readonly clock: Clock;
  private readonly emit: (view: CallbackView | null) => void;
  private readonly log: (level: 'info' | 'warn', message: string) => void;
  private readonly lingerMs: number;
  private attachment: CallbackAttachment | undefined;
  private view: CallbackView | null = null;
  private lingerTimer: TimerHandle | undefined;
  private readonly early = new Map<string, CallbackPhase>();

  constructor(options: CallbackPlacerOptions) {
    this.clock = options.clock;
    this.emit = options.onDidChange;
    this.log = options.log ?? (() => undefined);
    this.lingerMs = options.connectedLingerMs ?? 8_000;
  }

  /** The callback shown now (null: none). */
  get current(): CallbackView | null {
    return this.view;
  }

  /** Follows one UC session; returns the detach function (logout closes the view). */
  attach(attachment: CallbackAttachment): () => void {
    this.attachment = attachment;
    const unsubscribe = attachment.live.onDidReceive((event) => {
      if (event.type === 'callback-progress') this.progress(event.id, event.phase);
    });
    return () => {
      unsubscribe();
      if (this.attachment !== attachment) return;
      this.attachment = undefined;
      this.early.clear();
      this.close();
    };
  }

  /**
   * Asks the server to place the call to `target`. Resolves with the callback's view, or
   * undefined when the app dials it itself: the server says so (dial mode `app`, an emergency
   * number), or it cannot be asked or answers an error — a call is never lost to a callback
   * service that is down, and an emergency number the engine cannot recognise still goes out.
   */
  async place(target: DialTarget, peerName: string | undefined): Promise<CallbackView | undefined> {
    const attachment = this.attachment;
    if (attachment === undefined || !attachment.isOnline()) {
      this.log('info', 'callback: the UC server cannot be asked now, the app dials itself');
      return undefined;
    }
    let placed: PlaceCallResult;
    try {
      placed = await attachment.transport.place(target.target);
    } catch (err) {
      this.log('warn', `callback: POST /me/calls/place failed (${String(err)}), the app dials itself`);
      return undefined;
    }
    if (placed.by === 'app') return undefined;
    if (this.attachment !== attachment) return undefined; // logged out meanwhile: nothing to show
    const early = this.early.get(placed.id);
    this.early.delete(placed.id);
    const phase = early !== undefined && phaseRank(early) > phaseRank(placed.phase) ? early : placed.phase;
    this.show({
      id: placed.id,
      via: placed.via,
      peer: target.display,
      ...(peerName !== undefined ? { peerName } : {}),
      phase,
      startedAt: this.clock.now(),
    });
    return this.view ?? undefined;
  }

  /** Closes the view of callback `id` (the user dismissed it); other ids are ignored. */
  dismiss(id: string): void {
    if (this.view?.id === id) this.close();
  }

  dispose(): void {
    this.clearLinger();
  }

  private progress(id: string, phase: CallbackPhase): void {
    const view = this.view;
    if (view?.id !== id) {
      if (this.early.size >= EARLY_EVENTS_MAX) this.early.delete(this.early.keys().next().value as string);
      this.early.set(id, phase);
      return;
    }
    if (phaseRank(phase) <= phaseRank(view.phase) || isFinal(view.phase)) return;
    this.show({ ...view, phase });
  }

  private show(view: CallbackView): void {
    this.clearLinger();
    this.view = view;
    this.emit(view);
    if (view.phase === 'connected') {
      this.lingerTimer = this.clock.setTimeout(() => {
        this.lingerTimer = undefined;
        if (this.view?.id === view.id) this.close();
      }, this.lingerMs);
    }
  }

  private close(): void {
    this.clearLinger();
    if (this.view === null) return;
    this.view = null;
    this.emit(null);
  }

  private clearLinger(): void {
    if (this.lingerTimer !== undefined) this.clock.clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
  }
}
