/**
 * Journal wording on the caller's side (issue #8): a call we hung up before
 * the answer is "Cancelled", a colleague with no registered device (the proxy
 * answers SIP 480) is "Not reachable", the mailbox answering is "Voicemail" —
 * from the SIP outcome through the engine's journal result to the words, in
 * English and French.
 */
import { describe, expect, it } from 'vitest';
import { journalResultFor } from '../../../src-main/core/features/calls/journal/journal-result';
import { endReasonForStatus } from '../../../src-main/core/features/calls/sip/end-reason';
import type { CallDirection, CallEndReason } from '../../../src-preload/contract/ipc-contract';
import { journalOutcome } from '../../../src-renderer/src/features/calls/journal-outcome';
import { en } from '../../../src-renderer/src/app/i18n-resources';
import { fr } from '../../../src-renderer/src/app/i18n-resources';

function text(resources: unknown, key: string): string {
  const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], resources);
  if (typeof value !== 'string') throw new Error(`no text for ${key}`);
  return value;
}

/** What the journal row says for a call that ended so. */
function shown(
  direction: CallDirection,
  answeredAt: number | undefined,
  reason: CallEndReason,
  byVoicemail = false,
  divertedBecause?: string,
): { en: string; fr: string; outcome: string } {
  const o = journalOutcome({
    direction,
    ...journalResultFor(direction, answeredAt, reason, byVoicemail, divertedBecause),
  });
  const say = (r: unknown) => text(r, o.labelKey) + (o.reasonKey ? ` (${text(r, o.reasonKey)})` : '');
  return { en: say(en), fr: say(fr), outcome: o.outcome };
}

describe('journal wording on the caller side', () => {
  it('a callee in do not disturb: "Voicemail (do not disturb)", or "Do not disturb" when refused', () => {
    expect(shown('outgoing', 1, 'local-hangup', true, 'do-not-disturb')).toEqual({
      en: 'Voicemail (do not disturb)',
      fr: 'Messagerie vocale (ne pas déranger)',
      outcome: 'voicemail-dnd',
    });
    expect(shown('outgoing', undefined, 'do-not-disturb')).toEqual({
      en: 'Do not disturb',
      fr: 'Ne pas déranger',
      outcome: 'do-not-disturb',
    });
  });

  it('hanging up before the answer is "Cancelled" (the CANCEL answered 487, or our own hang-up)', () => {
    expect(shown('outgoing', undefined, endReasonForStatus(487))).toEqual({
      en: 'Cancelled',
      fr: 'Annulé',
      outcome: 'cancelled',
    });
    expect(shown('outgoing', undefined, 'local-hangup').fr).toBe('Annulé');
  });

  it('a colleague without a registered device (SIP 480 from the proxy) is "Not reachable"', () => {
    expect(endReasonForStatus(480)).toBe('unavailable');
    expect(shown('outgoing', undefined, endReasonForStatus(480))).toEqual({
      en: 'Not reachable',
      fr: 'Injoignable',
      outcome: 'unreachable',
    });
  });

  it('a call the voicemail service answered is "Voicemail"', () => {
    expect(shown('outgoing', 1_000, 'local-hangup', true)).toEqual({
      en: 'Voicemail',
      fr: 'Messagerie vocale',
      outcome: 'voicemail',
    });
  });

  it('keeps the other wordings: answered, busy, the callee side', () => {
    expect(shown('outgoing', 1_000, 'local-hangup').en).toBe('Answered');
    expect(shown('outgoing', undefined, endReasonForStatus(486)).en).toBe('Rejected (busy)');
    expect(shown('incoming', undefined, 'cancelled')).toMatchObject({ en: 'Missed (cancelled)', outcome: 'missed' });
    expect(shown('incoming', undefined, 'deflected')).toMatchObject({ en: 'Forwarded', fr: 'Renvoyé' });
    expect(shown('outgoing', 1_000, 'transferred').en).toBe('Answered (transferred)');
  });

  it('only what went wrong is red', () => {
    expect(journalOutcome({ direction: 'outgoing', result: 'failed', reason: 'cancelled' }).tone).toBe('neutral');
    expect(journalOutcome({ direction: 'outgoing', result: 'failed', reason: 'unavailable' }).tone).toBe('bad');
    expect(journalOutcome({ direction: 'incoming', result: 'missed', reason: 'timeout' }).tone).toBe('bad');
    expect(journalOutcome({ direction: 'outgoing', result: 'answered', reason: 'voicemail' }).tone).toBe('neutral');
  });

  it('a call a colleague picked up: "Picked up by …", not a red "Rejected"; answered on another device: "answered elsewhere"', () => {
    const taken = journalResultFor('incoming', undefined, 'completed-elsewhere');
    const picked = journalOutcome({ direction: 'incoming', ...taken, pickedUpBy: '100' });
    expect(picked).toEqual({
      outcome: 'picked-up',
      labelKey: 'journal.pickedUpBy',
      pickedUpBy: '100',
      tone: 'neutral',
    });
    expect(text(en, picked.labelKey)).toBe('Picked up by {{name}}');
    expect(text(fr, picked.labelKey)).toBe('Intercepté par {{name}}');
    expect(shown('incoming', undefined, 'completed-elsewhere')).toEqual({
      en: 'answered elsewhere',
      fr: 'répondu ailleurs',
      outcome: 'completed-elsewhere',
    });
    expect(journalOutcome({ direction: 'incoming', ...taken }).tone).toBe('neutral');
    // the picker's own journal: a normal answered call
    expect(journalOutcome({ direction: 'incoming', result: 'answered', reason: 'local-hangup' }).outcome).toBe(
      'answered',
    );
  });
});
