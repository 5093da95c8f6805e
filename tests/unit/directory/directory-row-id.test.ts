import { describe, expect, it } from 'vitest';
import {
  DIRECTORY_BUCKET_SIZE,
  DIRECTORY_SOURCE_ORDER,
  bucketOf,
  bucketOfRowId,
  bucketStart,
  sortKey,
  sourceRowIdRange,
} from '../../../src-main/core/features/directory/directory-row-id';

describe('directory row ids', () => {
  it('orders sort keys alphabetically after folding case and diacritics', () => {
    const sorted = [
      '',
      'a',
      'A b',
      'Ab',
      'Émile',
      'emilf',
      'mo',
      'Moe',
      'Mona',
      'Müller',
      'Mullf',
      'Straße',
      'strasse2',
      'z',
      'Ωmega',
    ];
    const keys = sorted.map(sortKey);
    for (let i = 1; i < keys.length; i += 1)
      expect(keys[i]! >= keys[i - 1]!, `${sorted[i - 1]} <= ${sorted[i]}`).toBe(true);
    expect(sortKey('Müller')).toBe(sortKey('MULLER'));
    expect(sortKey('Straße')).toBe(sortKey('strasse'));
    expect(sortKey('(Reception)')).toBe(sortKey('reception'));
    // Only the first 7 characters count.
    expect(sortKey('Abcdefgh')).toBe(sortKey('abcdefgz'));
    expect(sortKey('Abcdefg')).toBeLessThan(sortKey('abcdefh'));
  });

  it('gives each source a disjoint range in group order, within 63 bits', () => {
    const ranges = DIRECTORY_SOURCE_ORDER.map(sourceRowIdRange);
    expect(ranges[0]?.first).toBe(0n);
    for (let i = 1; i < ranges.length; i += 1) expect(ranges[i]!.first).toBe(ranges[i - 1]!.last + 1n);
    expect(ranges.at(-1)!.last).toBeLessThan(1n << 63n);
  });

  it('places a bucket inside its source range, sorted by name', () => {
    for (const source of DIRECTORY_SOURCE_ORDER) {
      const { first, last } = sourceRowIdRange(source);
      for (const name of ['', 'a', 'Müller', 'zzzzzzzzzz', '\u{10FFFF}'.repeat(8)]) {
        const start = bucketStart(bucketOf(source, name));
        expect(start >= first && start + DIRECTORY_BUCKET_SIZE - 1n <= last, `${source} ${name}`).toBe(true);
        expect(bucketOfRowId(start + DIRECTORY_BUCKET_SIZE - 1n)).toBe(bucketOf(source, name));
      }
      expect(bucketOf(source, 'anna')).toBeLessThan(bucketOf(source, 'bruno'));
    }
  });
});
