import type { Migration } from '../../../platform/db/migration';

/**
 * The local cache of the directories (internal, personal, system, global —
 * SPEC C1, K) and its full-text index, used by `DirectoryCache`.
 *
 * - `directory_entries`: one row per entry, keyed by the server's `id`.
 *   `rid` is the entry's row id in the FTS5 indexes, and not arbitrary: it
 *   encodes the source and the alphabetical position of the entry so a search
 *   walks the index in result order (layout in `directory/directory-row-id.ts`;
 *   the CHECK ties its top bits to `source`). It is a UNIQUE column rather than
 *   the table's INTEGER PRIMARY KEY on purpose: new rows then append to the
 *   table instead of landing at random places of a large b-tree (only the
 *   small `rid` index takes random inserts), which keeps bulk loads fast.
 *   `numbers` is the JSON array of the contract; `number_digits` is derived
 *   from it for number search.
 * - `directory_fts`: FTS5 external-content index over the names and the
 *   company (https://www.sqlite.org/fts5.html#external_content_tables), with
 *   `rid` as rowid. Tokenizer `unicode61 remove_diacritics 2` folds case and
 *   diacritics ("muller" finds "Müller", "francois" finds "François");
 *   `prefix='1 2 3 4'` adds prefix indexes so the 1–4 letter prefixes typed
 *   first are single doclist reads instead of merges of every matching term
 *   (without the 4, "schm" took up to 340 ms at 1 000 000 entries in
 *   tests/bench/search-bench.ts); longer prefixes match fewer rows.
 * - `directory_number_fts`: the same over `number_digits` (digit strings, see
 *   `number-search-tokens.ts`), `prefix='1 2 3 4 5 6'` since digit prefixes
 *   are long and their terms countless; `detail=none` (one token per number,
 *   no phrase queries needed) keeps it small.
 *   Both use `columnsize=0`: results are not ranked by bm25 (the order is in
 *   the row ids), so the per-row size table would be dead weight.
 * - Triggers keep both indexes in sync with the table, whoever writes it. The
 *   update triggers only fire when an indexed value changes, so replays and
 *   flag updates (pending_sync) do not rewrite the index.
 * - `directory_meta`: small key/value rows; `revision` is the change-feed
 *   revision the cache reflects, written in the same transaction as the changes.
 */
export const migration0004DirectoryCache: Migration = {
  version: 4,
  name: 'directory-cache',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS directory_entries (
        id            TEXT    NOT NULL PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 200),
        rid           INTEGER NOT NULL UNIQUE,
        source        TEXT    NOT NULL CHECK (source IN ('internal', 'personal', 'system', 'global')),
        display_name  TEXT    NOT NULL,
        first_name    TEXT,
        last_name     TEXT,
        company       TEXT,
        email         TEXT,
        numbers       TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(numbers) AND json_type(numbers) = 'array'),
        number_digits TEXT    NOT NULL DEFAULT '',
        photo_url     TEXT,
        hand_edited   INTEGER NOT NULL DEFAULT 0 CHECK (hand_edited IN (0, 1)),
        updated_at    INTEGER NOT NULL,
        pending_sync  INTEGER NOT NULL DEFAULT 0 CHECK (pending_sync IN (0, 1)),
        CHECK (rid >= 0 AND (rid >> 60) = CASE source
          WHEN 'internal' THEN 0 WHEN 'personal' THEN 1 WHEN 'system' THEN 2 ELSE 3 END)
      );
      CREATE INDEX IF NOT EXISTS directory_entries_source ON directory_entries (source);

      CREATE VIRTUAL TABLE IF NOT EXISTS directory_fts USING fts5(
        display_name, first_name, last_name, company,
        content = 'directory_entries', content_rowid = 'rid',
        tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4', columnsize = 0
      );
      CREATE VIRTUAL TABLE IF NOT EXISTS directory_number_fts USING fts5(
        number_digits,
        content = 'directory_entries', content_rowid = 'rid',
        tokenize = 'unicode61', prefix = '1 2 3 4 5 6', detail = none, columnsize = 0
      );

      -- Pending index data kept in memory before a flush to a new segment (default
      -- 1 MB): fewer, bigger segments during an initial sync, less merging.
      INSERT INTO directory_fts (directory_fts, rank) VALUES ('hashsize', 8388608);
      INSERT INTO directory_number_fts (directory_number_fts, rank) VALUES ('hashsize', 8388608);

      CREATE TRIGGER IF NOT EXISTS directory_entries_fts_insert AFTER INSERT ON directory_entries BEGIN
        INSERT INTO directory_fts (rowid, display_name, first_name, last_name, company)
        VALUES (new.rid, new.display_name, new.first_name, new.last_name, new.company);
        INSERT INTO directory_number_fts (rowid, number_digits) VALUES (new.rid, new.number_digits);
      END;
      CREATE TRIGGER IF NOT EXISTS directory_entries_fts_delete AFTER DELETE ON directory_entries BEGIN
        INSERT INTO directory_fts (directory_fts, rowid, display_name, first_name, last_name, company)
        VALUES ('delete', old.rid, old.display_name, old.first_name, old.last_name, old.company);
        INSERT INTO directory_number_fts (directory_number_fts, rowid, number_digits)
        VALUES ('delete', old.rid, old.number_digits);
      END;
      CREATE TRIGGER IF NOT EXISTS directory_entries_fts_update
      AFTER UPDATE OF rid, display_name, first_name, last_name, company ON directory_entries
      WHEN old.rid IS NOT new.rid OR old.display_name IS NOT new.display_name OR old.first_name IS NOT new.first_name
        OR old.last_name IS NOT new.last_name OR old.company IS NOT new.company
      BEGIN
        INSERT INTO directory_fts (directory_fts, rowid, display_name, first_name, last_name, company)
        VALUES ('delete', old.rid, old.display_name, old.first_name, old.last_name, old.company);
        INSERT INTO directory_fts (rowid, display_name, first_name, last_name, company)
        VALUES (new.rid, new.display_name, new.first_name, new.last_name, new.company);
      END;
      CREATE TRIGGER IF NOT EXISTS directory_entries_number_fts_update
      AFTER UPDATE OF rid, number_digits ON directory_entries
      WHEN old.rid IS NOT new.rid OR old.number_digits IS NOT new.number_digits
      BEGIN
        INSERT INTO directory_number_fts (directory_number_fts, rowid, number_digits)
        VALUES ('delete', old.rid, old.number_digits);
        INSERT INTO directory_number_fts (rowid, number_digits) VALUES (new.rid, new.number_digits);
      END;

      CREATE TABLE IF NOT EXISTS directory_meta (
        key   TEXT NOT NULL PRIMARY KEY,
        value INTEGER NOT NULL
      ) WITHOUT ROWID;
      INSERT OR IGNORE INTO directory_meta (key, value) VALUES ('revision', 0);
    `);
  },
};
