import type { ColumnType, Generated } from 'kysely';
import type { DirectorySource } from '../../../../src-preload/contract/directory';

/**
 * Kysely table types of the directories: entries (internal, system, global,
 * personal) and the change feed, added to the server's Database.
 *
 * Conventions shared with every table (SQLite and PostgreSQL): times are
 * epoch milliseconds in BIGINT columns, booleans are INTEGER 0/1, JSON is TEXT.
 */
declare module '../../platform/db/database' {
  interface Database {
    directory_entries: DirectoryEntriesTable;
    changes: ChangesTable;
  }
}

/** Where an entry comes from (SPEC C1): the contract's directory sources. */
export type EntrySource = DirectorySource;

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
