import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatDuration,
  formatNumber,
  localeFor,
} from '../../../src-renderer/src/platform/format';

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

  it('formats dates in the chosen date format (SPEC A7)', () => {
    // 5 March 2026, 14:07 local time: day and month differ so the order shows
    const at = new Date(2026, 2, 5, 14, 7).getTime();
    expect(formatDate(at, 'en-US', 'dd/mm/yyyy')).toBe('05/03/2026');
    expect(formatDate(at, 'en-US', 'mm/dd/yyyy')).toBe('03/05/2026');
    expect(formatDate(at, 'fr', 'yyyy-mm-dd')).toBe('2026-03-05');
    // 'locale' follows the language
    expect(formatDate(at, 'en-US', 'locale')).toBe('3/5/26');
    expect(formatDate(at, 'fr', 'locale')).toBe('05/03/2026');
    // the time follows the locale whatever the date format
    expect(formatDateTime(at, 'fr', 'mm/dd/yyyy')).toBe('03/05/2026 14:07');
    expect(formatDateTime(at, 'en-US', 'yyyy-mm-dd')).toMatch(/^2026-03-05 2:07\sPM$/);
    expect(formatDateTime(at, 'en-US')).toMatch(/^3\/5\/26, 2:07\sPM$/);
  });
});
