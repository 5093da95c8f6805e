import type { CallView } from '../../../../../src-preload/contract/ipc-contract';
import { ReconnectPolicy } from '../../../../../src-preload/contract/platform/reconnect-policy';
import { assertNever } from '../../../../../src-preload/contract/platform/assert-never';
import { systemClock, type Clock, type TimerHandle } from '../../../platform/clock';
import { TypedEmitter, type Unsubscribe } from '../../../platform/typed-emitter';
import {
  HEADSET_VENDORS,
  IDLE_HEADSET_STATE,
  describeError,
  sameHeadsetState,
  type HeadsetAdapter,
  type HeadsetAdapterStatus,
  type HeadsetCallState,
  type HeadsetDevice,
  type HeadsetLogger,
  type HeadsetRequest,
  type HeadsetVendor,
  type HeadsetVendorSettings,
} from './headset-adapter';
import { followCalls, type HeadsetFollow } from './headset-call-view';

export type {
  HeadsetAdapter,
  HeadsetAdapterStatus,
  HeadsetCallState,
  HeadsetDevice,
  HeadsetRequest,
  HeadsetVendor,
  HeadsetVendorSettings,
} from './headset-adapter';

/**
 * The call actions a headset may trigger. AppCore offers all of them through
 * the contract's `calls.*` channels; `setHold` and `redial` are optional so a
 * host without them simply ignores Flash/Redial.
 */
export interface HeadsetCallControl {
  answer(callId: string): Promise<void>;
  reject(callId: string): Promise<void>;
  hangup(callId: string): Promise<void>;
  setMuted(callId: string, muted: boolean): Promise<void>;
  setHold?(callId: string, hold: boolean): Promise<void>;
  /** dial the last number again (HID Redial / Jabra REDIAL), only when idle */
  redial?(): Promise<void>;
}

/**
 * Bridge states.
 *
 * ```text
 *             configure(some vendor on)
 *   ┌─────────┐ ───────────────────────▶ ┌───────────┐  updateCalls: ≥ 2 live calls  ┌──────────┐
 *   │ stopped │                          │ following │ ────────────────────────────▶ │ parallel │
 *   └─────────┘ ◀─────────────────────── └───────────┘ ◀──────────────────────────── └──────────┘
 *        ▲        configure(all off)          │          updateCalls: ≤ 1 live call       │
 *        └────────────────────────────────────┴───────────────────────────────────────────┘
 *                                         configure(all off)
 *   dispose(): any state ──▶ disposed (final; configure/updateCalls then throw)
 * ```
 *
 * - `following`: indicators show the one live call; headset requests act on it.
 * - `parallel` (SPEC G3 "not applied while two calls are in parallel"):
 *   indicators idle, every headset request ignored.
 * - The call list is tracked in every state, so enabling a vendor mid-call
 *   lights the headset at once.
 *
 * Each adapter has its own life cycle (see {@link HeadsetSlotState}):
 *
 * ```text
 *   off ──enable──▶ starting ──ok──▶ running ──failed / unavailable──▶ waiting ──backoff timer──▶ starting
 *                      │                                                  ▲
 *                      └──────────── unavailable / start threw ───────────┘
 *   any ──disable──▶ off            waiting with a non-retryable reason has no timer (until re-enabled)
 * ```
 */
export type HeadsetBridgeState = 'stopped' | 'following' | 'parallel' | 'disposed';

/** Per-adapter life cycle inside the bridge. */
export type HeadsetSlotState = 'off' | 'starting' | 'running' | 'waiting';

export interface HeadsetVendorStatus {
  vendor: HeadsetVendor;
  enabled: boolean;
  slot: HeadsetSlotState;
  /** the adapter's own current report */
  adapter: HeadsetAdapterStatus;
  /** why the adapter is `waiting` (unavailable or failed), for the settings page */
  reason?: string;
  devices: HeadsetDevice[];
  /** epoch ms of the next restart attempt while `waiting` with a retryable reason */
  retryAt?: number;
}

export interface HeadsetBridgeStatus {
  state: HeadsetBridgeState;
  vendors: HeadsetVendorStatus[];
}

/** What the bridge did with one headset request (for logs, tests, diagnostics). */
export interface HeadsetRequestOutcome {
  vendor: HeadsetVendor;
  request: HeadsetRequest;
  /** the call action taken, or undefined when ignored */
  action?: 'answer' | 'reject' | 'hangup' | 'mute' | 'unmute' | 'hold' | 'resume' | 'redial';
  ignored?: 'parallel-calls' | 'not-applicable' | 'duplicate' | 'adapter-not-running' | 'unsupported';
}

export interface HeadsetBridgeOptions {
  /** at most one adapter per vendor */
  adapters: readonly HeadsetAdapter[];
  control: HeadsetCallControl;
  clock?: Clock;
  logger?: HeadsetLogger;
  /** restart backoff of a failed adapter (default: base 1 s, cap 60 s, full jitter) */
  createRestartPolicy?: () => ReconnectPolicy;
  /** an adapter that ran this long before failing restarts from the base delay again (default 30 s) */
  stableMs?: number;
  /** the same request from a second vendor within this window is a duplicate (default 400 ms) */
  duplicateWindowMs?: number;
}

interface Slot {
  readonly adapter: HeadsetAdapter;
  readonly policy: ReconnectPolicy;
  enabled: boolean;
  state: HeadsetSlotState;
  /** bumped on every start/stop so late results of an older run are dropped */
  generation: number;
  devices: HeadsetDevice[];
  retryTimer: TimerHandle | undefined;
  retryAt: number | undefined;
  reason: string | undefined;
  runningSince: number | undefined;
  /** last state handed to the adapter in this run */
  applied: HeadsetCallState | undefined;
  /** setCallState calls are chained so a hub sees them in order */
  queue: Promise<void>;
}

/**
 * Runs the enabled headset adapters together, keeps their indicators in line
 * with the calls and turns headset buttons into call actions (SPEC G3). An
 * adapter error never escapes: it is logged, the adapter is stopped and
 * started again with backoff. Pure Node; see README.md in this folder.
 */
export class HeadsetBridge {
  private readonly control: HeadsetCallControl;
  private readonly clock: Clock;
  private readonly log: HeadsetLogger;
  private readonly stableMs: number;
  private readonly duplicateWindowMs: number;
  private readonly slots = new Map<HeadsetVendor, Slot>();
  private readonly subscriptions: Unsubscribe[] = [];
  private follow: HeadsetFollow = { mode: 'following', state: IDLE_HEADSET_STATE };
  private disposed = false;
  private lastRequest: { vendor: HeadsetVendor; key: string; at: number } | undefined;

  private readonly didChangeStatus = new TypedEmitter<HeadsetBridgeStatus>();
  private readonly didChangeDevices = new TypedEmitter<HeadsetDevice[]>();
  private readonly didHandleRequest = new TypedEmitter<HeadsetRequestOutcome>();
  /** fires whenever the bridge state, an adapter state or a device list changes */
  readonly onDidChangeStatus = this.didChangeStatus.event;
  /** every connected headset of every running adapter */
  readonly onDidChangeDevices = this.didChangeDevices.event;
  readonly onDidHandleRequest = this.didHandleRequest.event;

  constructor(options: HeadsetBridgeOptions) {
    this.control = options.control;
    this.clock = options.clock ?? systemClock;
    this.log = options.logger ?? (() => undefined);
    this.stableMs = options.stableMs ?? 30_000;
    this.duplicateWindowMs = options.duplicateWindowMs ?? 400;
    const createPolicy = options.createRestartPolicy ?? (() => new ReconnectPolicy({ baseMs: 1_000, capMs: 60_000 }));
    for (const adapter of options.adapters) {
      if (this.slots.has(adapter.vendor)) throw new Error(`two headset adapters for vendor ${adapter.vendor}`);
      const slot: Slot = {
        adapter,
        policy: createPolicy(),
        enabled: false,
        state: 'off',
        generation: 0,
        devices: [],
        retryTimer: undefined,
        retryAt: undefined,
        reason: undefined,
        runningSince: undefined,
        applied: undefined,
        queue: Promise.resolve(),
      };
      this.slots.set(adapter.vendor, slot);
      this.subscriptions.push(
        adapter.onDidChangeStatus((s) => this.onAdapterStatus(slot, s)),
        adapter.onDidRequest((r) => this.onRequest(slot, r)),
        adapter.onDidChangeDevices((d) => this.onDevices(slot, d)),
      );
    }
  }

  /** `stopped` while no adapter is enabled, otherwise `following` or `parallel`. */
  get state(): HeadsetBridgeState {
    if (this.disposed) return 'disposed';
    if (![...this.slots.values()].some((s) => s.enabled)) return 'stopped';
    return this.follow.mode;
  }

  /** The state the headsets currently show (idle while calls run in parallel). */
  get headsetState(): HeadsetCallState {
    return this.follow.state;
  }

  get status(): HeadsetBridgeStatus {
    const vendors: HeadsetVendorStatus[] = [];
    for (const vendor of HEADSET_VENDORS) {
      const slot = this.slots.get(vendor);
      if (!slot) continue;
      vendors.push({
        vendor,
        enabled: slot.enabled,
        slot: slot.state,
        adapter: slot.adapter.status,
        devices: [...slot.devices],
        ...(slot.reason !== undefined ? { reason: slot.reason } : {}),
        ...(slot.retryAt !== undefined ? { retryAt: slot.retryAt } : {}),
      });
    }
    return { state: this.state, vendors };
  }

  /** Every device of every running adapter. */
  get devices(): HeadsetDevice[] {
    return [...this.slots.values()].flatMap((s) => s.devices);
  }

  /**
   * Starts the adapters switched on and stops the others (VoIP settings,
   * SPEC G3). Resolves once every start/stop has settled; never rejects for an
   * adapter problem. A vendor without an adapter is ignored.
   * @throws after {@link HeadsetBridge.dispose}
   */
  async configure(settings: HeadsetVendorSettings): Promise<void> {
    this.assertUsable('configure');
    const work: Promise<void>[] = [];
    for (const slot of this.slots.values()) {
      const wanted = settings[slot.adapter.vendor];
      if (wanted && !slot.enabled) {
        slot.enabled = true;
        slot.policy.reset();
        work.push(this.startSlot(slot));
      } else if (!wanted && slot.enabled) {
        slot.enabled = false;
        work.push(this.stopSlot(slot));
      }
    }
    this.fireStatus();
    await Promise.all(work);
  }

  /**
   * The calls feed: give it every new call list (`calls.onDidChange`). Pushes
   * the resulting indicator state to every running adapter.
   * @throws after {@link HeadsetBridge.dispose}
   */
  updateCalls(calls: readonly CallView[]): void {
    this.assertUsable('updateCalls');
    const next = followCalls(calls);
    const changed = next.mode !== this.follow.mode || !sameHeadsetState(next.state, this.follow.state);
    if (next.mode !== this.follow.mode) {
      this.log('info', `headset: ${next.mode === 'parallel' ? 'suspended, calls in parallel' : 'following the call'}`);
    }
    this.follow = next;
    if (!changed) return;
    for (const slot of this.slots.values()) {
      if (slot.state === 'running') this.pushState(slot);
    }
    this.fireStatus();
  }

  /** Stops every adapter and timer; the bridge cannot be used afterwards. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    for (const off of this.subscriptions.splice(0)) off();
    await Promise.all([...this.slots.values()].map((slot) => ((slot.enabled = false), this.stopSlot(slot))));
    this.didChangeStatus.dispose();
    this.didChangeDevices.dispose();
    this.didHandleRequest.dispose();
  }

  // ------------------------------------------------------------------ adapter life cycle

  private async startSlot(slot: Slot): Promise<void> {
    this.clearRetry(slot);
    const generation = ++slot.generation;
    slot.state = 'starting';
    slot.applied = undefined;
    this.fireStatus();
    try {
      await slot.adapter.start();
    } catch (error) {
      if (generation !== slot.generation) return;
      await this.failSlot(slot, `start failed: ${describeError(error)}`, true);
      return;
    }
    if (generation !== slot.generation) return;
    const status = slot.adapter.status;
    switch (status.state) {
      case 'running':
        slot.state = 'running';
        slot.reason = undefined;
        slot.runningSince = this.clock.now();
        this.log('info', `headset: ${slot.adapter.vendor} adapter running`);
        this.pushState(slot);
        this.fireStatus();
        return;
      case 'unavailable':
        await this.failSlot(slot, status.reason, status.retryable);
        return;
      case 'failed':
        await this.failSlot(slot, status.reason, true);
        return;
      case 'stopped':
      case 'starting':
        await this.failSlot(slot, `adapter ended start() in state ${status.state}`, true);
        return;
      default:
        assertNever(status, 'unknown adapter status');
    }
  }

  private async stopSlot(slot: Slot): Promise<void> {
    this.clearRetry(slot);
    slot.generation++;
    slot.state = 'off';
    slot.reason = undefined;
    slot.runningSince = undefined;
    slot.applied = undefined;
    await this.safeStop(slot);
    this.setDevices(slot, []);
    this.fireStatus();
  }

  /** Stops a broken adapter and, when it may help, schedules a restart with backoff. */
  private async failSlot(slot: Slot, reason: string, retryable: boolean): Promise<void> {
    const generation = ++slot.generation;
    const ranFor = slot.runningSince === undefined ? 0 : this.clock.now() - slot.runningSince;
    slot.state = 'waiting';
    slot.reason = reason;
    slot.runningSince = undefined;
    slot.applied = undefined;
    this.fireStatus();
    await this.safeStop(slot);
    if (generation !== slot.generation || !slot.enabled || this.disposed) return;
    this.setDevices(slot, []);
    if (!retryable) {
      this.log('warn', `headset: ${slot.adapter.vendor} unavailable: ${reason}`);
      this.fireStatus();
      return;
    }
    if (ranFor >= this.stableMs) slot.policy.reset();
    const delay = slot.policy.nextDelayMs();
    this.log('warn', `headset: ${slot.adapter.vendor} adapter down (${reason}); restart in ${delay} ms`);
    slot.retryAt = this.clock.now() + delay;
    slot.retryTimer = this.clock.setTimeout(() => {
      slot.retryTimer = undefined;
      slot.retryAt = undefined;
      if (slot.enabled && !this.disposed && slot.generation === generation) void this.startSlot(slot);
    }, delay);
    this.fireStatus();
  }

  private async safeStop(slot: Slot): Promise<void> {
    try {
      await slot.adapter.stop();
    } catch (error) {
      this.log('warn', `headset: ${slot.adapter.vendor} stop failed: ${describeError(error)}`);
    }
  }

  private clearRetry(slot: Slot): void {
    if (slot.retryTimer !== undefined) this.clock.clearTimeout(slot.retryTimer);
    slot.retryTimer = undefined;
    slot.retryAt = undefined;
  }

  private onAdapterStatus(slot: Slot, status: HeadsetAdapterStatus): void {
    // During start() the outcome is read when start() settles; when off or
    // waiting, the adapter's own reports change nothing.
    if (slot.state === 'running' && (status.state === 'failed' || status.state === 'unavailable')) {
      const retryable = status.state === 'failed' || status.retryable;
      void this.failSlot(slot, status.reason, retryable);
      return;
    }
    this.fireStatus();
  }

  private onDevices(slot: Slot, devices: HeadsetDevice[]): void {
    if (slot.state !== 'running' && slot.state !== 'starting') return;
    this.setDevices(slot, devices);
    this.fireStatus();
  }

  private setDevices(slot: Slot, devices: HeadsetDevice[]): void {
    const before = slot.devices.map((d) => d.id).join('\n');
    slot.devices = devices.map((d) => ({ ...d }));
    if (slot.devices.map((d) => d.id).join('\n') !== before) {
      this.log('info', `headset: ${slot.adapter.vendor} devices: ${devices.map((d) => d.name).join(', ') || 'none'}`);
      this.didChangeDevices.fire(this.devices);
    }
  }

  // ------------------------------------------------------------------ indicators

  private pushState(slot: Slot): void {
    const state = this.follow.state;
    if (slot.applied && sameHeadsetState(slot.applied, state)) return;
    slot.applied = state;
    const generation = slot.generation;
    slot.queue = slot.queue.then(async () => {
      if (generation !== slot.generation || slot.state !== 'running') return;
      try {
        await slot.adapter.setCallState(state);
      } catch (error) {
        if (generation !== slot.generation) return;
        await this.failSlot(slot, `setCallState failed: ${describeError(error)}`, true);
      }
    });
  }

  // ------------------------------------------------------------------ requests

  private onRequest(slot: Slot, request: HeadsetRequest): void {
    const vendor = slot.adapter.vendor;
    if (this.disposed || !slot.enabled || slot.state !== 'running') {
      this.outcome({ vendor, request, ignored: 'adapter-not-running' });
      return;
    }
    if (this.follow.mode === 'parallel') {
      this.outcome({ vendor, request, ignored: 'parallel-calls' });
      return;
    }
    const now = this.clock.now();
    const key = JSON.stringify(request);
    const last = this.lastRequest;
    this.lastRequest = { vendor, key, at: now };
    if (last && last.vendor !== vendor && last.key === key && now - last.at < this.duplicateWindowMs) {
      // One physical button seen by two adapters (e.g. a Jabra headset is also a HID telephony device).
      this.outcome({ vendor, request, ignored: 'duplicate' });
      return;
    }
    this.act(vendor, request, this.follow.state);
  }

  private act(vendor: HeadsetVendor, request: HeadsetRequest, state: HeadsetCallState): void {
    const id = state.callId;
    const inCall = state.phase === 'active' || state.phase === 'held';
    const run = (action: NonNullable<HeadsetRequestOutcome['action']>, fn: () => Promise<void>): void => {
      this.outcome({ vendor, request, action });
      fn().catch((error: unknown) => this.log('warn', `headset: ${action} failed: ${describeError(error)}`));
    };
    const skip = (ignored: NonNullable<HeadsetRequestOutcome['ignored']> = 'not-applicable'): void =>
      this.outcome({ vendor, request, ignored });
    switch (request.type) {
      case 'answer':
        if (state.phase === 'ringing' && id) return run('answer', () => this.control.answer(id));
        return skip();
      case 'reject':
        if (state.phase === 'ringing' && id) return run('reject', () => this.control.reject(id));
        return skip();
      case 'hangup':
        // Many headsets report a long press while ringing as hook-on/drop: that declines the call.
        if (state.phase === 'ringing' && id) return run('reject', () => this.control.reject(id));
        if (inCall && id) return run('hangup', () => this.control.hangup(id));
        return skip();
      case 'toggle-mute':
        if (inCall && id) return run(state.muted ? 'unmute' : 'mute', () => this.control.setMuted(id, !state.muted));
        return skip();
      case 'mute':
        if (inCall && id && request.muted !== state.muted) {
          return run(request.muted ? 'mute' : 'unmute', () => this.control.setMuted(id, request.muted));
        }
        return skip();
      case 'flash':
        return this.hold(state, state.phase === 'active', run, skip);
      case 'hold':
        return this.hold(state, request.held, run, skip);
      case 'redial': {
        const redial = this.control.redial?.bind(this.control);
        if (!redial) return skip('unsupported');
        if (state.phase === 'idle') return run('redial', redial);
        return skip();
      }
      default:
        return assertNever(request, 'unknown headset request');
    }
  }

  private hold(
    state: HeadsetCallState,
    wantHeld: boolean,
    run: (action: 'hold' | 'resume', fn: () => Promise<void>) => void,
    skip: (why?: 'not-applicable' | 'unsupported') => void,
  ): void {
    const setHold = this.control.setHold?.bind(this.control);
    const id = state.callId;
    if (!setHold) return skip('unsupported');
    if (!id) return skip();
    if (wantHeld && state.phase === 'active') return run('hold', () => setHold(id, true));
    if (!wantHeld && state.phase === 'held') return run('resume', () => setHold(id, false));
    return skip();
  }

  private outcome(outcome: HeadsetRequestOutcome): void {
    const what = outcome.action ?? `ignored (${outcome.ignored ?? 'unknown'})`;
    this.log('info', `headset: ${outcome.vendor} ${JSON.stringify(outcome.request)} → ${what}`);
    this.didHandleRequest.fire(outcome);
  }

  private fireStatus(): void {
    if (this.disposed) return;
    this.didChangeStatus.fire(this.status);
  }

  private assertUsable(what: string): void {
    if (this.disposed) throw new Error(`HeadsetBridge.${what} after dispose`);
  }
}
