/** Kysely table type of the forwarding rules (migration 0024, SPEC J3/B2), added to the server's Database. */

declare module '../../platform/db/database' {
  interface Database {
    forwarding_rules: ForwardingRulesTable;
  }
}

// type aliases, not interfaces: Kysely's withTables needs an implicit index signature
export type ForwardingTables = {
  forwarding_rules: ForwardingRulesTable;
};

/** One row per account that set its rules; none = nothing forwarded but DND. */
export type ForwardingRulesTable = {
  account_id: number;
  /** JSON of the contract's ForwardingRules */
  rules: string;
  /** epoch ms */
  updated_at: number;
};
