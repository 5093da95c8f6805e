import type { ColumnType, Generated } from 'kysely';

/**
 * Kysely table types of the data side: directory entries (internal, system,
 * global, personal), the change feed and the idempotency keys of the
 * contacts API.
 *
 * Conventions shared with auth-tables.ts (SQLite and PostgreSQL): times are
 * epoch milliseconds in BIGINT columns, booleans are INTEGER 0/1, JSON is TEXT.
 */
export interface DataTables {
  directory_entries: DirectoryEntriesTable;
  changes: ChangesTable;
  idempotency_keys: IdempotencyKeysTable;
}

/** Where an entry comes from (SPEC C1). */
export type EntrySource = 'internal' | 'system' | 'global' | 'personal';

/**
 * One entry of any directory. Deleted entries are removed (hard delete): the
 * change feed keeps the tombstone (`op = 'delete'`).
 */
export interface DirectoryEntriesTable {
  /** 'internal:100', 'system:<uuid>', 'global:<uuid>', 'personal:<uuid>' */
  id: string;
  source: EntrySource;
  /** the owning account for personal contacts; NULL for shared directories */
  owner_account_id: number | null;
  display_name: string;
  /** lower-cased, diacritics-free display name: how imports recognise "the same contact" */
  name_key: string;
  first_name: string | null;
  last_name: string | null;
  company: string | null;
  email: string | null;
  /** JSON text of `{ kind, number }[]`, numbers canonical (SPEC C5) */
  numbers: string;
  photo_url: string | null;
  /** 0/1: a personal contact created or edited by hand is never overwritten by an import */
  hand_edited: ColumnType<number, number | undefined, number>;
  updated_at: number;
}

/**
 * The change feed. Each entry keeps only its latest row (older rows of the
 * same entry are deleted when a new one is written), so a client catching up
 * from revision N receives every changed entry once, in its current state.
 */
export interface ChangesTable {
  /** monotonic: AUTOINCREMENT on SQLite, BIGSERIAL on PostgreSQL */
  revision: Generated<number>;
  /** NULL: visible to every account; otherwise only to that account */
  owner_account_id: number | null;
  entry_id: string;
  op: 'upsert' | 'delete';
  changed_at: number;
}

/** Replies of the contacts API by Idempotency-Key, so a retried request is applied once. */
export interface IdempotencyKeysTable {
  account_id: number;
  idem_key: string;
  /** "POST /contacts", "PATCH /contacts/personal:…": a key reused for another request is refused */
  request: string;
  status_code: number;
  /** the JSON body that was sent */
  response: string;
  created_at: number;
}
