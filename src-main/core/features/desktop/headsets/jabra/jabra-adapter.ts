import { systemClock, type Clock, type TimerHandle } from '../../../../platform/clock';
import {
  IDLE_HEADSET_STATE,
  describeError,
  type HeadsetCallState,
  type HeadsetDevice,
  type HeadsetLogger,
  type HeadsetRequest,
} from '../headset-adapter';
import { HeadsetAdapterBase } from '../headset-adapter-base';
import {
  JABRA_SIGNAL,
  JabraUnavailableError,
  loadJabraModule,
  type JabraApi,
  type JabraCallControl,
  type JabraCallControlFactory,
  type JabraDevice,
  type JabraModule,
  type JabraSignal,
  type JabraSubscription,
} from './jabra-module';

export interface JabraAdapterOptions {
  /** seam: default imports @gnaudio/jabra-js */
  loadModule?: () => Promise<JabraModule>;
  /** 3–100 chars of letters, digits, '-' and '_' (jabra-js IConfig.appId) */
  appId?: string;
  /** shown by Jabra Direct/Engage apps, e.g. in the preferred-softphone selector */
  appName?: string;
  /**
   * Partner key from the Jabra Developer Zone. Optional: without it jabra-js
   * works but warns, and coexistence with other softphones is weaker. The
   * shell reads it from the environment/build config (README).
   */
  partnerKey?: string;
  clock?: Clock;
  logger?: HeadsetLogger;
  /** longest wait for jabra-js init (connector start), ms (default 10 000) */
  initTimeoutMs?: number;
}

/** The indicator state we last set on a device (all false right after taking the lock). */
interface Applied {
  ring: boolean;
  offHook: boolean;
  mute: boolean;
  hold: boolean;
}

interface Entry {
  readonly key: string;
  readonly device: HeadsetDevice;
  readonly control: JabraCallControl;
  readonly subscriptions: JabraSubscription[];
  locked: boolean;
  /** a takeCallLock in flight */
  locking: Promise<void> | undefined;
  /** takeCallLock returned false: another softphone owns the device for this call */
  lockRefused: boolean;
  applied: Applied;
}

const NOTHING: Applied = { ring: false, offHook: false, mute: false, hold: false };

/**
 * Jabra headsets through the official @gnaudio/jabra-js SDK (SPEC G3).
 *
 * Per device: the call lock is taken when a call starts (ringing or active)
 * and released when it ends; ring/offHook/mute/hold follow the call; device
 * signals HOOK_SWITCH, REJECT_CALL, PHONE_MUTE, FLASH and REDIAL become
 * requests. Absence of the package or of its native connector makes the
 * adapter `unavailable` with the reason; nothing is thrown out.
 */
export class JabraAdapter extends HeadsetAdapterBase {
  readonly vendor = 'jabra' as const;
  private readonly loadModule: () => Promise<JabraModule>;
  private readonly appId: string;
  private readonly appName: string;
  private readonly partnerKey: string | undefined;
  private readonly clock: Clock;
  private readonly log: HeadsetLogger;
  private readonly initTimeoutMs: number;
  /** jabra-js has no shutdown: one init per adapter, reused across restarts */
  private api: JabraApi | undefined;
  private factory: JabraCallControlFactory | undefined;
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Set<string>();
  private apiSubscriptions: JabraSubscription[] = [];
  private state: HeadsetCallState = IDLE_HEADSET_STATE;

  constructor(options: JabraAdapterOptions = {}) {
    super();
    this.loadModule = options.loadModule ?? (() => loadJabraModule());
    this.appId = options.appId ?? 'switchboard';
    this.appName = options.appName ?? 'Switchboard';
    this.partnerKey = options.partnerKey || undefined;
    this.clock = options.clock ?? systemClock;
    this.log = options.logger ?? (() => undefined);
    this.initTimeoutMs = options.initTimeoutMs ?? 10_000;
  }

  get devices(): HeadsetDevice[] {
    return [...this.entries.values()].map((e) => e.device);
  }

  protected async open(generation: number): Promise<void> {
    const { api, factory } = await this.connect();
    if (!this.isCurrent(generation)) return;
    this.factory = factory;
    try {
      this.apiSubscriptions = [
        api.deviceAdded.subscribe((d) => void this.addDevice(d, generation)),
        api.deviceRemoved.subscribe((d) => this.removeDevice(deviceKey(d))),
      ];
      for (const device of api.getCurrentDevices()) void this.addDevice(device, generation);
    } catch (error) {
      throw new JabraUnavailableError(`jabra-js: ${describeError(error)}`, true);
    }
  }

  protected unavailable(error: unknown): { reason: string; retryable: boolean } {
    return {
      reason: describeError(error),
      retryable: error instanceof JabraUnavailableError ? error.retryable : true,
    };
  }

  protected async close(): Promise<void> {
    for (const s of this.apiSubscriptions.splice(0)) safely(() => s.unsubscribe());
    const had = this.entries.size > 0;
    for (const key of [...this.entries.keys()]) this.dropEntry(key);
    this.pending.clear();
    if (had) this.didChangeDevices.fire([]);
    this.state = IDLE_HEADSET_STATE;
  }

  async setCallState(state: HeadsetCallState): Promise<void> {
    this.state = state;
    await Promise.all([...this.entries.values()].map((e) => this.apply(e)));
  }

  // ------------------------------------------------------------------ SDK

  private async connect(): Promise<{ api: JabraApi; factory: JabraCallControlFactory }> {
    const module = await this.loadModule();
    if (!this.api) {
      let timer: TimerHandle | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = this.clock.setTimeout(
          () => reject(new JabraUnavailableError('Jabra device connector did not start in time', true)),
          this.initTimeoutMs,
        );
      });
      try {
        this.api = await Promise.race([
          module.init({
            appId: this.appId,
            appName: this.appName,
            ...(this.partnerKey ? { partnerKey: this.partnerKey } : {}),
            logger: { write: (e) => this.log(e.level === 'error' ? 'warn' : 'debug', `jabra-js: ${e.message}`) },
          }),
          timeout,
        ]);
      } catch (error) {
        if (error instanceof JabraUnavailableError) throw error;
        throw new JabraUnavailableError(`Jabra device connector unavailable: ${describeError(error)}`, true);
      } finally {
        this.clock.clearTimeout(timer);
      }
    }
    return { api: this.api, factory: this.factory ?? new module.CallControlFactory(this.api) };
  }

  private async addDevice(device: JabraDevice, generation: number): Promise<void> {
    const key = deviceKey(device);
    const factory = this.factory;
    if (!factory || this.entries.has(key) || this.pending.has(key)) return;
    if (!safely(() => factory.supportsCallControl(device), false)) {
      this.log('info', `headset/jabra: ${device.name} has no call control`);
      return;
    }
    this.pending.add(key);
    let control: JabraCallControl;
    try {
      control = await factory.createCallControl(device);
    } catch (error) {
      this.pending.delete(key);
      this.log('warn', `headset/jabra: ${device.name}: ${describeError(error)}`);
      return;
    }
    this.pending.delete(key);
    if (!this.isCurrent(generation)) return;
    const entry: Entry = {
      key,
      device: { vendor: 'jabra', id: key, name: device.name },
      control,
      subscriptions: [],
      locked: false,
      locking: undefined,
      lockRefused: false,
      applied: { ...NOTHING },
    };
    entry.subscriptions.push(
      control.deviceSignals.subscribe((s) => this.onSignal(entry, s)),
      control.onDisconnect.subscribe(() => {
        if (this.entries.get(key) !== entry) return;
        this.dropEntry(key);
        this.didChangeDevices.fire(this.devices);
      }),
    );
    this.entries.set(key, entry);
    this.log('info', `headset/jabra: ${device.name} plugged`);
    this.didChangeDevices.fire(this.devices);
    await this.apply(entry);
  }

  private removeDevice(key: string): void {
    if (!this.entries.has(key)) return;
    this.dropEntry(key);
    this.log('info', `headset/jabra: ${key} unplugged`);
    this.didChangeDevices.fire(this.devices);
  }

  private dropEntry(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    for (const s of entry.subscriptions.splice(0)) safely(() => s.unsubscribe());
    if (entry.locked) {
      entry.locked = false;
      safely(() => {
        entry.control.ring(false);
        entry.control.offHook(false);
      });
      safely(() => entry.control.releaseCallLock());
    }
  }

  // ------------------------------------------------------------------ indicators

  /** Brings one device in line with the call: lock first, then ring/offHook/mute/hold, or release. */
  private async apply(entry: Entry): Promise<void> {
    if (this.state.phase !== 'idle' && !entry.locked) {
      if (entry.lockRefused) return;
      // One takeCallLock at a time: the SDK throws when asked for a lock it already gave.
      entry.locking ??= this.takeLock(entry);
      await entry.locking;
      if (this.entries.get(entry.key) !== entry || !entry.locked) return;
    }
    this.sync(entry);
  }

  private async takeLock(entry: Entry): Promise<void> {
    let locked = false;
    try {
      locked = await entry.control.takeCallLock();
    } catch (error) {
      this.log('warn', `headset/jabra: ${entry.device.name} call lock: ${describeError(error)}`);
    }
    entry.locking = undefined;
    if (this.entries.get(entry.key) !== entry) {
      if (locked) safely(() => entry.control.releaseCallLock());
      return;
    }
    if (locked) {
      entry.locked = true;
      entry.applied = { ...NOTHING };
    } else {
      entry.lockRefused = true;
      this.log('info', `headset/jabra: ${entry.device.name} is used by another softphone`);
    }
  }

  /** Applies the current call state to a device (synchronously: the SDK setters are synchronous). */
  private sync(entry: Entry): void {
    const state = this.state;
    const phase = state.phase;
    if (phase === 'idle') {
      entry.lockRefused = false;
      if (!entry.locked) return;
      this.set(entry, { ...NOTHING });
      entry.locked = false;
      safely(() => entry.control.releaseCallLock());
      return;
    }
    if (!entry.locked) return;
    const inCall = phase === 'active' || phase === 'held';
    this.set(entry, {
      ring: phase === 'ringing',
      offHook: inCall,
      mute: inCall && state.muted,
      hold: phase === 'held',
    });
  }

  /** Calls only the setters whose value changes, in an order the SDK accepts (ring off before off-hook). */
  private set(entry: Entry, want: Applied): void {
    const c = entry.control;
    const a = entry.applied;
    try {
      if (a.ring !== want.ring) c.ring(want.ring);
      if (a.offHook !== want.offHook && want.offHook) c.offHook(true);
      if (a.hold !== want.hold) c.hold(want.hold);
      if (a.mute !== want.mute) c.mute(want.mute);
      if (a.offHook !== want.offHook && !want.offHook) c.offHook(false);
      entry.applied = want;
    } catch (error) {
      this.log('warn', `headset/jabra: ${entry.device.name}: ${describeError(error)}`);
    }
  }

  // ------------------------------------------------------------------ signals

  private onSignal(entry: Entry, signal: JabraSignal): void {
    // Signals are only ours while we hold the lock (another softphone may own the device).
    if (!entry.locked) return;
    const request = this.translate(signal);
    if (request) this.didRequest.fire(request);
  }

  private translate(signal: JabraSignal): HeadsetRequest | undefined {
    const phase = this.state.phase;
    const inCall = phase === 'active' || phase === 'held';
    switch (signal.type) {
      case JABRA_SIGNAL.HOOK_SWITCH:
        // true while ringing = the user accepts; true in a call is the ack of our offHook(true).
        if (signal.value && phase === 'ringing') return { type: 'answer' };
        if (!signal.value && inCall) return { type: 'hangup' };
        return undefined;
      case JABRA_SIGNAL.REJECT_CALL:
        return phase === 'ringing' ? { type: 'reject' } : undefined;
      case JABRA_SIGNAL.PHONE_MUTE:
        if (!inCall) return undefined;
        if (signal.valueType === 'relative') return signal.value ? { type: 'toggle-mute' } : undefined;
        return signal.value !== this.state.muted ? { type: 'mute', muted: signal.value } : undefined;
      case JABRA_SIGNAL.FLASH:
        return inCall && signal.value ? { type: 'flash' } : undefined;
      case JABRA_SIGNAL.REDIAL:
        return phase === 'idle' && signal.value ? { type: 'redial' } : undefined;
      default:
        return undefined;
    }
  }
}

function deviceKey(device: JabraDevice): string {
  return String(device.id);
}

function safely<T>(fn: () => T, fallback?: T): T | undefined {
  try {
    return fn();
  } catch {
    return fallback;
  }
}
