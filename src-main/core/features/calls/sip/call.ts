import { randomUUID } from 'node:crypto';
import {
  Invitation,
  Inviter,
  SessionState,
  UserAgent,
  type Info,
  type Referral,
  type Session,
  type SessionDescriptionHandler,
  type URI,
} from 'sip.js';
import type { IncomingResponse } from 'sip.js/lib/core/messages/incoming-response.js';
import { VOICEMAIL_SIP_USER } from '../../../../../src-preload/contract/voicemail/voicemail-http';
import type { CallDirection, CallEndReason, CallView } from '../../../../../src-preload/contract/ipc-contract';
import { MediaSessionDescriptionHandler, type MediaSdhOptions } from '../media/media-sdh';
import { isHoldOffer } from '../media/sdp-inspect';
import type { Clock, TimerHandle } from '../../../platform/clock';
import { TypedEmitter } from '../../../platform/typed-emitter';
import { CallEvent, CallState, canTransition, initialCallState, transition } from './call-state';
import { callerIdentity } from './caller-identity';
import { endReasonForStatus } from './end-reason';
import type { PhoneCall } from './phone-engine';
import { isCompletedElsewhere, pickupOrigin } from './pickup-headers';
import { PICKUP_SIP_HEADER } from '../../../../../src-preload/contract/calls/calls-http';

/** How DTMF leaves this client. */
export type DtmfMode =
  /** RFC 4733 telephone-events in RTP when negotiated, otherwise SIP INFO */
  | 'auto'
  /** always SIP INFO with `application/dtmf-relay` (RFC 6086 transport, legacy body) */
  | 'info';

export interface CallOptions {
  clock: Clock;
  /** the other party's name when the app knows it better than SIP (the callee of an outgoing call) */
  peerName?: string;
  /** our SIP domain: an incoming call's asserted identity in it is a colleague (see {@link callerIdentity}) */
  localDomain: string;
  dtmfMode?: DtmfMode;
  log?: (message: string) => void;
}

/** Thrown by call methods that are not allowed in the current state. */
export class CallStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CallStateError';
  }
}

/** Tone duration and gap for DTMF, ms (RFC 4733 §2.5.1.1 suggests ≥ 40 ms tones). */
const DTMF_DURATION_MS = 100;
const DTMF_GAP_MS = 70;
/** RFC 3261 §17.1.1.2 Timer B is 32 s; a re-INVITE that never completes should not hang the UI that long. */
const REINVITE_TIMEOUT_MS = 20_000;
/** Least time between the end of one re-INVITE and the next (see {@link Call.setHold}). */
const REINVITE_GAP_MS = 250;
const REINVITE_ATTEMPTS = 3;
/** How long an attended transfer waits for the target to hang up the replaced dialog itself. */
const REPLACE_WAIT_MS = 10_000;

/**
 * One phone call on top of a sip.js {@link Inviter} (outgoing) or
 * {@link Invitation} (incoming) — RFC 3261 INVITE dialogs — with its own
 * explicit {@link CallState} machine, hold (RFC 3264 §8.4 re-INVITE with
 * `a=inactive`), mute (media host only, no signalling), and DTMF (RFC 4733
 * in-band when negotiated, else SIP INFO per RFC 6086 with an
 * `application/dtmf-relay` body).
 *
 * @see https://www.rfc-editor.org/rfc/rfc3261 SIP (INVITE, CANCEL, BYE, status codes)
 * @see https://www.rfc-editor.org/rfc/rfc3264#section-8.4 putting a stream on hold
 * @see https://www.rfc-editor.org/rfc/rfc4733 RTP payload for DTMF digits
 * @see https://www.rfc-editor.org/rfc/rfc6086 SIP INFO
 * @see https://www.rfc-editor.org/rfc/rfc5407#section-3.1.4 re-INVITE / ACK race
 */
export class Call implements PhoneCall {
  /** Stable id used by the UI and the journal (not the SIP Call-ID). */
  readonly id = randomUUID();
  readonly direction: CallDirection;
  /** the other party's number, or the full URI of an external caller (see {@link callerIdentity}) */
  readonly peer: string;
  readonly peerName: string | undefined;
  /** an incoming call our proxy did not vouch for as one of our users */
  readonly external: boolean;
  readonly startedAt: number;
  /** the SIP Call-ID of the INVITE dialog (a pickup names the call by it, SPEC D3) */
  readonly sipCallId: string;
  /**
   * An incoming call the proxy re-targeted to us because we asked to pick it up: the colleague it
   * rang at (header `X-UC-Pickup`, set by the proxy only; see {@link pickupOrigin}).
   */
  readonly pickedUpFrom: string | undefined;

  private stateValue: CallState;
  private heldValue = false;
  private remoteHeldValue = false;
  private mutedValue = false;
  private answeredAtValue: number | undefined;
  private answeredByVoicemailValue = false;
  private divertedBecauseValue: string | undefined;
  private endedAtValue: number | undefined;
  private endReasonValue: CallEndReason | undefined;
  /** reason decided locally or from a final response, used when the session terminates */
  private pendingReason: CallEndReason | undefined;
  private sdh: MediaSessionDescriptionHandler | undefined;
  private holdInFlight = false;
  /** a REFER on this call was already handed to the engine (see onRefer) */
  private referred = false;
  private lastReinviteAt = 0;
  private readonly clock: Clock;
  private readonly dtmfMode: DtmfMode;
  private readonly log: (message: string) => void;

  private readonly didChange = new TypedEmitter<Call>();
  private readonly didEnd = new TypedEmitter<Call>();
  private readonly didReceiveDtmf = new TypedEmitter<string>();
  private readonly didReceiveRefer = new TypedEmitter<Referral>();
  /** Any visible property changed (state, hold, mute…). */
  readonly onDidChange = this.didChange.event;
  /** The call reached `terminated`; fires once. */
  readonly onDidEnd = this.didEnd.event;
  /** A DTMF digit arrived by SIP INFO (RFC 6086). */
  readonly onDidReceiveDtmf = this.didReceiveDtmf.event;
  /**
   * The far end asks us to call someone else (REFER, RFC 3515 — it is
   * blind-transferring us). The engine accepts it and places the new call.
   */
  readonly onDidReceiveRefer = this.didReceiveRefer.event;

  constructor(
    readonly session: Inviter | Invitation,
    options: CallOptions,
  ) {
    this.clock = options.clock;
    this.dtmfMode = options.dtmfMode ?? 'auto';
    this.log = options.log ?? (() => undefined);
    this.direction = session instanceof Inviter ? 'outgoing' : 'incoming';
    this.stateValue = initialCallState(this.direction);
    this.startedAt = this.clock.now();
    this.sipCallId = session.request.callId;
    this.pickedUpFrom =
      session instanceof Invitation ? pickupOrigin(session.request.getHeader(PICKUP_SIP_HEADER))?.from : undefined;
    const remote = session.remoteIdentity;
    if (session instanceof Invitation) {
      // who calls is what our proxy asserted, not what the caller claims (issue #10)
      const caller = callerIdentity(
        { uri: remote.uri, displayName: remote.displayName },
        session.request.getHeader('P-Asserted-Identity'),
        options.localDomain,
      );
      this.peer = caller.peer;
      this.peerName = options.peerName?.trim() || caller.name;
      this.external = caller.external;
    } else {
      this.peer = remote.uri.user ?? remote.uri.host;
      const name = remote.displayName?.trim();
      // an outgoing INVITE's To carries no name: the one the app passed (directory) is the callee's
      this.peerName = options.peerName?.trim() || (name ? name : undefined);
      this.external = false;
    }

    session.delegate = {
      onSessionDescriptionHandler: (sdh) => this.attachSdh(sdh),
      onBye: (bye) => {
        this.pendingReason ??= 'remote-hangup';
        void bye.accept();
      },
      onCancel: (cancel) => {
        this.pendingReason ??= isCompletedElsewhere(cancel.request.getHeader('Reason'))
          ? 'completed-elsewhere'
          : 'cancelled';
      },
      onInfo: (info) => this.onInfo(info),
      onRefer: (referral) => this.onRefer(referral),
    };
    // Later re-INVITEs from the far end are answered with our hold state.
    session.sessionDescriptionHandlerOptionsReInvite = { hold: false } as MediaSdhOptions;
    session.stateChange.addListener((s) => this.onSessionState(s));
    if (session.sessionDescriptionHandler) this.attachSdh(session.sessionDescriptionHandler);
  }

  get state(): CallState {
    return this.stateValue;
  }
  get held(): boolean {
    return this.heldValue;
  }
  get remoteHeld(): boolean {
    return this.remoteHeldValue;
  }
  get muted(): boolean {
    return this.mutedValue;
  }
  get answeredAt(): number | undefined {
    return this.answeredAtValue;
  }
  /**
   * Our outgoing call was answered by the voicemail service — the callee
   * deflected it, or it went there unanswered — not by the person called. The
   * service registers as SIP user {@link VOICEMAIL_SIP_USER}, so the answering
   * dialog's remote target (the 200 OK's Contact) is that user; the To header
   * still names the person called.
   */
  get answeredByVoicemail(): boolean {
    return this.answeredByVoicemailValue;
  }
  /**
   * Why our outgoing call was diverted, from the Diversion header (RFC 5806)
   * of a response: the voicemail service's 200 OK repeats the one the proxy
   * gave it, the proxy's own 486 carries one. `do-not-disturb` when the person
   * called is in DND (their calls go to voicemail, or are refused busy).
   */
  get divertedBecause(): string | undefined {
    return this.divertedBecauseValue;
  }
  get endedAt(): number | undefined {
    return this.endedAtValue;
  }
  get endReason(): CallEndReason | undefined {
    return this.endReasonValue;
  }
  /** Key of this call in the media host, once media negotiation started. */
  get mediaSessionId(): string | undefined {
    return this.sdh?.mediaSessionId;
  }

  /** Sends the INVITE of an outgoing call (called by the engine). */
  start(): void {
    if (!(this.session instanceof Inviter)) throw new CallStateError('only outgoing calls are started');
    const inviter = this.session;
    inviter
      .invite({
        requestDelegate: {
          onAccept: (response) => this.noteDiversion(response),
          onProgress: (response) => {
            this.noteDiversion(response);
            const code = response.message.statusCode ?? 0;
            if (code >= 180 && code < 200 && canTransition(this.stateValue, CallEvent.Progress)) {
              this.apply(CallEvent.Progress);
            }
          },
          onReject: (response) => {
            this.noteDiversion(response);
            this.pendingReason ??=
              this.divertedBecauseValue === 'do-not-disturb' ? 'do-not-disturb' : reasonFromResponse(response);
          },
        },
      })
      .catch((err: unknown) => {
        // The offer could not be built (media host failure) or the request not sent.
        this.log(`INVITE failed: ${String(err)}`);
        this.pendingReason ??= 'media-failed';
        this.finish();
      });
  }

  /** Accepts an incoming call (200 OK with our SDP answer). */
  async answer(): Promise<void> {
    if (!(this.session instanceof Invitation)) throw new CallStateError('only incoming calls are answered');
    if (this.stateValue !== CallState.RingingIn) throw new CallStateError(`cannot answer in state ${this.stateValue}`);
    this.apply(CallEvent.Answer);
    try {
      await this.session.accept({ sessionDescriptionHandlerOptions: { hold: false } as MediaSdhOptions });
    } catch (err) {
      this.log(`answer failed: ${String(err)}`);
      this.pendingReason ??= this.session.state === SessionState.Terminated ? 'cancelled' : 'media-failed';
      if (this.session.state !== SessionState.Terminated) {
        await this.session.reject({ statusCode: 488 }).catch(() => undefined);
      }
      this.finish();
      throw err;
    }
  }

  /**
   * Declines an incoming call that is still ringing: `busy` sends 486 Busy
   * Here, `decline` 603 Decline (RFC 3261 §21.4.24, §21.6.2).
   */
  async reject(kind: 'busy' | 'decline' = 'decline'): Promise<void> {
    if (!(this.session instanceof Invitation)) throw new CallStateError('only incoming calls are rejected');
    if (this.stateValue !== CallState.RingingIn) throw new CallStateError(`cannot reject in state ${this.stateValue}`);
    this.pendingReason = 'rejected';
    this.apply(CallEvent.Terminate);
    try {
      await this.session.reject({ statusCode: kind === 'busy' ? 486 : 603 });
    } catch (err) {
      // The caller cancelled at the same moment: the call is over either way.
      if (this.session.state !== SessionState.Terminated) throw err;
      this.pendingReason = 'cancelled';
    }
    this.finish();
  }

  /**
   * Sends a ringing incoming call to `targetUri` instead of answering it:
   * 302 Moved Temporarily with that Contact (RFC 3261 §21.3.3). Kamailio
   * follows the redirect once for targets in its domain (SPEC F2 Deflect /
   * Transfer); the caller never sees the 302.
   */
  async deflect(targetUri: string): Promise<void> {
    if (!(this.session instanceof Invitation)) throw new CallStateError('only incoming calls are deflected');
    if (this.stateValue !== CallState.RingingIn) throw new CallStateError(`cannot deflect in state ${this.stateValue}`);
    const uri = UserAgent.makeURI(targetUri);
    if (!uri) throw new CallStateError(`invalid deflection target ${targetUri}`);
    this.pendingReason = 'deflected';
    this.apply(CallEvent.Terminate);
    try {
      await this.session.reject({ statusCode: 302, extraHeaders: [`Contact: <${uri.toString()}>`] });
    } catch (err) {
      if (this.session.state !== SessionState.Terminated) throw err;
      this.pendingReason = 'cancelled';
    }
    this.finish();
  }

  /**
   * Blind transfer (SPEC F3): asks the far end to call `targetUri` (REFER
   * with Refer-To, RFC 3515 / RFC 5589 §6) and, once it accepted (202), ends
   * our leg with BYE. A held call is transferred too (the far end resumes
   * media with the new party). A refused REFER leaves the call as it was.
   */
  async transfer(targetUri: string): Promise<void> {
    if (this.stateValue !== CallState.Established && this.stateValue !== CallState.Held) {
      throw new CallStateError(`cannot transfer in state ${this.stateValue}`);
    }
    const uri = UserAgent.makeURI(targetUri);
    if (!uri) throw new CallStateError(`invalid transfer target ${targetUri}`);
    await this.refer(uri);
    await this.endTransferred();
  }

  /**
   * Attended transfer (SPEC F3): connects the far end of this call with the
   * far end of `other` (typically a consultation call) — REFER whose
   * Refer-To is the other party's address with a Replaces header naming the
   * `other` dialog (RFC 5589 §7, RFC 3891). The other party's phone swaps
   * our dialog for the new one and hangs it up; if it has not after
   * {@link REPLACE_WAIT_MS}, we end it ourselves.
   */
  async transferToCall(other: PhoneCall): Promise<void> {
    if (!(other instanceof Call) || other === this) throw new CallStateError('no other call to connect with');
    for (const call of [this, other]) {
      if (call.stateValue !== CallState.Established && call.stateValue !== CallState.Held) {
        throw new CallStateError(`cannot connect a call in state ${call.stateValue}`);
      }
    }
    const dialog = other.session.dialog;
    if (!dialog) throw new CallStateError('the other call has no dialog');
    // sip.js builds `"name" <remoteTarget?Replaces=callid;to-tag;from-tag>` from a Session. The
    // dialog's remote target is a WebSocket Contact that other clients cannot reach, so it gets a
    // view of the other session whose remote target is the party's address (AOR) instead.
    const aor = other.session.remoteIdentity.uri.clone();
    aor.clearHeaders();
    const target = {
      remoteIdentity: other.session.remoteIdentity,
      dialog: { callId: dialog.callId, localTag: dialog.localTag, remoteTag: dialog.remoteTag, remoteTarget: aor },
    } as unknown as Session;
    await this.refer(target);
    await this.endTransferred();
    const replaced = new Promise<void>((resolve) => {
      if (other.stateValue === CallState.Terminated) resolve();
      else other.onDidEnd(() => resolve());
    });
    let timer: TimerHandle | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = this.clock.setTimeout(() => resolve('late'), REPLACE_WAIT_MS);
    });
    const outcome = await Promise.race([replaced, late]);
    this.clock.clearTimeout(timer);
    if (outcome === 'late') await other.endTransferred();
  }

  /**
   * The far end replaced this call by another dialog (an INVITE with
   * Replaces, RFC 3891 — we were the target of an attended transfer): end
   * ours, recorded as transferred.
   */
  async endReplaced(): Promise<void> {
    await this.endTransferred();
  }

  /** REFER (RFC 3515) with Refer-To `target`; resolves on 202, rejects on a refusal. */
  private async refer(target: URI | Session): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.session
        .refer(target, {
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: (response) => reject(new CallStateError(`transfer refused: ${response.message.statusCode ?? 0}`)),
          },
          // NOTIFYs with the new call's progress (RFC 3515 §2.4.4): accepted, not needed for a blind transfer
          onNotify: (notification) => void notification.accept(),
        })
        .catch((err: unknown) => reject(err instanceof Error ? err : new Error(String(err))));
    });
  }

  /** Our leg of a transfer is over: BYE, recorded as transferred. */
  private async endTransferred(): Promise<void> {
    if (this.stateValue === CallState.Terminating || this.stateValue === CallState.Terminated) return;
    this.pendingReason = 'transferred';
    this.apply(CallEvent.Terminate);
    if (this.session.state === SessionState.Established) {
      await this.session.bye().catch((err: unknown) => {
        this.log(`BYE after transfer failed: ${String(err)}`);
        this.finish();
      });
    }
  }

  /**
   * Ends the call whatever its state: CANCEL while an outgoing call rings
   * (RFC 3261 §9), 603 for an incoming call still ringing, BYE once
   * established (RFC 3261 §15.1).
   */
  async hangup(): Promise<void> {
    const s = this.session;
    switch (this.stateValue) {
      case CallState.Terminating:
      case CallState.Terminated:
        return;
      case CallState.RingingIn:
        return this.reject('decline');
      case CallState.Dialing:
      case CallState.RingingOut:
        this.pendingReason = 'cancelled';
        this.apply(CallEvent.Terminate);
        if (s instanceof Inviter && (s.state === SessionState.Initial || s.state === SessionState.Establishing)) {
          await s.cancel();
        } else if (s.state === SessionState.Established) {
          // The 200 OK crossed our CANCEL: end the dialog it created.
          await s.bye().catch(() => undefined);
        }
        return;
      case CallState.Answering:
      case CallState.Established:
      case CallState.Held:
        this.pendingReason = 'local-hangup';
        this.apply(CallEvent.Terminate);
        if (s.state === SessionState.Established) {
          await s.bye().catch((err: unknown) => {
            this.log(`BYE failed: ${String(err)}`);
            this.finish();
          });
        } else if (s instanceof Invitation && s.state !== SessionState.Terminated) {
          // Still sending our 200 OK: sip.js cannot BYE yet; refuse instead.
          await s.reject({ statusCode: 480 }).catch(() => undefined);
          this.finish();
        }
        return;
    }
  }

  /**
   * Puts the call on hold or resumes it with a re-INVITE whose offer has the
   * audio stream `inactive` (RFC 3264 §8.4): neither side sends media while held.
   */
  async setHold(hold: boolean): Promise<void> {
    const expected = hold ? CallState.Established : CallState.Held;
    if (this.stateValue === (hold ? CallState.Held : CallState.Established)) return;
    if (this.stateValue !== expected)
      throw new CallStateError(`cannot ${hold ? 'hold' : 'resume'} in state ${this.stateValue}`);
    if (this.holdInFlight) throw new CallStateError('a hold request is already in progress');
    this.holdInFlight = true;
    const session = this.session;
    const previous = session.sessionDescriptionHandlerOptionsReInvite;
    session.sessionDescriptionHandlerOptionsReInvite = { ...previous, hold } as MediaSdhOptions;
    try {
      // RFC 5407 §3.1.4: a re-INVITE right behind the ACK of the previous one
      // can reach the far end while it still processes that ACK (it answers
      // 500 + Retry-After). Leave a short gap, and retry 500/491 a few times.
      const sinceLast = this.clock.now() - this.lastReinviteAt;
      if (sinceLast < REINVITE_GAP_MS) await this.sleep(REINVITE_GAP_MS - sinceLast);
      for (let attempt = 1; ; attempt++) {
        const outcome = await this.reinvite();
        this.lastReinviteAt = this.clock.now();
        if (outcome.ok) break;
        const retryable = outcome.status === 491 || (outcome.status === 500 && outcome.retryAfterS !== undefined);
        if (!retryable || attempt >= REINVITE_ATTEMPTS || this.stateValue !== expected) {
          throw new Error(`re-INVITE rejected: ${outcome.status}`);
        }
        // 491 Request Pending: wait a random time (RFC 3261 §14.1), 500: its Retry-After, capped.
        const waitMs =
          outcome.status === 491 ? 200 + Math.floor(Math.random() * 1800) : Math.min(outcome.retryAfterS! * 1000, 3000);
        await this.sleep(waitMs);
      }
    } catch (err) {
      session.sessionDescriptionHandlerOptionsReInvite = previous;
      throw err;
    } finally {
      this.holdInFlight = false;
    }
    if (!canTransition(this.stateValue, hold ? CallEvent.Hold : CallEvent.Resume)) return;
    this.heldValue = hold;
    this.apply(hold ? CallEvent.Hold : CallEvent.Resume);
  }

  /** One re-INVITE transaction (RFC 3261 §14.1); resolves with its outcome. */
  private reinvite(): Promise<{ ok: true } | { ok: false; status: number; retryAfterS: number | undefined }> {
    return new Promise((resolve, reject) => {
      const timer = this.clock.setTimeout(() => reject(new Error('re-INVITE timed out')), REINVITE_TIMEOUT_MS);
      this.session
        .invite({
          requestDelegate: {
            onAccept: () => {
              this.clock.clearTimeout(timer);
              resolve({ ok: true });
            },
            onReject: (response) => {
              this.clock.clearTimeout(timer);
              const retryAfter = Number.parseInt(response.message.getHeader('retry-after') ?? '', 10);
              resolve({
                ok: false,
                status: response.message.statusCode ?? 0,
                retryAfterS: Number.isFinite(retryAfter) ? retryAfter : undefined,
              });
            },
          },
        })
        .catch((err: unknown) => {
          this.clock.clearTimeout(timer);
          reject(err instanceof Error ? err : new Error(String(err)));
        });
    });
  }

  /** Mutes our microphone in the media host; the far end just hears silence. */
  async setMuted(muted: boolean): Promise<void> {
    if (this.stateValue === CallState.Terminated) throw new CallStateError('call has ended');
    this.mutedValue = muted;
    this.didChange.fire(this);
    if (this.sdh) await this.sdh.setMuted(muted);
  }

  /**
   * Sends DTMF digits: RFC 4733 telephone-events when negotiated (and the
   * mode allows), otherwise one SIP INFO per digit (RFC 6086) with an
   * `application/dtmf-relay` body; `,` pauses two seconds.
   */
  async sendDtmf(tones: string): Promise<void> {
    if (this.stateValue !== CallState.Established)
      throw new CallStateError(`cannot send DTMF in state ${this.stateValue}`);
    const upper = tones.toUpperCase();
    if (!/^[0-9A-D*#,]{1,32}$/.test(upper)) throw new CallStateError(`invalid DTMF tones: ${tones}`);
    if (
      this.dtmfMode === 'auto' &&
      this.sdh?.sendDtmf(upper, { duration: DTMF_DURATION_MS, interToneGap: DTMF_GAP_MS })
    ) {
      return;
    }
    for (const tone of upper) {
      if (tone === ',') {
        await this.sleep(2000);
        continue;
      }
      await this.sendInfoDtmf(tone);
      await this.sleep(DTMF_GAP_MS);
    }
  }

  /** The contract's view of this call. */
  toView(): CallView {
    const view: CallView = {
      id: this.id,
      direction: this.direction,
      peer: this.peer,
      state: this.stateValue,
      held: this.heldValue,
      remoteHeld: this.remoteHeldValue,
      muted: this.mutedValue,
      startedAt: this.startedAt,
    };
    if (this.peerName !== undefined) view.peerName = this.peerName;
    if (this.external) view.external = true;
    if (this.answeredAtValue !== undefined) view.answeredAt = this.answeredAtValue;
    if (this.answeredByVoicemailValue) view.answeredByVoicemail = true;
    if (this.divertedBecauseValue !== undefined) view.divertedBecause = this.divertedBecauseValue;
    if (this.endedAtValue !== undefined) view.endedAt = this.endedAtValue;
    if (this.endReasonValue !== undefined) view.endReason = this.endReasonValue;
    return view;
  }

  /** Marks the call as lost with the network (used when the engine is stopped or torn down). */
  markNetworkLoss(): void {
    this.pendingReason ??= 'network';
  }

  private sendInfoDtmf(tone: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.session
        .info({
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: (response) => reject(new Error(`INFO rejected: ${response.message.statusCode}`)),
          },
          requestOptions: {
            body: {
              contentDisposition: 'render',
              contentType: 'application/dtmf-relay',
              content: `Signal=${tone}\r\nDuration=${DTMF_DURATION_MS}\r\n`,
            },
          },
        })
        .catch((err: unknown) => reject(err instanceof Error ? err : new Error(String(err))));
    });
  }

  private onRefer(referral: Referral): void {
    // Only SIP targets, and one transfer per call: each REFER followed is a new call we place.
    if (!/^sips?$/i.test(referral.referTo.uri.scheme) || this.stateValue === CallState.Terminating || this.referred) {
      void referral.reject({ statusCode: 403 }).catch(() => undefined);
      return;
    }
    this.referred = true;
    this.didReceiveRefer.fire(referral);
  }

  private onInfo(info: Info): void {
    const type = info.request.getHeader('content-type') ?? '';
    const body = info.request.body ?? '';
    void info.accept();
    let digit: string | undefined;
    if (/^application\/dtmf-relay/i.test(type)) {
      digit = /(?:^|\n)\s*Signal\s*=\s*([0-9A-D*#])/im.exec(body)?.[1];
    } else if (/^application\/dtmf\b/i.test(type)) {
      digit = /^\s*([0-9A-D*#])/i.exec(body)?.[1];
    }
    if (digit) this.didReceiveDtmf.fire(digit.toUpperCase());
  }

  private attachSdh(sdh: SessionDescriptionHandler): void {
    if (!(sdh instanceof MediaSessionDescriptionHandler) || this.sdh === sdh) return;
    this.sdh = sdh;
    sdh.onDidSetRemoteDescription(({ type, sdp }) => {
      // Only an offer tells us the far end's intent; an answer to our own hold says nothing.
      if (type !== 'offer') return;
      const remoteHeld = isHoldOffer(sdp);
      if (remoteHeld !== this.remoteHeldValue) {
        this.remoteHeldValue = remoteHeld;
        this.didChange.fire(this);
      }
    });
    sdh.onDidChangeConnectionState((state) => {
      if (state === 'failed' && this.stateValue !== CallState.Terminated && this.stateValue !== CallState.Terminating) {
        this.log(`media failed for call ${this.id}`);
        this.pendingReason ??= 'media-failed';
        void this.hangupForMediaFailure();
      }
    });
    if (this.mutedValue) void sdh.setMuted(true).catch(() => undefined);
  }

  private async hangupForMediaFailure(): Promise<void> {
    const reason = this.pendingReason;
    await this.hangup().catch(() => undefined);
    // hangup() sets its own reason; the media failure is the real one.
    if (reason) this.pendingReason = reason;
  }

  private onSessionState(state: SessionState): void {
    switch (state) {
      case SessionState.Initial:
      case SessionState.Establishing:
        return;
      case SessionState.Established:
        if (canTransition(this.stateValue, CallEvent.Accepted)) {
          this.answeredAtValue = this.clock.now();
          this.answeredByVoicemailValue =
            this.direction === 'outgoing' && this.session.dialog?.remoteTarget.user === VOICEMAIL_SIP_USER;
          this.lastReinviteAt = this.answeredAtValue;
          this.apply(CallEvent.Accepted);
        }
        return;
      case SessionState.Terminating:
        if (canTransition(this.stateValue, CallEvent.Terminate)) this.apply(CallEvent.Terminate);
        return;
      case SessionState.Terminated:
        // sip.js moves to Terminated *before* calling the request delegate
        // with the final response: let that run first so the reason is known.
        queueMicrotask(() => this.finish());
        return;
    }
  }

  /** Keeps the reason of a Diversion header (RFC 5806) in a response from the proxy. */
  private noteDiversion(response: IncomingResponse): void {
    const diversion = response.message.getHeader('Diversion');
    const reason = diversion === undefined ? undefined : /;\s*reason\s*=\s*"?([a-z-]{1,32})/i.exec(diversion)?.[1];
    if (reason !== undefined) this.divertedBecauseValue = reason.toLowerCase();
  }

  /** Moves to `terminated` once, with the best known reason. */
  private finish(): void {
    if (this.stateValue === CallState.Terminated) return;
    this.endReasonValue = this.pendingReason ?? this.defaultEndReason();
    this.endedAtValue = this.clock.now();
    this.apply(CallEvent.Ended);
    this.didEnd.fire(this);
    this.didChange.dispose();
    this.didEnd.dispose();
    this.didReceiveDtmf.dispose();
    this.didReceiveRefer.dispose();
  }

  /** Reason when nothing more specific was seen (no BYE, CANCEL or final response of ours). */
  private defaultEndReason(): CallEndReason {
    if (this.answeredAtValue !== undefined) return 'remote-hangup';
    // An incoming call that ends unanswered on its own: sip.js's no-answer
    // timer (480 after 60 s) or the INVITE's Expires ran out.
    return this.direction === 'incoming' ? 'timeout' : 'failed';
  }

  private apply(event: CallEvent): void {
    this.stateValue = transition(this.stateValue, event);
    this.didChange.fire(this);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.clock.setTimeout(resolve, ms));
  }
}

function reasonFromResponse(response: IncomingResponse): CallEndReason {
  const m = response.message;
  // sip.js synthesises 408/503 for timeouts and transport errors: no wire data, no Via.
  const synthetic = m.data === undefined || !m.hasHeader('via');
  // our proxy's refusal of an external number (no trunk, no DID of ours): kamailio.cfg route[TRUNK_OUT]
  if (!synthetic && m.getHeader('X-UC-Refusal')?.trim() === 'no-outside-line') return 'no-outside-line';
  return endReasonForStatus(m.statusCode ?? 0, synthetic);
}
