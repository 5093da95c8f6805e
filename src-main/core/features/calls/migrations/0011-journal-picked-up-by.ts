import type { Migration } from '../../../platform/db/migration';

/**
 * Pickup (SPEC D3): who took a call that rang here — the colleague's number, set when the UC
 * server says so (`call-picked-up`); NULL for every other call. SQLite's ADD COLUMN has no
 * IF NOT EXISTS, so `up` checks the columns itself (re-running it is a no-op).
 */
export const migration0011JournalPickedUpBy: Migration = {
  version: 11,
  name: 'journal-picked-up-by',
  up(db) {
    const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('call_journal') as string[];
    if (columns.includes('picked_up_by')) return;
    db.exec(`
      ALTER TABLE call_journal ADD COLUMN picked_up_by TEXT
        CHECK (picked_up_by IS NULL OR length(picked_up_by) BETWEEN 1 AND 64);
    `);
  },
};
