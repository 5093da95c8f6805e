import type { Change, DirectoryEntry } from '../../../src-preload/contract/directory/directory-http';
import type { SqliteDatabase } from '../../../src-main/core/platform/db/open-database';
import { openAccountDatabase } from '../../../src-main/core/app/client-migrations';
import { DirectoryCache } from '../../../src-main/core/features/directory/directory-cache';

/** A directory entry with defaults (no numbers, updatedAt 1). */
export function entry(
  id: string,
  displayName: string,
  extra: Partial<Omit<DirectoryEntry, 'id' | 'displayName'>> = {},
): DirectoryEntry {
  const source = extra.source ?? (id.split(':')[0] as DirectoryEntry['source']);
  return { id, source, displayName, numbers: [], updatedAt: 1, ...extra };
}

/** An upsert change of the feed. */
export function upsert(revision: number, value: DirectoryEntry): Change {
  return { revision, op: 'upsert', id: value.id, entry: value };
}

/** A delete change of the feed. */
export function remove(revision: number, id: string): Change {
  return { revision, op: 'delete', id };
}

/** A fresh in-memory database (all migrations) with a cache over it. */
export function freshCache(): { db: SqliteDatabase; cache: DirectoryCache } {
  const db = openAccountDatabase(':memory:');
  return { db, cache: new DirectoryCache(db) };
}

/** Loads entries as one change page ending at `revision` (default: their count). */
export function load(cache: DirectoryCache, entries: readonly DirectoryEntry[], revision = entries.length): void {
  cache.applyChanges(
    entries.map((value, index) => upsert(Math.min(index + 1, revision), value)),
    revision,
  );
}

/** `{ source: [display names] }` of a search, in result order. */
export function names(cache: DirectoryCache, query: string, opts?: Parameters<DirectoryCache['search']>[1]) {
  return Object.fromEntries(
    cache.search(query, opts).groups.map((group) => [group.source, group.entries.map((e) => e.displayName)]),
  );
}
