import type { CallDirection, CallEndReason, CallView } from '../../src-preload/contract/ipc-contract';
import {
  CallEvent,
  CallState,
  CallStateError,
  initialCallState,
  transition,
  type PhoneCall,
  type PhoneEngine,
  type RegistrationState,
  type SipEngineOptions,
} from '../../src-main/core/features/calls';
import type { Clock } from '../../src-main/core/platform/clock';
import { TypedEmitter } from '../../src-main/core/platform/typed-emitter';

let nextId = 0;

/** A call driven by the test through its SIP-side methods (remoteAnswer, remoteHangup…). */
export class FakeCall implements PhoneCall {
  readonly id = `fake-${++nextId}`;
  /** the media host session a local conference mixes (SPEC F3) */
  readonly mediaSessionId = `media-${this.id}`;
  readonly peerName: string | undefined;
  readonly startedAt: number;
  state: CallState;
  answeredAt: number | undefined;
  endedAt: number | undefined;
  endReason: CallEndReason | undefined;
  held = false;
  muted = false;
  readonly dtmf: string[] = [];
  /** SIP Call-ID (set by incoming(…, { sipCallId })) */
  sipCallId: string | undefined;
  /** a pickup the proxy re-targeted to us: whose call it was (X-UC-Pickup, SPEC D3) */
  pickedUpFrom: string | undefined;
  /** where deflect()/transfer() sent the call */
  sentTo: { how: 'deflect' | 'transfer'; uri: string } | { how: 'connect'; callId: string } | undefined;
  private readonly changed = new TypedEmitter<unknown>();
  private readonly ended = new TypedEmitter<unknown>();
  readonly onDidChange = this.changed.event;
  readonly onDidEnd = this.ended.event;

  constructor(
    readonly direction: CallDirection,
    readonly peer: string,
    private readonly clock: Clock,
    peerName?: string,
  ) {
    this.peerName = peerName;
    this.state = initialCallState(direction);
    this.startedAt = clock.now();
  }

  go(event: CallEvent): void {
    this.state = transition(this.state, event);
    this.changed.fire(this);
  }
  remoteRinging(): void {
    this.go(CallEvent.Progress);
  }
  /** set by remoteAnswer(true): the voicemail service answered */
  answeredByVoicemail = false;
  remoteAnswer(byVoicemail = false): void {
    this.answeredByVoicemail = byVoicemail;
    this.answeredAt = this.clock.now();
    this.go(CallEvent.Accepted);
  }
  end(reason: CallEndReason): void {
    this.endReason = reason;
    this.endedAt = this.clock.now();
    this.go(CallEvent.Ended);
    this.ended.fire(this);
  }

  async answer(): Promise<void> {
    if (this.state !== CallState.RingingIn) throw new CallStateError('not ringing');
    this.go(CallEvent.Answer);
    this.answeredAt = this.clock.now();
    this.go(CallEvent.Accepted);
  }
  async reject(): Promise<void> {
    if (this.state !== CallState.RingingIn) throw new CallStateError('not ringing');
    this.go(CallEvent.Terminate);
    this.end('rejected');
  }
  async hangup(): Promise<void> {
    const before = this.state;
    if (before === CallState.Terminated) return;
    this.go(CallEvent.Terminate);
    this.end(before === CallState.Dialing || before === CallState.RingingOut ? 'cancelled' : 'local-hangup');
  }
  /** set by a test: the next setHold fails with this error (a re-INVITE refused) */
  holdFailure: Error | undefined;
  /** every setHold, in order (call waiting holds before answering/dialing) */
  readonly holdLog: boolean[] = [];
  async setHold(hold: boolean): Promise<void> {
    this.holdLog.push(hold);
    if (this.holdFailure) throw this.holdFailure;
    if (this.state === (hold ? CallState.Held : CallState.Established)) return;
    this.held = hold;
    this.go(hold ? CallEvent.Hold : CallEvent.Resume);
  }
  async setMuted(muted: boolean): Promise<void> {
    this.muted = muted;
    this.changed.fire(this);
  }
  async sendDtmf(tones: string): Promise<void> {
    if (this.state !== CallState.Established) throw new CallStateError('not established');
    this.dtmf.push(tones);
  }
  async deflect(uri: string): Promise<void> {
    if (this.state !== CallState.RingingIn) throw new CallStateError('not ringing');
    this.sentTo = { how: 'deflect', uri };
    this.go(CallEvent.Terminate);
    this.end('deflected');
  }
  async transfer(uri: string): Promise<void> {
    if (this.state !== CallState.Established && this.state !== CallState.Held) throw new CallStateError('not answered');
    this.sentTo = { how: 'transfer', uri };
    this.go(CallEvent.Terminate);
    this.end('transferred');
  }
  async transferToCall(other: PhoneCall): Promise<void> {
    const answered = (s: CallState) => s === CallState.Established || s === CallState.Held;
    if (!answered(this.state) || !answered(other.state)) throw new CallStateError('not answered');
    this.sentTo = { how: 'connect', callId: other.id };
    this.go(CallEvent.Terminate);
    this.end('transferred');
    if (other instanceof FakeCall) {
      other.go(CallEvent.Terminate);
      other.end('transferred');
    }
  }
  toView(): CallView {
    const v: CallView = {
      id: this.id,
      direction: this.direction,
      peer: this.peer,
      state: this.state,
      held: this.held,
      remoteHeld: false,
      muted: this.muted,
      startedAt: this.startedAt,
    };
    if (this.peerName) v.peerName = this.peerName;
    if (this.answeredAt !== undefined) v.answeredAt = this.answeredAt;
    if (this.answeredByVoicemail) v.answeredByVoicemail = true;
    if (this.endedAt !== undefined) v.endedAt = this.endedAt;
    if (this.endReason !== undefined) v.endReason = this.endReason;
    return v;
  }
}

/** An engine whose registration outcome the test decides. */
export class FakeEngine implements PhoneEngine {
  registration: RegistrationState = { status: 'stopped' };
  readonly dialed: string[] = [];
  stopped = false;
  private readonly calls = new Map<string, FakeCall>();
  private readonly changed = new TypedEmitter<RegistrationState>();
  private readonly created = new TypedEmitter<PhoneCall>();
  readonly onDidChangeRegistration = this.changed.event;
  readonly onDidCreateCall = this.created.event;
  private resolveStart: ((s: RegistrationState) => void) | undefined;

  constructor(
    readonly options: SipEngineOptions,
    private readonly clock: Clock,
    /** outcome of start(); undefined = never settles (test settles via setRegistration) */
    private readonly outcome: RegistrationState['status'] | undefined,
  ) {}

  start(): Promise<RegistrationState> {
    this.setRegistration({ status: 'connecting' });
    if (this.outcome) {
      this.setRegistration({ status: this.outcome });
      return Promise.resolve(this.registration);
    }
    return new Promise((resolve) => {
      this.resolveStart = resolve;
    });
  }
  setRegistration(r: RegistrationState): void {
    this.registration = r;
    this.changed.fire(r);
    if (r.status !== 'connecting' && this.resolveStart) {
      this.resolveStart(r);
      this.resolveStart = undefined;
    }
  }
  async stop(): Promise<void> {
    this.stopped = true;
    for (const c of this.calls.values()) if (c.state !== CallState.Terminated) await c.hangup();
    this.setRegistration({ status: 'stopped' });
  }
  dial(target: string, options: { peerName?: string } = {}): PhoneCall {
    if (this.registration.status !== 'registered') throw new Error('not registered');
    this.dialed.push(target);
    return this.add(new FakeCall('outgoing', target, this.clock, options.peerName));
  }
  incoming(peer: string, peerName?: string, sip: { sipCallId?: string; pickedUpFrom?: string } = {}): FakeCall {
    const call = new FakeCall('incoming', peer, this.clock, peerName);
    call.sipCallId = sip.sipCallId;
    call.pickedUpFrom = sip.pickedUpFrom;
    return this.add(call);
  }
  getCall(id: string): PhoneCall | undefined {
    return this.calls.get(id);
  }
  sipUri(target: string): string {
    return target.startsWith('sip:') ? target : `sip:${target}@${this.options.domain}`;
  }
  private add(call: FakeCall): FakeCall {
    this.calls.set(call.id, call);
    this.created.fire(call);
    return call;
  }
}
