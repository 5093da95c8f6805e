import { describe, expect, it } from 'vitest';
import { numberSearchTokens } from '../../../src-main/core/features/directory/number-search-tokens';

describe('numberSearchTokens', () => {
  it('indexes the digits and, for international numbers, the national form with 0', () => {
    expect(numberSearchTokens([{ number: '+49 (89) 7007-98765' }])).toBe('4989700798765 089700798765');
    expect(numberSearchTokens([{ number: '+33 6 12 34 56 78' }])).toBe('33612345678 0612345678');
    expect(numberSearchTokens([{ number: '+1 212 555 0100' }])).toBe('12125550100 02125550100');
    expect(numberSearchTokens([{ number: '+380 44 123 4567' }])).toBe('380441234567 0441234567');
  });

  it('keeps other numbers as digits, drops duplicates and empties', () => {
    expect(
      numberSearchTokens([{ number: '100' }, { number: '0700 798765' }, { number: '100' }, { number: 'n/a' }]),
    ).toBe('100 0700798765');
    expect(numberSearchTokens([])).toBe('');
    // No known country code: digits only.
    expect(numberSearchTokens([{ number: '+999 1' }])).toBe('9991');
  });
});
