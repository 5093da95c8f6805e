import { describe, expect, it } from 'vitest';
import { canonicalNumber } from '../../../server/src/features/directory/canonical-number';

describe('canonicalNumber (SPEC C5)', () => {
  it.each([
    ['+49 (89) 7007-98765', '+49 89 700798765'],
    ['0049 89 700798765', '+49 89 700798765'],
    ['+33 (0)1 23 45 67 89', '+33 1 23 45 67 89'],
    ['+33/1.23.45.67.89', '+33 1 23 45 67 89'],
  ])('formats the international number %s as %s', (input, expected) => {
    expect(canonicalNumber(input)).toEqual({ ok: true, number: expected });
  });

  it.each([
    ['101', '101'],
    ['1 01', '101'],
    ['*21#', '*21#'],
  ])('keeps the internal number %s as %s', (input, expected) => {
    expect(canonicalNumber(input)).toEqual({ ok: true, number: expected });
  });

  it('uses the default region for national numbers, and keeps them as digits without one', () => {
    expect(canonicalNumber('01 23 45 67 89', { defaultRegion: 'FR' })).toEqual({
      ok: true,
      number: '+33 1 23 45 67 89',
    });
    expect(canonicalNumber('01 23 45 67 89')).toEqual({ ok: true, number: '0123456789' });
  });

  it.each(['', 'abc', '++49 89 1', '+49', '1', '12#3', '+999 1234', '0'.repeat(65)])(
    'refuses %j with a reason',
    (input) => {
      const result = canonicalNumber(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(/number/);
    },
  );
});
