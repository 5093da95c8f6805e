import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Change } from '../../../src-preload/contract/directory/directory-http';
import type { SqliteDatabase } from '../../../src-main/core/platform/db/open-database';
import { openAccountDatabase } from '../../../src-main/core/app/client-migrations';
import { DirectoryCache } from '../../../src-main/core/features/directory/directory-cache';
import { entry, freshCache, load, names, remove, upsert } from './directory-test-data';

describe('DirectoryCache', () => {
  let db: SqliteDatabase;
  let cache: DirectoryCache;
  let changes: number;

  beforeEach(() => {
    ({ db, cache } = freshCache());
    changes = 0;
    cache.onDidChange(() => {
      changes += 1;
    });
  });
  afterEach(() => db.close());

  describe('applyChanges', () => {
    it('upserts and deletes entries and stores the revision', () => {
      expect(cache.revision).toBe(0);
      cache.applyChanges(
        [
          upsert(1, entry('internal:100', 'Bruno Müller')),
          upsert(2, entry('global:1', 'Muller SA')),
          upsert(3, entry('global:2', 'Other')),
        ],
        3,
      );
      expect(cache.count()).toBe(3);
      expect(cache.revision).toBe(3);
      expect(changes).toBe(1);

      cache.applyChanges(
        [remove(4, 'global:2'), upsert(5, entry('global:1', 'Muller AG', { company: 'Muller AG' }))],
        7,
      );
      expect(cache.count()).toBe(2);
      expect(cache.get('global:2')).toBeUndefined();
      expect(cache.get('global:1')).toMatchObject({ displayName: 'Muller AG', company: 'Muller AG' });
      expect(names(cache, 'ag')).toEqual({ global: ['Muller AG'] });
      expect(names(cache, 'sa')).toEqual({});
      expect(cache.revision).toBe(7);
      expect(changes).toBe(2);
    });

    it('is idempotent: a replayed page leaves one row per entry', () => {
      const page = [upsert(1, entry('internal:100', 'Bruno Müller')), upsert(2, entry('global:1', 'Muller SA'))];
      cache.applyChanges(page, 2);
      cache.applyChanges(page, 2);
      cache.applyChanges([upsert(2, entry('global:1', 'Muller SA'))], 2);
      expect(cache.count()).toBe(2);
      expect(cache.search('mul').groups.map((g) => g.total)).toEqual([1, 1]);
      // Deleting twice (or deleting an unknown id) is a no-op.
      cache.applyChanges([remove(3, 'global:1'), remove(3, 'global:1'), remove(3, 'global:404')], 3);
      expect(cache.count()).toBe(1);
      integrityOk(db);
    });

    it('moves an entry in the order when its name changes, keeping one row', () => {
      cache.applyChanges([upsert(1, entry('global:1', 'Zed Meyer')), upsert(2, entry('global:2', 'Anna Meyer'))], 2);
      expect(names(cache, 'meyer').global).toEqual(['Anna Meyer', 'Zed Meyer']);
      cache.applyChanges([upsert(3, entry('global:1', 'Aaron Meyer'))], 3);
      expect(names(cache, 'meyer').global).toEqual(['Aaron Meyer', 'Anna Meyer']);
      expect(names(cache, 'zed')).toEqual({});
      // Moving to another directory moves it to that group.
      cache.applyChanges([upsert(4, entry('global:1', 'Aaron Meyer', { source: 'system' }))], 4);
      expect(names(cache, 'meyer')).toEqual({ system: ['Aaron Meyer'], global: ['Anna Meyer'] });
      expect(cache.count()).toBe(2);
      integrityOk(db);
    });

    it('rolls the whole page back on a malformed change (nothing applied, revision unchanged)', () => {
      cache.applyChanges([upsert(1, entry('global:1', 'Kept'))], 1);
      changes = 0;
      const malformed: unknown[] = [
        { revision: 2, op: 'upsert', id: 'global:3' }, // upsert without entry
        { revision: 2, op: 'rename', id: 'global:3' },
        { revision: 2, op: 'upsert', id: 'global:3', entry: { ...entry('global:3', 'x'), source: 'ldap' } },
        { revision: 2, op: 'upsert', id: 'global:3', entry: { ...entry('global:3', 'x'), numbers: 'none' } },
        { revision: 2, op: 'upsert', id: 'global:3', entry: entry('global:4', 'other id') },
        { revision: 9, op: 'upsert', id: 'global:3', entry: entry('global:3', 'beyond the page') },
        null,
      ];
      for (const bad of malformed) {
        const page = [upsert(2, entry('global:2', 'Added')), remove(2, 'global:1'), bad as Change];
        expect(() => cache.applyChanges(page, 2)).toThrow(/change #2/);
        expect(cache.count()).toBe(1);
        expect(cache.get('global:1')?.displayName).toBe('Kept');
        expect(cache.get('global:2')).toBeUndefined();
        expect(cache.revision).toBe(1);
      }
      expect(changes).toBe(0);
      integrityOk(db);
    });

    it('applies the last change of an id within a page', () => {
      cache.applyChanges([upsert(1, entry('global:1', 'Gone')), remove(2, 'global:1')], 2);
      expect(cache.get('global:1')).toBeUndefined();
      cache.applyChanges(
        [remove(3, 'global:2'), upsert(4, entry('global:2', 'First')), upsert(5, entry('global:2', 'Second'))],
        5,
      );
      expect(cache.get('global:2')?.displayName).toBe('Second');
      expect(names(cache, 'first')).toEqual({});
      expect(cache.count()).toBe(1);
      integrityOk(db);
    });

    it('keeps index, order and content consistent over shuffled bulk pages with renames and deletes', () => {
      let seed = 7;
      const random = () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648;
      };
      const word = () => ['Ab', 'Mü', 'Zo', 'Fr', 'Ça'][Math.floor(random() * 5)]! + Math.floor(random() * 1000);
      const expected = new Map<string, string>();
      let revision = 0;
      for (let page = 0; page < 5; page += 1) {
        const batch: Change[] = [];
        for (let i = 0; i < 300; i += 1) {
          revision += 1;
          const id = `global:${Math.floor(random() * 400)}`;
          if (random() < 0.2) {
            batch.push(remove(revision, id));
            expected.delete(id);
          } else {
            const name = `${word()} ${word()}`;
            batch.push(upsert(revision, entry(id, name)));
            expected.set(id, name);
          }
        }
        cache.applyChanges(batch, revision);
      }
      expect(cache.count()).toBe(expected.size);
      for (const [id, name] of expected) expect(cache.get(id)?.displayName).toBe(name);
      const all = cache.search('mu', { limit: 200 }).groups[0];
      const folded = (name: string) => name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().slice(0, 7);
      const shown = (all?.entries ?? []).map((e) => folded(e.displayName));
      expect(shown).toEqual([...shown].sort());
      expect(all?.total).toBe([...expected.values()].filter((n) => /(^| )mü/i.test(n)).length);
      integrityOk(db);
    });

    it('refuses a revision going backwards or invalid, writing nothing', () => {
      cache.applyChanges([], 5);
      expect(() => cache.applyChanges([upsert(3, entry('global:1', 'Late'))], 4)).toThrow(/older than the cache/);
      expect(() => cache.applyChanges([], -1)).toThrow(RangeError);
      expect(() => cache.applyChanges([], 1.5)).toThrow(RangeError);
      expect(() => cache.applyChanges('x' as never, 6)).toThrow(TypeError);
      expect(cache.count()).toBe(0);
      expect(cache.revision).toBe(5);
    });

    it('does not fire onDidChange for an empty page at the same revision', () => {
      cache.applyChanges([], 0);
      expect(changes).toBe(0);
      cache.applyChanges([], 1);
      expect(changes).toBe(1);
    });
  });

  describe('nameForNumber (the one lookup behind names on calls, the journal, recent dials, conversations)', () => {
    beforeEach(() => {
      load(cache, [
        entry('global:1', 'Muller SA', { numbers: [{ kind: 'business', number: '+49 (89) 7007-98765' }] }),
        entry('personal:1', 'Bruno (mobile)', { numbers: [{ kind: 'mobile', number: '101' }] }),
        entry('internal:101', 'Bruno Müller', { numbers: [{ kind: 'internal', number: '101' }] }),
        entry('personal:2', 'Zoé', { numbers: [{ kind: 'mobile', number: '06 12 34 56 78' }] }),
      ]);
    });

    it('finds the entry whatever the spelling of the number', () => {
      expect(cache.nameForNumber('+4989700798765')).toBe('Muller SA');
      expect(cache.nameForNumber('+49 89 7007 98765')).toBe('Muller SA');
      expect(cache.nameForNumber('089700798765')).toBe('Muller SA');
      expect(cache.nameForNumber('0612345678')).toBe('Zoé');
    });

    it('prefers a colleague (internal directory) to a contact with the same number', () => {
      expect(cache.nameForNumber('101')).toBe('Bruno Müller');
    });

    it('matches whole numbers only, and nothing for unknown numbers or non-numbers', () => {
      expect(cache.nameForNumber('10')).toBeUndefined();
      expect(cache.nameForNumber('1010')).toBeUndefined();
      expect(cache.nameForNumber('999')).toBeUndefined();
      expect(cache.nameForNumber('sip:101@example.com')).toBeUndefined();
      expect(cache.nameForNumber('mul')).toBeUndefined();
      expect(cache.nameForNumber('')).toBeUndefined();
    });
  });

  describe('local edits', () => {
    it('round-trips the pendingSync flag', () => {
      cache.upsertLocal({ ...entry('personal:p1', 'Anna Local'), pendingSync: true });
      expect(cache.get('personal:p1')).toMatchObject({ displayName: 'Anna Local', pendingSync: true });
      expect(names(cache, 'anna')).toEqual({ personal: ['Anna Local'] });
      cache.setPendingSync('personal:p1', false);
      expect(cache.get('personal:p1')?.pendingSync).toBeUndefined();
      cache.setPendingSync('personal:p1', true);
      expect(cache.get('personal:p1')?.pendingSync).toBe(true);
      expect(changes).toBe(3);
      cache.setPendingSync('personal:unknown', true); // no-op, no event
      expect(changes).toBe(3);
      expect(() => cache.setPendingSync('personal:p1', 'yes' as never)).toThrow(TypeError);
    });

    it('keeps the pending flag when the server sends the same contact, until cleared', () => {
      cache.upsertLocal(entry('personal:p1', 'Anna Local'));
      cache.applyChanges([upsert(1, entry('personal:p1', 'Anna Server', { handEdited: true }))], 1);
      expect(cache.get('personal:p1')).toMatchObject({
        displayName: 'Anna Server',
        handEdited: true,
        pendingSync: true,
      });
      cache.setPendingSync('personal:p1', false);
      expect(cache.get('personal:p1')).not.toHaveProperty('pendingSync');
    });

    it('only accepts well-formed personal contacts', () => {
      expect(() => cache.upsertLocal(entry('internal:1', 'Not mine'))).toThrow(/only personal contacts/);
      expect(() =>
        cache.upsertLocal({ ...entry('personal:p1', 'x'), numbers: [{ kind: 'fax', number: '1' }] } as never),
      ).toThrow(/malformed/);
      expect(cache.count()).toBe(0);
    });

    it('deletes locally; an absent id is a no-op', () => {
      cache.upsertLocal(entry('personal:p1', 'Anna Local'));
      cache.deleteLocal('personal:p1');
      expect(cache.get('personal:p1')).toBeUndefined();
      expect(names(cache, 'anna')).toEqual({});
      cache.deleteLocal('personal:p1');
      expect(changes).toBe(2);
    });

    it('reset() drops server data but keeps pending local edits', () => {
      cache.applyChanges([upsert(1, entry('global:1', 'Server')), upsert(2, entry('personal:p2', 'Synced'))], 2);
      cache.upsertLocal(entry('personal:p1', 'Pending'));
      cache.reset();
      expect(cache.revision).toBe(0);
      expect(cache.count()).toBe(1);
      expect(cache.get('personal:p1')?.pendingSync).toBe(true);
      integrityOk(db);
    });
  });

  it('never throws on hostile queries (quotes, FTS5 operators, random strings)', () => {
    cache.applyChanges(
      [
        upsert(1, entry('internal:1', 'Bruno Müller', { numbers: [{ kind: 'internal', number: '100' }] })),
        upsert(2, entry('global:1', 'AND OR NOT NEAR', { company: 'Quote "Inc"' })),
      ],
      2,
    );
    const fixed = [
      '"',
      '""',
      '"mul',
      'mul"',
      '"bruno müller"',
      "'",
      '(',
      ')',
      '(mul',
      'mul)',
      'NEAR(mul bru)',
      'NEAR',
      'AND',
      'mul AND',
      'OR mul',
      'NOT',
      'mul NOT bru',
      '^mul',
      'display_name:mul',
      '{display_name}:mul',
      '-mul',
      '+mul',
      'mul*bru',
      '*mul',
      '**',
      ':',
      '\\',
      '\u0000',
      'mul\u0000',
      '\u{1F600}',
      'a'.repeat(200),
      '0'.repeat(200),
      '+-()/:;.',
      '00',
    ];
    for (const query of fixed) expect(() => cache.search(query), query).not.toThrow();
    expect(names(cache, '"bruno müller"')).toEqual({ internal: ['Bruno Müller'] });
    expect(names(cache, 'NEAR(mul bru)')).toEqual({});
    expect(names(cache, 'and or')).toEqual({ global: ['AND OR NOT NEAR'] });
    expect(names(cache, '"inc"')).toEqual({ global: ['AND OR NOT NEAR'] });

    // Seeded fuzz over an alphabet rich in FTS5 syntax.
    const alphabet = [
      '"',
      "'",
      '(',
      ')',
      '*',
      '^',
      ':',
      '-',
      '+',
      '{',
      '}',
      ' ',
      'AND',
      'OR',
      'NOT',
      'NEAR',
      'mu',
      'é',
      '1',
      ',',
      '.',
      '\\',
      '\u0301',
      '\t',
    ];
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 2000; i += 1) {
      let query = '';
      const length = 1 + Math.floor(random() * 12);
      for (let j = 0; j < length; j += 1) query += alphabet[Math.floor(random() * alphabet.length)];
      expect(() => cache.search(query), JSON.stringify(query)).not.toThrow();
    }
    // Random code points, lone surrogates and private use included.
    for (let i = 0; i < 500; i += 1) {
      const units = Array.from({ length: 1 + Math.floor(random() * 8) }, () =>
        random() < 0.5 ? Math.floor(random() * 0x80) : Math.floor(random() * 0x10000),
      );
      const query = String.fromCharCode(...units);
      expect(() => cache.search(query), JSON.stringify(query)).not.toThrow();
    }
  });

  it('keeps the revision and the entries across a reopen of the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-directory-'));
    try {
      const path = join(dir, 'cache.db');
      const first = openAccountDatabase(path);
      new DirectoryCache(first).applyChanges([upsert(11, entry('internal:100', 'Bruno Müller'))], 12);
      first.close();
      const second = openAccountDatabase(path);
      const reopened = new DirectoryCache(second);
      expect(reopened.revision).toBe(12);
      expect(names(reopened, 'mul')).toEqual({ internal: ['Bruno Müller'] });
      second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('raises a small page cache (bulk loads) but never shrinks a bigger one', () => {
    const { db: small } = freshCache();
    expect(small.pragma('cache_size', { simple: true })).toBeLessThanOrEqual(-32 * 1024);
    small.close();
    const big = openAccountDatabase(':memory:');
    big.pragma('cache_size = -100000');
    new DirectoryCache(big);
    expect(big.pragma('cache_size', { simple: true })).toBe(-100000);
    big.close();
  });
});

function integrityOk(db: SqliteDatabase): void {
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  db.exec("INSERT INTO directory_fts (directory_fts, rank) VALUES ('integrity-check', 1)");
  db.exec("INSERT INTO directory_number_fts (directory_number_fts, rank) VALUES ('integrity-check', 1)");
}
