/**
 * Dial mode (SPEC J4) in the forwarding rules: stored with the CallMe number,
 * `app` when absent (rules stored before it existed), callback only with a
 * CallMe number; the Settings draft carries it and names the missing number.
 */
import { describe, expect, it } from 'vitest';
import { defaultForwardingRules, forwardingRulesSchema } from '../../../src-preload/contract/forwarding';
import { draftOf, rulesOf } from '../../../src-renderer/src/features/forwarding/forwarding-draft';

describe('dial mode', () => {
  it('is the app when absent from stored rules', () => {
    const { dialMode: _omitted, ...old } = defaultForwardingRules('UTC');
    expect(forwardingRulesSchema.parse(old).dialMode).toBe('app');
  });

  it('callback needs a CallMe number; associated does not', () => {
    const rules = defaultForwardingRules('UTC');
    const callback = forwardingRulesSchema.safeParse({ ...rules, dialMode: 'callback' });
    expect(callback.success).toBe(false);
    expect(callback.error?.issues[0]?.path).toEqual(['dialMode']);
    expect(
      forwardingRulesSchema.safeParse({ ...rules, dialMode: 'callback', callMe: { enabled: false, number: '0612' } })
        .success,
    ).toBe(true);
    expect(forwardingRulesSchema.safeParse({ ...rules, dialMode: 'associated' }).success).toBe(true);
    expect(forwardingRulesSchema.safeParse({ ...rules, dialMode: 'mobile' }).success).toBe(false);
  });

  it('the Settings draft round-trips it and asks for the CallMe number in callback mode', () => {
    const rules = {
      ...defaultForwardingRules('UTC'),
      dialMode: 'callback' as const,
      callMe: { enabled: false, number: '0612345678' },
    };
    expect(rulesOf(draftOf(rules, 'UTC'))).toEqual({ rules });
    const draft = { ...draftOf(rules, 'UTC'), callMe: { enabled: false, number: '' } };
    expect(rulesOf(draft)).toEqual({ errors: { 'callMe.number': 'number-required' } });
  });
});
