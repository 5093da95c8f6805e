import { describe, expect, it } from 'vitest';
import { formatNumberForDisplay } from '../../../src-main/core/features/calls/format-number';

describe('formatNumberForDisplay', () => {
  it.each([
    ['+33123456789', '+33 1 23 45 67 89'],
    ['+442079460958', '+44 20 7946 0958'],
    ['+15550100100', '+1 555 010 0100'],
    ['101', '101'],
    ['*21#', '*21#'],
    ['0123456789', '0123456789'],
    ['alice', 'alice'],
    ['sip:alice@example.com', 'sip:alice@example.com'],
    ['+999123', '+999123'], // unknown country code: unchanged
    ['+33 1 23', '+33 1 23'], // not E.164: unchanged
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(formatNumberForDisplay(input)).toBe(expected);
  });
});
