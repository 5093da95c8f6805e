import type { ColumnType, Generated } from 'kysely';

/**
 * Kysely table types of the accounts and of Kamailio's `subscriber` +
 * `version` tables (Kamailio's auth_db reads them straight from this
 * database, see server/README.md), added to the server's Database.
 *
 * Conventions (both SQLite and PostgreSQL): times are epoch milliseconds in
 * BIGINT columns, booleans are INTEGER 0/1, JSON is TEXT.
 */
declare module '../../platform/db/database' {
  interface Database {
    accounts: AccountsTable;
    subscriber: SubscriberTable;
    version: KamailioVersionTable;
    sip_credentials: SipCredentialsTable;
  }
}

export interface AccountsTable {
  id: Generated<number>;
  /** internal number = SIP user, unique */
  number: string;
  display_name: string;
  email: string | null;
  mobile: string | null;
  /** a second personal number (0028), canonical form */
  other_number: ColumnType<string | null, string | null | undefined, string | null>;
  /** the voicemail PIN's scrypt hash (0028, see password-hash.ts); null: none yet */
  voicemail_pin_hash: ColumnType<string | null, string | null | undefined, string | null>;
  /** `scrypt$N$r$p$saltB64$hashB64` (see password-hash.ts) */
  password_hash: string;
  /** 0/1 */
  must_change_password: number;
  /** failed logins since the last successful one */
  failed_attempts: ColumnType<number, number | undefined, number>;
  last_failed_at: number | null;
  locked_until: number | null;
  last_login_at: number | null;
  created_at: number;
  updated_at: number;
}

/** Kamailio auth_db `subscriber` (schema version 7), maintained by the server. */
export interface SubscriberTable {
  id: Generated<number>;
  username: string;
  domain: string;
  /** always '' here: only the HA1 is stored */
  password: string;
  /** md5(username:realm:password) */
  ha1: string;
  /** md5(username@domain:realm:password) */
  ha1b: string;
}

/** Kamailio `version` table: modules check their table versions at startup. */
export interface KamailioVersionTable {
  id: Generated<number>;
  table_name: string;
  table_version: number;
}

/** The account's SIP secret (migration 0017): its SIP digest password, never the account password. */
export interface SipCredentialsTable {
  account_id: number;
  /** random, URL-safe; provisioned to the account's clients (GET /me, login) */
  secret: string;
  rotated_at: number;
}
