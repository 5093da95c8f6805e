import type { Migration } from '../../../platform/db/migration';

/**
 * Sync bookkeeping next to the directory cache (whose revision lives with the
 * cache itself, migration 0004):
 *
 * - `sync_state`: key/value JSON, e.g. `account` (whose data the cache holds;
 *   another account logging in starts from an empty cache) and `last_synced_at`;
 * - `sync_deferred`: the newest server change of an entity that has local
 *   changes still in the outbox. The local state is shown until the outbox is
 *   acknowledged; then whichever is newer (this change or the acknowledgement)
 *   is applied, so a concurrent edit from another client is never lost —
 *   even across a crash, since the row commits with the cache revision.
 */
export const migration0006SyncState: Migration = {
  version: 6,
  name: 'sync-state',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS sync_state (
        key   TEXT NOT NULL PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS sync_deferred (
        entity_id TEXT    NOT NULL PRIMARY KEY,
        revision  INTEGER NOT NULL,
        change    TEXT    NOT NULL CHECK (json_valid(change))
      ) WITHOUT ROWID;
    `);
  },
};
