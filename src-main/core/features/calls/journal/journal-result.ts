import type { CallDirection, CallEndReason, CallResult } from '../../../../../src-preload/contract/ipc-contract';
import { assertNever } from '../../../../../src-preload/contract/platform/assert-never';

/** What the journal records about how a call ended. */
export interface JournalResult {
  result: CallResult;
  /** why it ended; always set by {@link journalResultFor} (kept optional to match `JournalEntry`) */
  reason?: CallEndReason;
}

/**
 * Decides the journal `result` (and normalised `reason`) of a finished call.
 *
 * | direction | answered | end reason                                   | result     | reason        |
 * |-----------|----------|----------------------------------------------|------------|---------------|
 * | outgoing  | by the voicemail service, callee in DND | any          | `answered` | `do-not-disturb` |
 * | outgoing  | by the voicemail service | any                          | `answered` | `voicemail`   |
 * | any       | yes      | any                                          | `answered` | unchanged     |
 * | incoming  | no       | `rejected`, `local-hangup` (we declined)     | `rejected` | `rejected`    |
 * | incoming  | no       | `deflected`, `transferred` (we sent it on)   | `rejected` | unchanged     |
 * | incoming  | no       | `completed-elsewhere` (another device of ours answered, a colleague picked it up) | `rejected` | unchanged |
 * | incoming  | no       | anything else (caller cancelled, timeout, auto-busy, network…) | `missed` | unchanged |
 * | outgoing  | no       | `rejected`, `busy`, `do-not-disturb` (callee declined/busy/in DND) | `rejected` | unchanged |
 * | outgoing  | no       | `cancelled`, `local-hangup` (we gave up)     | `failed`   | `cancelled`   |
 * | outgoing  | no       | `not-found`, `unavailable`, `timeout`, `network`, `media-failed`, `failed`, `remote-hangup`, `completed-elsewhere`, `no-outside-line` | `failed` | unchanged |
 *
 * Why: an incoming call the user did not actively decline is something they
 * should call back, hence `missed` — including `busy`, which for an incoming
 * call means *we* auto-answered 486 (e.g. already on a call) without the user
 * choosing to. An outgoing call we hung up before the answer is not the
 * callee's doing, so it is `failed` with reason `cancelled` (the UI can show it
 * as "cancelled" rather than as an error). `local-hangup` before answer is the
 * same user action as `cancelled`/`rejected` and is normalised to it.
 *
 * @param direction who placed the call
 * @param answeredAt epoch ms of the answer (2xx), `undefined` if never answered
 * An outgoing call the voicemail service answered (the callee deflected it,
 * or it went there unanswered) is what the caller sees as "Voicemail": the
 * call connected, but not with the person called; how it then ended matters
 * less than that.
 *
 * @param endReason why the call ended (from the call state machine)
 * @param answeredByVoicemail the answer came from the voicemail service (see `Call.answeredByVoicemail`)
 * @param divertedBecause why the proxy diverted the outgoing call (RFC 5806 reason, see `Call.divertedBecause`)
 */
export function journalResultFor(
  direction: CallDirection,
  answeredAt: number | undefined,
  endReason: CallEndReason,
  answeredByVoicemail = false,
  divertedBecause?: string,
): JournalResult {
  if (answeredAt !== undefined) {
    if (answeredByVoicemail && direction === 'outgoing') {
      return { result: 'answered', reason: divertedBecause === 'do-not-disturb' ? 'do-not-disturb' : 'voicemail' };
    }
    return { result: 'answered', reason: endReason };
  }
  switch (direction) {
    case 'incoming':
      return unansweredIncoming(endReason);
    case 'outgoing':
      return unansweredOutgoing(endReason);
    default:
      return assertNever(direction, 'Unknown call direction');
  }
}

function unansweredIncoming(reason: CallEndReason): JournalResult {
  switch (reason) {
    case 'rejected':
    case 'local-hangup':
      return { result: 'rejected', reason: 'rejected' };
    // Handled by the user, so not "missed"; the reason tells the UI it went on. Also a call
    // answered on another device or picked up by a colleague (SPEC D3): taken care of, not missed
    // (RFC 3326 cause 200 is there so that devices do not log a missed call).
    case 'deflected':
    case 'transferred':
    case 'completed-elsewhere':
      return { result: 'rejected', reason };
    case 'remote-hangup':
    case 'cancelled':
    case 'voicemail':
    case 'do-not-disturb':
    case 'busy':
    case 'not-found':
    case 'unavailable':
    case 'timeout':
    case 'media-failed':
    case 'network':
    case 'failed':
    case 'no-outside-line':
      return { result: 'missed', reason };
    default:
      return assertNever(reason, 'Unknown call end reason');
  }
}

function unansweredOutgoing(reason: CallEndReason): JournalResult {
  switch (reason) {
    case 'rejected':
    case 'busy':
      return { result: 'rejected', reason };
    // the callee's do not disturb refused it (no voicemail to take it): not an error of ours
    case 'do-not-disturb':
      return { result: 'rejected', reason };
    case 'cancelled':
    case 'local-hangup':
      return { result: 'failed', reason: 'cancelled' };
    case 'deflected':
    case 'transferred':
    case 'voicemail':
    case 'remote-hangup':
    case 'not-found':
    case 'unavailable':
    case 'timeout':
    case 'media-failed':
    case 'network':
    case 'failed':
    case 'completed-elsewhere':
    case 'no-outside-line':
      return { result: 'failed', reason };
    default:
      return assertNever(reason, 'Unknown call end reason');
  }
}
