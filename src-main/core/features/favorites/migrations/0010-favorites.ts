import type { Migration } from '../../../platform/db/migration';

/**
 * The account's favorites (SPEC D1, D2), cached so they show offline, and the
 * outbox of the changes made here that wait for the UC server:
 *
 * - `favorites_cache`: one row per account — the groups as the user sees
 *   them (the server's list with the local changes applied), JSON, and the
 *   server version they come from;
 * - `favorites_outbox`: one change each (`FavoritesChange` JSON) with the
 *   Idempotency-Key chosen when it was queued, sent strictly in order.
 */
export const migration0010Favorites: Migration = {
  version: 10,
  name: 'favorites',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS favorites_cache (
        account  TEXT    NOT NULL PRIMARY KEY CHECK (length(account) >= 1),
        version  INTEGER NOT NULL DEFAULT 0 CHECK (version >= 0),
        groups   TEXT    NOT NULL DEFAULT '[]'
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS favorites_outbox (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        account          TEXT    NOT NULL CHECK (length(account) >= 1),
        idempotency_key  TEXT    NOT NULL UNIQUE CHECK (length(idempotency_key) = 36),
        change           TEXT    NOT NULL,
        attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at  INTEGER NOT NULL DEFAULT 0,
        last_error       TEXT,
        created_at       INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS favorites_outbox_account ON favorites_outbox (account, id);
    `);
  },
};
