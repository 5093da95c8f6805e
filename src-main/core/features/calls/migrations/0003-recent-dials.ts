import type { Migration } from '../../../platform/db/migration';

/**
 * Recently dialed targets, one row per distinct target. `id` grows with every
 * dial (a re-dial deletes and re-inserts) so "newest first" does not depend on
 * clock resolution; `dialed_at` is informative.
 */
export const migration0003RecentDials: Migration = {
  version: 3,
  name: 'recent-dials',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS recent_dials (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        target    TEXT    NOT NULL UNIQUE CHECK (length(target) >= 1),
        dialed_at INTEGER NOT NULL
      );
    `);
  },
};
