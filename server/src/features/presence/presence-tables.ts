/**
 * Kysely table type of the own presence (migration 0015, SPEC B1/B3/B6),
 * added to the server's Database.
 */
import type { PresenceState, PresenceVisibility } from '../../../../src-preload/contract/presence';

declare module '../../platform/db/database' {
  interface Database {
    presence: PresenceTable;
  }
}

// type aliases, not interfaces: Kysely's withTables needs an implicit index signature
export type PresenceTables = {
  presence: PresenceTable;
};

/** One row per account that set its presence; none = office, visible to all. */
export type PresenceTable = {
  account_id: number;
  state: PresenceState;
  /** epoch ms; null for office or "no return time" */
  return_at: number | null;
  note: string | null;
  visibility: PresenceVisibility;
  updated_at: number;
};
