import { describe, expect, it } from 'vitest';
import { brokenPinRules, PIN_RULES, type PinRule } from '../../../src-preload/contract/voicemail';

// The voicemail PIN rules (SPEC H4), one table: the server enforces exactly these and the
// Settings form ticks exactly these.

const TABLE: [pin: string, broken: PinRule[]][] = [
  ['', ['six-digits', 'not-all-same', 'not-a-run']],
  ['2', ['six-digits', 'not-all-same', 'not-a-run']],
  ['29', ['six-digits']],
  ['12', ['six-digits', 'not-a-run']],
  ['12345', ['six-digits', 'not-a-run']],
  ['1234567', ['six-digits', 'not-a-run']],
  ['12a456', ['six-digits', 'not-all-same', 'not-a-run']],
  ['١٢٣٤٥٧', ['six-digits', 'not-all-same', 'not-a-run']],
  [' 29471', ['six-digits', 'not-all-same', 'not-a-run']],
  ['000000', ['not-all-same']],
  ['777777', ['not-all-same']],
  ['123456', ['not-a-run']],
  ['654321', ['not-a-run']],
  ['012345', ['not-a-run']],
  ['543210', ['not-a-run']],
  ['789012', ['not-a-run']],
  ['210987', ['not-a-run']],
  ['294710', []],
  ['123457', []],
  ['112233', []],
  ['135791', []],
  ['000001', []],
  ['654320', []],
];

describe('voicemail PIN rules', () => {
  it.each(TABLE)('%j breaks %j', (pin, broken) => {
    expect(brokenPinRules(pin)).toEqual(broken);
  });

  it('lists the rules in the order the form shows them', () => {
    expect(PIN_RULES).toEqual(['six-digits', 'not-all-same', 'not-a-run']);
  });
});
