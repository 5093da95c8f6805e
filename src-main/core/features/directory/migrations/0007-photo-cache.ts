import type { Migration } from '../../../platform/db/migration';

/**
 * Photos of directory entries (internal users), fetched from the UC server
 * and kept so they show instantly and offline (SPEC C1, K). One row per
 * absolute photo URL (server origin + path with its `?v=` content version);
 * `etag` revalidates with If-None-Match; `fetched_at` (epoch ms) drives the
 * revalidation age and the eviction of the oldest rows.
 */
export const migration0007PhotoCache: Migration = {
  version: 7,
  name: 'photo-cache',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS photos (
        url        TEXT    NOT NULL PRIMARY KEY,
        mime       TEXT    NOT NULL CHECK (mime IN ('image/png', 'image/jpeg')),
        bytes      BLOB    NOT NULL,
        etag       TEXT    NOT NULL,
        fetched_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS photos_fetched_at ON photos (fetched_at);
    `);
  },
};
