import type { Generated } from 'kysely';

/** Kysely table types of the devices feature (migration 0021), added to the server's Database. */
declare module '../../platform/db/database' {
  interface Database {
    devices: DevicesTable;
  }
}

/**
 * A plain SIP device of an account (desk phone, softphone): its own SIP credentials (a
 * `subscriber` row named {@link DevicesTable.sip_user}, HA1 only), registering under the
 * account's AOR. Not an app login: the accounts table knows nothing of it.
 */
export interface DevicesTable {
  id: Generated<number>;
  account_id: number;
  /** digest user name, `<number>~<id>` (account numbers have no `~`), unique */
  sip_user: string;
  /** what the administrator called it, e.g. "Desk phone" */
  name: string;
  created_at: number;
}
