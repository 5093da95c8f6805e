import { kamailioSecretOf } from '../../platform/kamailio-secret';
import type { ServerConfig } from '../../platform/config';
import type { PresenceService } from '../presence';
import type { ServerContext } from '../../platform/server-context';
import { VOICEMAIL_SIP_USER } from '../../../../src-preload/contract/voicemail';

/**
 * How the SIP proxy delivers a call to one of our users, as the UC server
 * decides it from what it stores (presence today; forwarding rules, CallMe…
 * later): Kamailio asks for every INVITE to a user and carries it out.
 *
 * - `ring`: the user's devices ring (parallel fork), the usual case;
 * - `voicemail`: straight to the user's mailbox, no device rings; `reason` is an
 *   RFC 5806 diversion reason the caller is told in a 181;
 * - `busy`: refused with 486, when the call would go to voicemail but the
 *   voicemail service is not there to take it.
 */
export type CallRoute =
  { action: 'ring' } | { action: 'voicemail'; reason: DiversionReason } | { action: 'busy'; reason: DiversionReason };

/** RFC 5806 §4 reasons we use. */
export type DiversionReason = 'do-not-disturb';

/**
 * The call route for `callee` (an internal number): do not disturb (SPEC B1,
 * B2) sends every call to voicemail without ringing any device of the user —
 * or busy when the voicemail service is down. Unknown callees ring as usual
 * (Kamailio answers 404/480 for them).
 */
export async function routeCall(ctx: ServerContext, presence: PresenceService, callee: string): Promise<CallRoute> {
  const account = await ctx.db.selectFrom('accounts').select('id').where('number', '=', callee).executeTakeFirst();
  if (!account) return { action: 'ring' };
  const state = (await presence.get(account.id)).state;
  if (state !== 'dnd') return { action: 'ring' };
  const voicemail = ctx.agents.list().find((agent) => agent.name === VOICEMAIL_SIP_USER);
  return voicemail?.status === 'registered'
    ? { action: 'voicemail', reason: 'do-not-disturb' }
    : { action: 'busy', reason: 'do-not-disturb' };
}

/** The secret Kamailio sends with its routing queries (X-UC-Routing-Secret). */
export function routingSecretOf(config: Pick<ServerConfig, 'tokenSecret'>): string {
  return kamailioSecretOf(config, 'call-routing');
}
