import type { Generated } from 'kysely';

/** Kysely table type of the refresh tokens (migration 0002), added to the server's Database. */
declare module '../../platform/db/database' {
  interface Database {
    refresh_tokens: RefreshTokensTable;
  }
}

export interface RefreshTokensTable {
  id: Generated<number>;
  account_id: number;
  /** sha256(token) hex: the token itself is never stored */
  token_hash: string;
  /** all tokens obtained by rotating one login share a family (reuse detection) */
  family_id: string;
  device_name: string | null;
  created_at: number;
  expires_at: number;
  /** set when rotated, logged out or revoked with its family */
  revoked_at: number | null;
  /** hash of the token that replaced it (rotation), null otherwise */
  replaced_by: string | null;
}
