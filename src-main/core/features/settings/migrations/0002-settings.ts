import type { Migration } from '../../../platform/db/migration';

/**
 * User settings as key/value rows; `value` holds JSON so each setting keeps its
 * type. Unknown keys are kept untouched (a newer build may have written them).
 */
export const migration0002Settings: Migration = {
  version: 2,
  name: 'settings',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS settings (
        key   TEXT NOT NULL PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) WITHOUT ROWID;
    `);
  },
};
