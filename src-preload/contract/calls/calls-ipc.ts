/**
 * Calls as the renderer sees them: the call list and its actions (dial,
 * answer, hold, transfer…), the call journal, recent dials and the audio
 * devices — the `calls.*`, `journal.*`, `dial.*` and `audio.*` channels.
 */
import { z } from 'zod';
import type { CallbackPhase, CallbackVia } from '../forwarding/forwarding-http';
import { voipInvokeSchemas, type VoipInvokeResults } from './voip-ipc';
import { dialScopeSchema } from './dial-scope';

export const callStateSchema = z.enum([
  'dialing',
  'ringing-out',
  'ringing-in',
  'answering',
  'established',
  'held',
  'terminating',
  'terminated',
]);
export type CallStateName = z.infer<typeof callStateSchema>;

export type CallDirection = 'outgoing' | 'incoming';

export interface CallView {
  id: string;
  direction: CallDirection;
  /** the other party's number, or the full SIP URI of an external caller */
  peer: string;
  peerName?: string;
  /** an incoming call from outside (not asserted as one of our users by the proxy): never shown as a colleague */
  external?: boolean;
  state: CallStateName;
  /** we put the call on hold */
  held: boolean;
  /** the other party put us on hold */
  remoteHeld: boolean;
  muted: boolean;
  startedAt: number;
  answeredAt?: number;
  /** our outgoing call was answered by the voicemail service (its SIP user in the answer's Contact) */
  answeredByVoicemail?: boolean;
  /** why the proxy diverted our outgoing call (RFC 5806 reason), e.g. `do-not-disturb` */
  divertedBecause?: string;
  endedAt?: number;
  endReason?: CallEndReason;
  /** the local conference (SPEC F3) this call is mixed into, while it is */
  conferenceId?: string;
}

export type CallResult = 'answered' | 'missed' | 'rejected' | 'failed';
export type CallEndReason =
  | 'local-hangup'
  | 'remote-hangup'
  | 'cancelled'
  | 'rejected'
  | 'busy'
  | 'not-found'
  | 'unavailable'
  | 'timeout'
  | 'media-failed'
  | 'network'
  | 'failed'
  /** we sent the ringing call elsewhere (302, SPEC F2 Deflect / Transfer) */
  | 'deflected'
  /** we handed the answered call to someone else (blind transfer, REFER) */
  | 'transferred'
  /** our outgoing call was answered by the voicemail service, not by the person called (journal only) */
  | 'voicemail'
  /**
   * the person called is in do not disturb: the proxy sent our call to their
   * voicemail (answered) or refused it busy (181/486 with Diversion reason=do-not-disturb, RFC 5806)
   */
  | 'do-not-disturb'
  /**
   * our ringing call was cancelled because it was completed elsewhere (CANCEL with
   * `Reason: SIP;cause=200`, RFC 3326): another device answered it, or a colleague picked it up
   * (SPEC D3, then the journal entry says who: `pickedUpBy`)
   */
  | 'completed-elsewhere'
  /**
   * our call to an external number was refused by our own proxy: no trunk is configured, or we
   * have no outside number (DID) to call from (`X-UC-Refusal: no-outside-line`, issue #12)
   */
  | 'no-outside-line';

/**
 * Every {@link CallResult} and {@link CallEndReason}, for code that must
 * check or list them at run time (journal rows read back, i18n keys).
 * `satisfies Record<…>` makes a change to the types a compile error here.
 */
export const CALL_RESULTS = { answered: true, missed: true, rejected: true, failed: true } satisfies Record<
  CallResult,
  true
>;
export const CALL_END_REASONS = {
  'local-hangup': true,
  'remote-hangup': true,
  cancelled: true,
  rejected: true,
  busy: true,
  'not-found': true,
  unavailable: true,
  timeout: true,
  'media-failed': true,
  network: true,
  failed: true,
  deflected: true,
  transferred: true,
  voicemail: true,
  'do-not-disturb': true,
  'completed-elsewhere': true,
  'no-outside-line': true,
} satisfies Record<CallEndReason, true>;

/**
 * A call the server places for the user (SPEC J4 dial mode, B5 CallMe): it rings the user's own
 * phone first — the desk phone(s) in "associated dialing", the CallMe/mobile number in "callback
 * preferred" — then hands that phone the destination. No call of this device's call list: the
 * conversation happens on that phone.
 *
 * ```
 *  calling-callme ──phone answers──▶ connecting ──destination answers──▶ connected
 *        └───────────────┴── refused, unanswered, destination refused ──▶ failed
 * ```
 */
export interface CallbackView {
  /** the server's id of the callback (also `calls.dial`'s `callId` for it) */
  id: string;
  /** which of the user's phones rings first */
  via: CallbackVia;
  /** the destination as dialed (display form) */
  peer: string;
  peerName?: string;
  phase: CallbackPhase;
  /** epoch ms the app asked the server */
  startedAt: number;
}

/** One of the last dialed numbers (SPEC C2), newest first. */
export interface RecentDialView {
  /** the canonical number (or sip: URI) as dialed */
  number: string;
  /** whose number it is, from the directory cache, when known */
  name?: string;
}

export interface JournalEntry {
  id: number;
  callId: string;
  direction: CallDirection;
  peer: string;
  peerName?: string;
  startedAt: number;
  answeredAt?: number;
  endedAt: number;
  result: CallResult;
  reason?: CallEndReason;
  /** the colleague (number) who picked this call up while it rang here (SPEC D3; reason `completed-elsewhere`) */
  pickedUpBy?: string;
}

/** audio.listDevices: what the media host can use (labels may be empty before the microphone permission). */
export interface AudioDevicesView {
  inputs: { deviceId: string; label: string }[];
  outputs: { deviceId: string; label: string }[];
}

const callId = z.string().min(1).max(128);

/** Payload schemas of the calls, journal, dial and audio channels. */
export const callsInvokeSchemas = {
  'calls.dial': z.strictObject({
    target: z.string().max(128),
    /**
     * who is called, when the user picked a directory entry or contact (shown on the call card
     * and kept in the journal); without it the engine looks the number up in the directory cache
     */
    name: z.string().trim().min(1).max(200).optional(),
    /** the user's answer to "internal or external?" (error `ambiguous-number`, SPEC C5) */
    scope: dialScopeSchema.optional(),
  }),
  'calls.answer': z.strictObject({ callId }),
  'calls.reject': z.strictObject({ callId }),
  'calls.hangup': z.strictObject({ callId }),
  'calls.setHold': z.strictObject({ callId, hold: z.boolean() }),
  'calls.setMuted': z.strictObject({ callId, muted: z.boolean() }),
  'calls.sendDtmf': z.strictObject({ callId, tones: z.string().regex(/^[0-9A-D*#,]{1,32}$/) }),
  'calls.list': z.strictObject({}),
  'journal.list': z.strictObject({ limit: z.number().int().min(1).max(1000).optional() }),
  'dial.getRecent': z.strictObject({}),
  /** audio devices of the media host (SPEC F4); 'internal' when no media host is connected */
  'audio.listDevices': z.strictObject({}),
  // ---- transfer (SPEC F2/F3)
  /**
   * Sends the call to `target` (a number, extension or sip: URI, parsed like calls.dial):
   * a ringing incoming call is deflected (302, RFC 3261 §21.3.3), an answered
   * or held call is blind-transferred (REFER, RFC 3515). 'invalid-number' for a bad target.
   */
  'calls.transfer': z.strictObject({ callId, target: z.string().max(128) }),
  /** Deflects a ringing incoming call to the user's own voicemail (SPEC F2) */
  'calls.deflectToVoicemail': z.strictObject({ callId }),
  /**
   * The popup's Transfer button: transfers are chosen in the main window
   * (myPortal @work does the same — the popup never takes the keyboard), so
   * this shows the main window and emits calls.onDidRequestTransfer there.
   */
  'calls.openTransfer': z.strictObject({ callId }),
  /**
   * Attended transfer (SPEC F3): connects the other party of `callId` with the
   * other party of `targetCallId` (e.g. after a consultation call); both calls
   * must be answered (established or held) and both end for us.
   */
  'calls.transferToCall': z.strictObject({ callId, targetCallId: callId }),
  // ---- local conference (SPEC F3 "conference from consultation")
  /**
   * Joins `callId` and `otherCallId` (both answered: one held, one active, as after a
   * consultation) into a local conference mixed by this device's media host: each far end
   * hears us and the other. When `otherCallId` is already in a conference, `callId` is added
   * to it (up to 8 parties). 'invalid-state' when a call is not answered or the conference is full.
   */
  'calls.conference': z.strictObject({ callId, otherCallId: callId }),
  /**
   * We leave the conference: with two far ends they are connected to each other (attended
   * transfer) and keep talking; with more, every leg is hung up.
   */
  'calls.leaveConference': z.strictObject({ conferenceId: z.string().min(1).max(128) }),
  // ---- pickup (SPEC D3)
  /**
   * Takes the call ringing at colleague `number` (their lamp is ringing): the
   * servers cancel it at every device of theirs and ring this user's devices
   * instead, and this device answers it by itself. 'not-found' when nothing
   * rings there any more (answered or cancelled meanwhile), 'not-registered'
   * without a SIP registration, 'server-unreachable' offline.
   */
  'calls.pickup': z.strictObject({ number: z.string().min(1).max(64) }),
  // ---- dial mode (SPEC J4, B5)
  /** the callback the server is placing for the user, if any (null: none) */
  'calls.getCallback': z.strictObject({}),
  /** closes the callback's progress view (it goes on, or ended, on the user's phone) */
  'calls.dismissCallback': z.strictObject({ id: z.string().min(1).max(128) }),
  // ---- the VoIP switch and the ICE servers (SPEC F5, voip-ipc.ts)
  ...voipInvokeSchemas,
} as const;

export interface CallsInvokeResults extends VoipInvokeResults {
  /**
   * `callId`: the call of calls.list; or, when the dial mode had the server place it (SPEC J4, B5),
   * the id of `callback` — follow it on calls.onDidChangeCallback.
   */
  'calls.dial': { callId: string; callback?: CallbackView };
  'calls.answer': void;
  'calls.reject': void;
  'calls.hangup': void;
  'calls.setHold': void;
  'calls.setMuted': void;
  'calls.sendDtmf': void;
  'calls.list': CallView[];
  'journal.list': JournalEntry[];
  'dial.getRecent': RecentDialView[];
  'audio.listDevices': AudioDevicesView;
  'calls.transfer': void;
  'calls.deflectToVoicemail': void;
  'calls.openTransfer': void;
  'calls.transferToCall': void;
  'calls.conference': { conferenceId: string };
  'calls.leaveConference': void;
  /** the id of the picked-up call once it is offered to this device (it answers it by itself) */
  'calls.pickup': { callId: string };
  'calls.getCallback': CallbackView | null;
  'calls.dismissCallback': void;
}

export interface CallsEventPayloads {
  'calls.onDidChange': CallView[];
  'journal.onDidChange': Record<string, never>;
  /** a device was plugged or unplugged (SPEC F4): list them again */
  'audio.onDidChangeDevices': Record<string, never>;
  /** open the transfer dialog for this call (from the popup, see calls.openTransfer) */
  'calls.onDidRequestTransfer': { callId: string };
  /** the callback being placed changed phase, or its view closed (null) — SPEC J4, B5 */
  'calls.onDidChangeCallback': CallbackView | null;
}

export const CALLS_EVENT_CHANNELS = {
  'calls.onDidChange': true,
  'journal.onDidChange': true,
  'audio.onDidChangeDevices': true,
  'calls.onDidRequestTransfer': true,
  'calls.onDidChangeCallback': true,
} satisfies Record<keyof CallsEventPayloads, true>;
