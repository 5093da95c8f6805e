import type { CallDirection, CallEndReason, CallView } from '../../../../../src-preload/contract/ipc-contract';
import type { Event } from '../../../platform/typed-emitter';
import type { CallState } from './call-state';
import type { RegistrationState } from './sip-engine';

/**
 * What the application layer (AppCore) needs from one call. {@link Call}
 * implements it; unit tests use a fake.
 */
export interface PhoneCall {
  readonly id: string;
  readonly direction: CallDirection;
  readonly peer: string;
  readonly peerName: string | undefined;
  readonly state: CallState;
  readonly startedAt: number;
  readonly answeredAt: number | undefined;
  /** an outgoing call answered by the voicemail service rather than the person called */
  readonly answeredByVoicemail?: boolean;
  /** RFC 5806 reason the proxy gave for diverting our outgoing call (see Call.divertedBecause) */
  readonly divertedBecause?: string | undefined;
  readonly endedAt: number | undefined;
  readonly endReason: CallEndReason | undefined;
  /** the SIP Call-ID (a pickup names the call by it, SPEC D3) */
  readonly sipCallId?: string;
  /** an incoming call the proxy re-targeted to us for a pickup: whose call it was (see Call.pickedUpFrom) */
  readonly pickedUpFrom?: string | undefined;
  /** the media host session of the call's audio, once it has one (a local conference mixes them) */
  readonly mediaSessionId?: string | undefined;
  readonly onDidChange: Event<unknown>;
  readonly onDidEnd: Event<unknown>;
  answer(): Promise<void>;
  reject(kind?: 'busy' | 'decline'): Promise<void>;
  hangup(): Promise<void>;
  setHold(hold: boolean): Promise<void>;
  setMuted(muted: boolean): Promise<void>;
  sendDtmf(tones: string): Promise<void>;
  /** 302 to `targetUri` while ringing (SPEC F2) */
  deflect(targetUri: string): Promise<void>;
  /** blind transfer to `targetUri` once answered (SPEC F3) */
  transfer(targetUri: string): Promise<void>;
  /** attended transfer: connects this call's far end with `other`'s far end (SPEC F3) */
  transferToCall(other: PhoneCall): Promise<void>;
  toView(): CallView;
}

/**
 * What the application layer needs from the SIP engine of the logged-in
 * user. {@link SipEngine} implements it; unit tests use a fake.
 */
export interface PhoneEngine {
  readonly registration: RegistrationState;
  readonly onDidChangeRegistration: Event<RegistrationState>;
  /** fires for every new call, dialled or received */
  readonly onDidCreateCall: Event<PhoneCall>;
  start(): Promise<RegistrationState>;
  stop(): Promise<void>;
  /**
   * @param options.peerName who is called, when the app knows it (directory entry, contact):
   *   the call's `peerName` (SIP carries no name for the callee)
   * @throws when not registered or the target is not a valid SIP target
   */
  dial(target: string, options?: { peerName?: string }): PhoneCall;
  getCall(id: string): PhoneCall | undefined;
  /** `target` (a user part or a sip: URI) as a full SIP URI in the user's domain */
  sipUri(target: string): string;
}
