import { assertNever } from '../../../../../../src-preload/contract/platform/assert-never';
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
  PolyHubClient,
  PolyHubError,
  type PolyHubClientOptions,
  type SpokesCallEvent,
  type SpokesDeviceInfo,
} from './poly-hub-client';

/** `CallServices/CallEvents` action codes (Spokes `CallStateEventType`). */
export const POLY_ACTION = {
  AcceptCall: 1,
  TerminateCall: 2,
  HoldCall: 3,
  ResumeCall: 4,
  Flash: 5,
  CallInProgress: 6,
  CallRinging: 7,
  CallEnded: 8,
  Mute: 11,
  Unmute: 12,
  RejectCall: 23,
} as const;

export interface PolyAdapterOptions extends PolyHubClientOptions {
  /** plugin name registered with the Hub (shown in Poly Lens/Hub) */
  pluginName?: string;
  /** CallEvents polling period, ms (default 500) */
  pollMs?: number;
  /** device list refresh (plug/unplug), every n-th poll (default 4) */
  deviceEveryPolls?: number;
  /** an echo of our own command is dropped if it comes back within this time, ms (default 3 000) */
  echoWindowMs?: number;
  clock?: Clock;
  logger?: HeadsetLogger;
  /** seam (default: a {@link PolyHubClient} over the options above) */
  client?: Pick<PolyHubClient, 'call' | 'baseUrl'>;
}

/**
 * Poly/Plantronics headsets through the Poly Hub REST API (SPEC G3).
 *
 * Registers a plugin session, tells the Hub about our call (IncomingCall,
 * OutgoingCall, AnswerCall, HoldCall, ResumeCall, MuteCall, TerminateCall) so
 * the headset rings and shows mute, and polls `CallEvents` for what the user
 * did on the headset. The Hub not running → `unavailable` (retryable): the
 * bridge tries again with backoff. Polling stops on stop().
 */
export class PolyAdapter extends HeadsetAdapterBase {
  readonly vendor = 'poly' as const;
  private readonly client: Pick<PolyHubClient, 'call' | 'baseUrl'>;
  private readonly name: string;
  private readonly pollMs: number;
  private readonly deviceEveryPolls: number;
  private readonly echoWindowMs: number;
  private readonly clock: Clock;
  private readonly log: HeadsetLogger;
  private pollTimer: TimerHandle | undefined;
  private polling: Promise<void> | undefined;
  private polls = 0;
  private registered = false;
  private session: string | undefined;
  private deviceList: HeadsetDevice[] = [];
  /** the state the Hub was last told */
  private told: HeadsetCallState = IDLE_HEADSET_STATE;
  /** Hub call id of our call (Spokes wants an integer) */
  private hubCallId: number | undefined;
  private nextHubCallId: number;
  /** actions our own commands make the Hub report back, with their deadline */
  private expectedEchoes: Array<{ action: number; until: number }> = [];

  constructor(options: PolyAdapterOptions = {}) {
    super();
    this.client = options.client ?? new PolyHubClient(options);
    this.name = options.pluginName ?? 'Switchboard';
    this.pollMs = options.pollMs ?? 500;
    this.deviceEveryPolls = Math.max(1, options.deviceEveryPolls ?? 4);
    this.echoWindowMs = options.echoWindowMs ?? 3_000;
    this.clock = options.clock ?? systemClock;
    this.log = options.logger ?? (() => undefined);
    // Distinct ids across app restarts, so a Hub still holding an old call does not confuse them.
    this.nextHubCallId = (Math.floor(this.clock.now() / 1000) % 1_000_000) * 100 + 1;
  }

  get devices(): HeadsetDevice[] {
    return [...this.deviceList];
  }

  protected async open(generation: number): Promise<void> {
    await this.register();
    if (!this.isCurrent(generation)) return;
    await this.refreshDevices();
  }

  protected unavailable(error: unknown): { reason: string; retryable: boolean } {
    const unreachable = error instanceof PolyHubError && error.kind === 'unreachable';
    return {
      reason: unreachable ? `Poly Hub is not running (${describeError(error)})` : describeError(error),
      retryable: true,
    };
  }

  protected override opened(generation: number): void {
    this.schedulePoll(generation);
  }

  protected async close(): Promise<void> {
    if (this.pollTimer !== undefined) this.clock.clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    await this.polling?.catch(() => undefined);
    if (this.registered) {
      // Best effort: the Hub may already be gone.
      if (this.hubCallId !== undefined && this.told.phase !== 'idle') {
        await this.quiet('CallServices/TerminateCall', { name: this.name, callID: this.callIdJson() });
      }
      if (this.session) await this.quiet('DeviceServices/Release', { sess: this.session });
      await this.quiet('SessionManager/UnRegister', { name: this.name });
    }
    this.registered = false;
    this.session = undefined;
    this.told = IDLE_HEADSET_STATE;
    this.hubCallId = undefined;
    this.expectedEchoes = [];
    if (this.deviceList.length > 0) {
      this.deviceList = [];
      this.didChangeDevices.fire([]);
    }
  }

  /**
   * Tells the Hub how our call moved. Hub refusals are logged (the call goes
   * on without the headset); an unreachable Hub rejects so the bridge restarts us.
   */
  async setCallState(state: HeadsetCallState): Promise<void> {
    const before = this.told;
    this.told = state;
    const sameCall = before.phase !== 'idle' && before.callId === state.callId;
    if (before.phase !== 'idle' && !sameCall) {
      await this.command('CallServices/TerminateCall', { callID: this.callIdJson() }, POLY_ACTION.TerminateCall);
      this.hubCallId = undefined;
    }
    const contact = JSON.stringify({ Name: state.peer ?? '' });
    switch (state.phase) {
      case 'idle':
        // the previous call, if any, was terminated above (an idle state never has the same call id)
        this.hubCallId = undefined;
        return;
      case 'ringing':
        if (!sameCall) {
          this.hubCallId = this.nextHubCallId++;
          await this.command('CallServices/IncomingCall', {
            callID: this.callIdJson(),
            contact,
            tones: 'Unknown',
            route: 'ToHeadset',
          });
        }
        return;
      case 'active':
      case 'held': {
        if (!sameCall) {
          this.hubCallId = this.nextHubCallId++;
          await this.command('CallServices/OutgoingCall', { callID: this.callIdJson(), contact, route: 'ToHeadset' });
        } else if (before.phase === 'ringing') {
          await this.command('CallServices/AnswerCall', { callID: this.callIdJson() }, POLY_ACTION.AcceptCall);
        }
        const wasHeld = sameCall && before.phase === 'held';
        if (state.phase === 'held' && !wasHeld) {
          await this.command('CallServices/HoldCall', { callID: this.callIdJson() }, POLY_ACTION.HoldCall);
        } else if (state.phase === 'active' && wasHeld) {
          await this.command('CallServices/ResumeCall', { callID: this.callIdJson() }, POLY_ACTION.ResumeCall);
        }
        const wasMuted = sameCall && (before.phase === 'active' || before.phase === 'held') && before.muted;
        if (state.muted !== wasMuted) {
          await this.command(
            'CallServices/MuteCall',
            { muted: state.muted },
            state.muted ? POLY_ACTION.Mute : POLY_ACTION.Unmute,
          );
        }
        return;
      }
      default:
        assertNever(state.phase, 'unknown headset phase');
    }
  }

  // ------------------------------------------------------------------ Hub session

  private async register(): Promise<void> {
    try {
      await this.client.call<boolean>('SessionManager/Register', { name: this.name });
    } catch (error) {
      // A plugin left registered by a previous run (crash) is fine: reuse it.
      if (!(error instanceof PolyHubError && error.kind === 'refused' && /exist/i.test(error.message))) throw error;
    }
    this.registered = true;
    await this.client.call<boolean>('SessionManager/IsActive', { name: this.name, active: true });
  }

  private async refreshDevices(): Promise<void> {
    let info: SpokesDeviceInfo | undefined;
    try {
      info = await this.client.call<SpokesDeviceInfo>('DeviceServices/Info');
    } catch (error) {
      // "no supported devices": nothing plugged in; anything but unreachable means the same for us.
      if (error instanceof PolyHubError && error.kind === 'unreachable') throw error;
      info = undefined;
    }
    const devices: HeadsetDevice[] =
      info && info.Uid ? [{ vendor: 'poly', id: String(info.Uid), name: info.ProductName ?? 'Poly headset' }] : [];
    const changed = devices.map((d) => d.id).join() !== this.deviceList.map((d) => d.id).join();
    if (!changed) return;
    if (this.session) await this.quiet('DeviceServices/Release', { sess: this.session });
    this.session = undefined;
    this.deviceList = devices;
    const device = devices[0];
    if (device) {
      try {
        this.session = await this.client.call<string>('DeviceServices/Attach', { uid: device.id });
      } catch (error) {
        if (error instanceof PolyHubError && error.kind === 'unreachable') throw error;
        this.log('warn', `headset/poly: attach ${device.name}: ${describeError(error)}`);
      }
      this.log('info', `headset/poly: ${device.name} plugged`);
    } else {
      this.log('info', 'headset/poly: no device');
    }
    this.didChangeDevices.fire(this.devices);
  }

  // ------------------------------------------------------------------ polling

  private schedulePoll(generation: number): void {
    this.pollTimer = this.clock.setTimeout(() => {
      this.pollTimer = undefined;
      if (!this.isCurrent(generation)) return;
      const pass = this.poll(generation).then(
        () => {
          if (this.isCurrent(generation)) this.schedulePoll(generation);
        },
        (error: unknown) => {
          if (!this.isCurrent(generation)) return;
          this.fail(describeError(error));
        },
      );
      this.polling = pass.finally(() => {
        if (this.polling === pass) this.polling = undefined;
      });
    }, this.pollMs);
  }

  private async poll(generation: number): Promise<void> {
    this.polls++;
    // Any failure here (Hub gone, or restarted and forgot our plugin) fails the adapter: the bridge restarts it.
    const events = await this.client.call<SpokesCallEvent[] | null>('CallServices/CallEvents', { name: this.name });
    if (!this.isCurrent(generation)) return;
    for (const event of Array.isArray(events) ? events : []) this.onEvent(event);
    if (this.polls % this.deviceEveryPolls === 0) await this.refreshDevices();
  }

  private onEvent(event: SpokesCallEvent): void {
    const id = event.CallId?.Id;
    if (id !== undefined && Number(id) !== this.hubCallId) return; // an older call of ours
    if (this.consumeEcho(event.Action)) return;
    const request = this.translate(event.Action);
    if (request) this.didRequest.fire(request);
  }

  private translate(action: number): HeadsetRequest | undefined {
    const phase = this.told.phase;
    const inCall = phase === 'active' || phase === 'held';
    switch (action) {
      case POLY_ACTION.AcceptCall:
        return phase === 'ringing' ? { type: 'answer' } : undefined;
      case POLY_ACTION.RejectCall:
        return phase === 'ringing' ? { type: 'reject' } : undefined;
      case POLY_ACTION.TerminateCall:
        return phase !== 'idle' ? { type: 'hangup' } : undefined;
      case POLY_ACTION.HoldCall:
        return inCall ? { type: 'hold', held: true } : undefined;
      case POLY_ACTION.ResumeCall:
        return inCall ? { type: 'hold', held: false } : undefined;
      case POLY_ACTION.Flash:
        return inCall ? { type: 'flash' } : undefined;
      case POLY_ACTION.Mute:
        return inCall ? { type: 'mute', muted: true } : undefined;
      case POLY_ACTION.Unmute:
        return inCall ? { type: 'mute', muted: false } : undefined;
      default:
        // 6 CallInProgress, 7 Ringing, 8 Ended and the rest acknowledge our own commands.
        return undefined;
    }
  }

  // ------------------------------------------------------------------ commands

  /** A CallServices command for our plugin; `echo` is the action the Hub will report back for it. */
  private async command(path: string, query: Record<string, string | boolean>, echo?: number): Promise<void> {
    if (echo !== undefined) this.expectedEchoes.push({ action: echo, until: this.clock.now() + this.echoWindowMs });
    try {
      await this.client.call<boolean>(path, { name: this.name, ...query });
    } catch (error) {
      if (error instanceof PolyHubError && error.kind === 'refused') {
        this.log('warn', `headset/poly: ${describeError(error)}`);
        return;
      }
      throw error;
    }
  }

  private consumeEcho(action: number): boolean {
    const now = this.clock.now();
    this.expectedEchoes = this.expectedEchoes.filter((e) => e.until >= now);
    const index = this.expectedEchoes.findIndex((e) => e.action === action);
    if (index < 0) return false;
    this.expectedEchoes.splice(index, 1);
    return true;
  }

  private async quiet(path: string, query: Record<string, string>): Promise<void> {
    try {
      await this.client.call(path, query);
    } catch (error) {
      this.log('debug', `headset/poly: ${path}: ${describeError(error)}`);
    }
  }

  private callIdJson(): string {
    return JSON.stringify({ Id: this.hubCallId ?? 0 });
  }
}
