import type { Generated } from 'kysely';

/** Kysely table types of the call history (migration 0025): times BIGINT epoch ms, booleans 0/1. */
declare module '../../platform/db/database' {
  interface Database {
    call_records: CallRecordsTable;
    call_record_revision: CallRecordRevisionTable;
  }
}

/** One call as one party saw it (see the contract's CallRecord). */
export interface CallRecordsTable {
  id: Generated<number>;
  account_id: number;
  /** SIP Call-ID */
  call_id: string;
  direction: 'in' | 'out';
  peer: string;
  peer_name: string | null;
  peer_internal: number;
  result: string;
  device_kind: string | null;
  via: string | null;
  origin: string | null;
  origin_number: string | null;
  started_at: number;
  answered_at: number | null;
  ended_at: number | null;
  read_at: number | null;
  /** 1: a tombstone (deleted by the user), kept so other devices drop it too */
  deleted: number;
  revision: number;
}

/** The single-row revision counter (id = 1): monotonic, never reused. */
export interface CallRecordRevisionTable {
  id: number;
  revision: number;
}
