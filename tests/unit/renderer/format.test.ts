import { describe, expect, it } from 'vitest';
import { formatDuration, formatNumber, localeFor } from '../../../src-renderer/src/lib/format';

describe('format', () => {
  it('formats durations', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(-5)).toBe('0:00');
    expect(formatDuration(65_900)).toBe('1:05');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
  });

  it('formats international numbers and leaves extensions alone', () => {
    expect(formatNumber('101')).toBe('101');
    expect(formatNumber('+33612345678')).toBe('+33 6 12 34 56 78');
    expect(formatNumber('0033612345678')).toBe('+33 6 12 34 56 78');
    expect(formatNumber('+1')).toBe('+1');
  });

  it('picks the regional variant of the chosen language', () => {
    expect(localeFor('en', ['fr-FR', 'en-GB'])).toBe('en-GB');
    expect(localeFor('fr', ['en-US'])).toBe('fr');
  });
});
