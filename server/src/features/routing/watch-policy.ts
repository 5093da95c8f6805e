import type { PresenceService } from '../presence';
import type { ServerContext } from '../../platform/server-context';

/** SIP event packages whose subscriptions follow the watched user's visibility (SPEC B3). */
export const WATCHED_EVENTS = ['presence', 'dialog'] as const;
export type WatchedEvent = (typeof WATCHED_EVENTS)[number];

/**
 * Whether `watcher` may SUBSCRIBE to `target`'s presence or dialog state
 * (busy lamp) — Kamailio asks before it accepts such a SUBSCRIBE (issue #10
 * item 4, SPEC B3). The proxy has already authenticated the watcher as one of
 * our users, so the watcher is internal: "internal and external" and
 * "internal only" let them watch, "not visible" lets nobody but the user.
 * An unknown target is the proxy's business (it answers 404).
 */
export async function mayWatch(
  ctx: ServerContext,
  presence: PresenceService,
  watcher: string,
  target: string,
  _event: WatchedEvent,
): Promise<boolean> {
  if (watcher === target) return true;
  const account = await ctx.db.selectFrom('accounts').select('id').where('number', '=', target).executeTakeFirst();
  if (!account) return true;
  const { visibility } = await presence.get(account.id);
  return visibility !== 'none';
}
