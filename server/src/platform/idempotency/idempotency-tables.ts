/** Kysely table type of the stored replies by Idempotency-Key (migration 0012), added to the Database. */
declare module '../db/database' {
  interface Database {
    idempotency_keys: IdempotencyKeysTable;
  }
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
