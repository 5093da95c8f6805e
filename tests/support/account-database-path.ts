/**
 * Where AppCore keeps an account's database inside a data folder (issue 8:
 * one file per server + account, see src-main/core/platform/db/account-databases.ts),
 * for tests that open the file to check it.
 */
import { parseServerAddress } from '../../src-main/core/platform/uc/server-address';
import { AccountDatabases } from '../../src-main/core/platform/db/account-databases';
import { allMigrations } from '../../src-main/core/app/client-migrations';

/**
 * @param server - the server as typed at login (e.g. `stack.serverAddress`)
 * @param user - the account number
 */
export function accountDatabasePath(dataDir: string, server: string, user: string): string {
  const address = parseServerAddress(server);
  if (!address.ok) throw new Error(address.message);
  return new AccountDatabases({ dataDir, migrations: allMigrations }).pathOf({ origin: address.origin, user });
}
