import type { Migration } from '../../../platform/db/migration';

/**
 * The call journal: one row per finished call, keyed by the engine's call id
 * so recording the same call twice updates it (see `JournalStore.record`).
 *
 * `direction` and `result` are CHECK-constrained (closed sets that the UI
 * relies on). `reason` is deliberately not: new end reasons may appear in the
 * contract and SQLite cannot alter a CHECK without rebuilding the table; the
 * store validates it instead.
 */
export const migration0001CallJournal: Migration = {
  version: 1,
  name: 'call-journal',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS call_journal (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        call_id     TEXT    NOT NULL UNIQUE CHECK (length(call_id) BETWEEN 1 AND 128),
        direction   TEXT    NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
        peer        TEXT    NOT NULL,
        peer_name   TEXT,
        started_at  INTEGER NOT NULL,
        answered_at INTEGER,
        ended_at    INTEGER NOT NULL,
        result      TEXT    NOT NULL CHECK (result IN ('answered', 'missed', 'rejected', 'failed')),
        reason      TEXT
      );
      CREATE INDEX IF NOT EXISTS call_journal_started_at ON call_journal (started_at);
    `);
  },
};
