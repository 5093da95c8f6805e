import { loadDemoUsers, type DemoUser } from '../../stack/demo-users';
import type { ServerContext } from '../server-context';
import { createAccount, findAccountByNumber } from './account-service';

/**
 * Creates the demo accounts of server/kamailio/demo-users.json that do not
 * exist yet (idempotent: an existing account — maybe with a changed
 * password — is left alone). Returns the numbers created.
 */
export async function seedDemoUsers(
  ctx: ServerContext,
  users: readonly DemoUser[] = loadDemoUsers(),
): Promise<string[]> {
  const created: string[] = [];
  for (const user of users) {
    if (await findAccountByNumber(ctx.db, user.number)) continue;
    await createAccount(ctx, {
      number: user.number,
      displayName: user.displayName,
      password: user.password,
      mustChangePassword: user.mustChangePassword ?? false,
    });
    created.push(user.number);
  }
  return created;
}
