/**
 * How a journal row reads (SPEC E4), from its result and reason. The journal
 * keeps the engine's facts (`result` + end `reason`); the wording is what the
 * user understands on their side of the call:
 *
 * | direction | result   | reason        | shown                                   |
 * |-----------|----------|---------------|-----------------------------------------|
 * | outgoing  | answered | `voicemail`   | Voicemail (the mailbox answered)        |
 * | outgoing  | answered | `do-not-disturb` | Voicemail (do not disturb): the callee's DND sent it there |
 * | outgoing  | rejected | `do-not-disturb` | Do not disturb (refused, no voicemail to take it) |
 * | outgoing  | failed   | `cancelled`   | Cancelled (we hung up before an answer) |
 * | outgoing  | failed   | `unavailable` | Not reachable (SIP 480: no registered device) |
 * | incoming  | rejected | `deflected`   | Forwarded (we sent it on)               |
 * | incoming  | rejected | `completed-elsewhere` + `pickedUpBy` | Picked up by {name} (a colleague took it, SPEC D3) |
 * | incoming  | rejected | `completed-elsewhere` | Answered elsewhere (another device of ours answered) |
 * | any       | other    | other         | the result, with the reason in brackets unless answered (transferred is said) |
 */
import type { JournalEntry } from '../../../../src-preload/contract/ipc-contract';

/** `tone` picks the colour: only what went wrong is red. */
export interface JournalOutcome {
  /** stable name (data-outcome in the DOM, for tests and styles) */
  outcome: string;
  /** i18n key of the label */
  labelKey: string;
  /** i18n key of the reason shown after the label, if any */
  reasonKey?: string;
  /**
   * who picked the call up (number; SPEC D3): the label's `{{name}}`, which
   * the view shows as the colleague's directory name when it knows it
   */
  pickedUpBy?: string;
  tone: 'ok' | 'neutral' | 'bad';
}

export function journalOutcome(
  entry: Pick<JournalEntry, 'direction' | 'result' | 'reason' | 'pickedUpBy'>,
): JournalOutcome {
  const { direction, result, reason } = entry;
  if (direction === 'outgoing' && reason === 'voicemail') {
    return { outcome: 'voicemail', labelKey: 'journal.outcome.voicemail', tone: 'neutral' };
  }
  if (direction === 'outgoing' && reason === 'do-not-disturb') {
    return result === 'answered'
      ? { outcome: 'voicemail-dnd', labelKey: 'journal.outcome.voicemailDnd', tone: 'neutral' }
      : { outcome: 'do-not-disturb', labelKey: 'journal.outcome.doNotDisturb', tone: 'neutral' };
  }
  if (direction === 'outgoing' && result === 'failed' && reason === 'cancelled') {
    return { outcome: 'cancelled', labelKey: 'journal.outcome.cancelled', tone: 'neutral' };
  }
  if (direction === 'outgoing' && result === 'failed' && reason === 'unavailable') {
    return { outcome: 'unreachable', labelKey: 'journal.outcome.unreachable', tone: 'bad' };
  }
  // taken care of (RFC 3326 cause 200), not declined: neither red nor "Rejected"
  if (reason === 'completed-elsewhere' && result !== 'answered') {
    return entry.pickedUpBy !== undefined
      ? { outcome: 'picked-up', labelKey: 'journal.pickedUpBy', pickedUpBy: entry.pickedUpBy, tone: 'neutral' }
      : { outcome: 'completed-elsewhere', labelKey: 'endReason.completed-elsewhere', tone: 'neutral' };
  }
  if (reason === 'deflected') return { outcome: 'forwarded', labelKey: 'journal.forwarded', tone: 'neutral' };
  const showReason = reason !== undefined && (result !== 'answered' || reason === 'transferred');
  return {
    outcome: result,
    labelKey: `journal.result.${result}`,
    ...(showReason ? { reasonKey: `endReason.${reason}` } : {}),
    tone: result === 'answered' ? 'ok' : 'bad',
  };
}
