import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDatabase } from '../../../src-main/core/platform/db/open-database';
import {
  DIRECTORY_DEFAULT_LIMIT,
  DIRECTORY_TOTAL_CAP,
  type DirectoryCache,
} from '../../../src-main/core/features/directory/directory-cache';
import { entry, freshCache, load, names } from './directory-test-data';

const PEOPLE = [
  entry('internal:100', 'Bruno Müller', {
    firstName: 'Bruno',
    lastName: 'Müller',
    email: 'bruno.mueller@example.com',
    numbers: [
      { kind: 'internal', number: '100' },
      { kind: 'mobile', number: '+33 6 12 34 56 78' },
    ],
  }),
  entry('internal:101', 'François Dupont', { numbers: [{ kind: 'internal', number: '101' }] }),
  entry('internal:102', 'Mulan Bru', { numbers: [{ kind: 'internal', number: '102' }] }),
  entry('personal:p1', 'Anna Muller', { company: 'Bäckerei Schmidt' }),
  entry('personal:p2', "Seán O'Brien", { numbers: [{ kind: 'business', number: '+49 (89) 7007-98765' }] }),
  entry('system:s1', 'Reception', { numbers: [{ kind: 'other', number: '+41 44 123 45 67' }] }),
  entry('global:g1', 'Muller SA', { company: 'Muller SA' }),
  entry('global:g2', 'Zoé Francois', { company: 'Crédit Mutuel' }),
];

describe('DirectoryCache.search', () => {
  let db: SqliteDatabase;
  let cache: DirectoryCache;

  beforeEach(() => {
    ({ db, cache } = freshCache());
    load(cache, PEOPLE);
  });
  afterEach(() => db.close());

  it('finds a name by the prefix of any word', () => {
    expect(names(cache, 'mul')).toEqual({
      internal: ['Bruno Müller', 'Mulan Bru'],
      personal: ['Anna Muller'],
      global: ['Muller SA'], // not Zoé Francois: her company "Crédit Mutuel" does not start with "mul"
    });
  });

  it('requires every word to match as a prefix ("bru mul")', () => {
    expect(names(cache, 'bru mul')).toEqual({ internal: ['Bruno Müller', 'Mulan Bru'] });
    expect(names(cache, 'bruno mul')).toEqual({ internal: ['Bruno Müller'] });
    expect(names(cache, 'bru xyz')).toEqual({});
  });

  it('treats a trailing * as an explicit wildcard', () => {
    expect(names(cache, 'mül*')).toEqual(names(cache, 'mül'));
    expect(names(cache, 'Mül*').internal).toEqual(['Bruno Müller', 'Mulan Bru']);
    expect(names(cache, 'muller*')).toEqual({
      internal: ['Bruno Müller'],
      personal: ['Anna Muller'],
      global: ['Muller SA'],
    });
  });

  it('ignores diacritics both ways', () => {
    // plain query finds accented names…
    expect(names(cache, 'muller').internal).toEqual(['Bruno Müller']);
    expect(names(cache, 'francois')).toEqual({ internal: ['François Dupont'], global: ['Zoé Francois'] });
    expect(names(cache, 'sean')).toEqual({ personal: ["Seán O'Brien"] });
    // …and an accented query finds plain names
    expect(names(cache, 'müller').personal).toEqual(['Anna Muller']);
    expect(names(cache, 'françois')).toEqual({ internal: ['François Dupont'], global: ['Zoé Francois'] });
    expect(names(cache, 'zoe')).toEqual({ global: ['Zoé Francois'] });
  });

  it('ignores case', () => {
    expect(names(cache, 'MULLER')).toEqual(names(cache, 'muller'));
    expect(names(cache, 'bAcKeReI')).toEqual({ personal: ['Anna Muller'] });
  });

  it('searches the company too, and splits words like the index does', () => {
    expect(names(cache, 'backerei schm')).toEqual({ personal: ['Anna Muller'] });
    expect(names(cache, "o'br")).toEqual({ personal: ["Seán O'Brien"] });
    expect(names(cache, 'credit')).toEqual({ global: ['Zoé Francois'] });
  });

  it('groups by directory in the order internal, personal, system, global with totals', () => {
    const result = cache.search('mu');
    expect(result.groups.map((g) => g.source)).toEqual(['internal', 'personal', 'global']);
    expect(result.groups.map((g) => g.total)).toEqual([2, 1, 2]);
    for (const group of result.groups) expect(group.entries.every((e) => e.source === group.source)).toBe(true);
    expect(names(cache, 're')).toEqual({ system: ['Reception'] });
    expect(Object.keys(names(cache, 'b'))).toEqual(['internal', 'personal']);
  });

  it('sorts each group alphabetically by folded display name', () => {
    const { db: db2, cache: c2 } = freshCache();
    load(c2, [
      entry('global:1', 'Mona Zed'),
      entry('global:2', 'Émile Mo'),
      entry('global:3', 'mo'),
      entry('global:4', 'Moe Alpha'),
      entry('global:5', 'Ängel Mo'),
      entry('global:6', 'Ziggy Mo'),
    ]);
    expect(names(c2, 'mo').global).toEqual(['Ängel Mo', 'Émile Mo', 'mo', 'Moe Alpha', 'Mona Zed', 'Ziggy Mo']);
    db2.close();
  });

  it('restricts to one directory with the source filter', () => {
    expect(names(cache, 'mul', { source: 'personal' })).toEqual({ personal: ['Anna Muller'] });
    expect(names(cache, 'mul', { source: 'system' })).toEqual({});
    expect(() => cache.search('mul', { source: 'ldap' as never })).toThrow(TypeError);
  });

  it('finds numbers by the prefix of their digits, whatever the formatting', () => {
    expect(names(cache, '10')).toEqual({ internal: ['Bruno Müller', 'François Dupont', 'Mulan Bru'] });
    expect(names(cache, '101')).toEqual({ internal: ['François Dupont'] });
    expect(names(cache, '0612')).toEqual({ internal: ['Bruno Müller'] }); // national form of +33 6 12…
    expect(names(cache, '06 12 34')).toEqual({ internal: ['Bruno Müller'] });
    expect(names(cache, '+4989')).toEqual({ personal: ["Seán O'Brien"] });
    expect(names(cache, '+49 (89) 7007-98')).toEqual({ personal: ["Seán O'Brien"] });
    expect(names(cache, '0049897007')).toEqual({ personal: ["Seán O'Brien"] }); // 00 international prefix
    expect(names(cache, '089 7007')).toEqual({ personal: ["Seán O'Brien"] });
    expect(names(cache, '044 123')).toEqual({ system: ['Reception'] });
    expect(names(cache, '0613')).toEqual({});
    expect(names(cache, '4989')).toEqual({ personal: ["Seán O'Brien"] });
  });

  it('returns no groups for an empty, blank or letterless query', () => {
    for (const query of ['', '   ', '*', '"', '()', '-', '*** ---', '+'])
      expect(cache.search(query)).toEqual({ groups: [] });
  });

  it('returns whole entries (numbers, optional fields) as the contract shapes them', () => {
    const [group] = cache.search('bruno').groups;
    expect(group?.entries).toEqual([
      {
        id: 'internal:100',
        source: 'internal',
        displayName: 'Bruno Müller',
        firstName: 'Bruno',
        lastName: 'Müller',
        email: 'bruno.mueller@example.com',
        numbers: [
          { kind: 'internal', number: '100' },
          { kind: 'mobile', number: '+33 6 12 34 56 78' },
        ],
        updatedAt: 1,
      },
    ]);
  });

  it('returns at most `limit` entries per group with the full total', () => {
    const { db: db2, cache: c2 } = freshCache();
    const many = Array.from({ length: 45 }, (_, i) => entry(`global:${i}`, `Meyer ${String(i).padStart(2, '0')}`));
    load(c2, [...many, entry('internal:1', 'Meyer Int')]);
    const result = c2.search('mey');
    expect(result.groups.map((g) => [g.source, g.entries.length, g.total])).toEqual([
      ['internal', 1, 1],
      ['global', DIRECTORY_DEFAULT_LIMIT, 45],
    ]);
    expect(result.groups[1]?.entries.map((e) => e.displayName)).toEqual(
      many.slice(0, DIRECTORY_DEFAULT_LIMIT).map((e) => e.displayName),
    );
    expect(c2.search('mey', { limit: 5, source: 'global' }).groups[0]?.entries).toHaveLength(5);
    expect(c2.search('mey', { limit: 45 }).groups[1]?.total).toBe(45);
    expect(() => c2.search('mey', { limit: 0 })).toThrow(RangeError);
    expect(() => c2.search('mey', { limit: 201 })).toThrow(RangeError);
    expect(() => c2.search('mey', { limit: 1.5 })).toThrow(RangeError);
    db2.close();
  });

  it(`caps totals at ${DIRECTORY_TOTAL_CAP}`, () => {
    const { db: db2, cache: c2 } = freshCache();
    const count = DIRECTORY_TOTAL_CAP + 50;
    load(
      c2,
      Array.from({ length: count }, (_, i) => entry(`global:${i}`, `Kim ${i}`)),
    );
    const [group] = c2.search('kim').groups;
    expect(group?.total).toBe(DIRECTORY_TOTAL_CAP);
    expect(c2.count()).toBe(count);
    db2.close();
  });
});
