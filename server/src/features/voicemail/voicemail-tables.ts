import type { ColumnType } from 'kysely';

/**
 * Kysely table type of the voice messages (migration 0014, SPEC H1), added to
 * the server's Database: times are BIGINT epoch ms, booleans INTEGER 0/1.
 */
declare module '../../platform/db/database' {
  interface Database {
    voicemails: VoicemailsTable;
  }
}

/** One voice message; deleting the account deletes its rows (the hourly orphan purge deletes the WAV files). */
export interface VoicemailsTable {
  /** UUID */
  id: string;
  /** the mailbox owner */
  account_id: number;
  /** user part of the caller's From URI when it is in our SIP domain, else the whole `sip:user@host` URI */
  caller_number: string;
  caller_name: string | null;
  received_at: number;
  duration_ms: number;
  /** WAV file, relative to the server's data directory */
  path: string;
  /** 0 = new, 1 = listened */
  listened: ColumnType<number, number | undefined, number>;
  /** when it was last marked listened (the 30-day purge counts from here); null while new */
  listened_at: number | null;
}
