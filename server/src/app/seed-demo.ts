import { createAccount, findAccountByNumber, loadDemoUsers, type DemoUser } from '../features/accounts';
import { randomUUID } from 'node:crypto';
import { ConferenceService } from '../features/conferences';
import { demoPhotoPng, setAccountPhoto } from '../features/directory';
import { FavoritesService } from '../features/favorites';
import type { ServerContext } from '../platform/server-context';

/** The demo's default favorites group (the user's colleagues), as the README demo shows it. */
export const DEMO_FAVORITES_GROUP = 'Team';

/**
 * Creates the demo accounts of server/kamailio/demo-users.json that do not
 * exist yet (idempotent: an existing account — maybe with a changed
 * password — is left alone). Each created user gets a small generated PNG
 * avatar (a coloured square, no text) for the internal directory, and
 * every demo user whose favorites never changed gets a default group,
 * {@link DEMO_FAVORITES_GROUP}, with the other demo users (SPEC D1).
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
  await seedDemoFavorites(ctx, users);
  return created;
}

/** Name of the demo's conference room (issue #14: the demo has one conference ready). */
export const DEMO_CONFERENCE_NAME = 'Team meeting';

/**
 * Creates the demo conference once, while the server has no conference at all: the first demo
 * user is its moderator, the next two are participants, and the guest PIN is allowed.
 */
export async function seedDemoConference(
  ctx: ServerContext,
  users: readonly DemoUser[] = loadDemoUsers(),
): Promise<void> {
  if (await ctx.db.selectFrom('conferences').select('id').executeTakeFirst()) return;
  const [moderator, ...others] = users;
  const account = moderator ? await findAccountByNumber(ctx.db, moderator.number) : undefined;
  if (!account) return;
  await new ConferenceService(ctx).create(account.id, {
    name: DEMO_CONFERENCE_NAME,
    guestPinEnabled: true,
    participants: others.slice(0, 2).map((user) => ({ kind: 'internal' as const, number: user.number })),
  });
}

/** Gives each demo user whose favorites never changed the group of the other demo users. */
async function seedDemoFavorites(ctx: ServerContext, users: readonly DemoUser[]): Promise<void> {
  const favorites = new FavoritesService({ db: ctx.db, changes: ctx.changes, clock: ctx.clock });
  for (const user of users) {
    const account = await findAccountByNumber(ctx.db, user.number);
    if (!account) continue;
    await favorites.seedGroup(account.id, {
      id: randomUUID(),
      name: DEMO_FAVORITES_GROUP,
      favorites: users
        .filter((other) => other.number !== user.number)
        .map((other) => ({
          id: randomUUID(),
          entryId: `internal:${other.number}`,
          name: other.displayName,
          internalNumber: other.number,
        })),
    });
  }
}
