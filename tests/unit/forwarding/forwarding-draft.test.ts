/**
 * The Settings form's working copy of the forwarding rules: made from the
 * stored rules (or defaults), turned back into rules, or into per-field
 * errors — a number is checked where it is used, typed spaces are dropped.
 */
import { describe, expect, it } from 'vitest';
import { defaultForwardingRules, forwardingRulesSchema } from '../../../src-preload/contract/forwarding';
import { compactNumber, draftOf, rulesOf } from '../../../src-renderer/src/features/forwarding/forwarding-draft';

describe('forwarding draft', () => {
  it('round-trips the stored rules', () => {
    const rules = defaultForwardingRules('Europe/Paris');
    rules.immediate = {
      enabled: true,
      target: { kind: 'number', number: '+33612345678' },
      window: { days: [1, 5], start: '18:00', end: '08:00' },
    };
    rules.byStatus.vacation = { kind: 'mobile' };
    rules.alsoRing = { enabled: true, number: '102' };
    const result = rulesOf(draftOf(rules, 'Europe/Paris'));
    expect(result).toEqual({ rules });
  });

  it('starts from the defaults in the local time zone, and they are valid', () => {
    const result = rulesOf(draftOf(null, 'America/Montreal'));
    expect('rules' in result && forwardingRulesSchema.parse(result.rules).timeZone).toBe('America/Montreal');
  });

  it('compacts typed numbers', () => {
    expect(compactNumber(' +33 (0)6 12/34 ')).toBe('+33061234');
    const draft = draftOf(null, 'UTC');
    draft.busy = { enabled: true, target: { kind: 'number', number: '06 12 34 56 78' } };
    const result = rulesOf(draft);
    expect('rules' in result && result.rules.busy.target).toEqual({ kind: 'number', number: '0612345678' });
  });

  it('names each wrong field, and only where the value is used', () => {
    const draft = draftOf(null, 'UTC');
    draft.immediate = {
      ...draft.immediate,
      enabled: true,
      target: { kind: 'number', number: '' },
      windowOn: true,
      days: [],
    };
    draft.noAnswer = { enabled: true, target: { kind: 'voicemail', number: '' }, seconds: '95' };
    draft.alsoRing = { enabled: true, number: 'x!' };
    draft.byStatus.lunch = { kind: 'number', number: '' };
    draft.callMe = { enabled: true, number: ' ' };
    // disabled: its unfinished number is not an error
    draft.unreachable = { enabled: false, target: { kind: 'number', number: '12 a!' } };
    expect(rulesOf(draft)).toEqual({
      errors: {
        'immediate.target': 'number-required',
        'immediate.days': 'window-days',
        'noAnswer.seconds': 'seconds-range',
        'alsoRing.number': 'number-invalid',
        'callMe.number': 'number-required',
        'byStatus.lunch': 'number-required',
      },
    });
  });

  it('refuses a window that starts when it ends', () => {
    const draft = draftOf(null, 'UTC');
    draft.immediate = { ...draft.immediate, enabled: true, windowOn: true, start: '09:00', end: '09:00' };
    expect(rulesOf(draft)).toEqual({ errors: { 'immediate.times': 'window-times' } });
  });
});
