import { createAccount, findAccountByNumber, loadDemoUsers, type DemoUser } from '../features/accounts';
import { demoPhotoPng, setAccountPhoto } from '../features/directory';
import type { ServerContext } from '../platform/server-context';

/**
 * Creates the demo accounts of server/kamailio/demo-users.json that do not
 * exist yet (idempotent: an existing account — maybe with a changed
 * password — is left alone). Each created user gets a small generated PNG
 * avatar (a coloured square, no text) for the internal directory.
 * Returns the numbers created.
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
    await setAccountPhoto(ctx, user.number, demoPhotoPng(user.number));
    created.push(user.number);
  }
  return created;
}
