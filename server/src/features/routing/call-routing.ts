import { kamailioSecretOf } from '../../platform/kamailio-secret';
import type { ServerConfig } from '../../platform/config';
import type { PresenceService } from '../presence';
import type { ServerContext } from '../../platform/server-context';
import { VOICEMAIL_SIP_USER } from '../../../../src-preload/contract/voicemail';
import {
  decideForwarding,
  type ForwardingReason,
  type ForwardingTarget,
} from '../../../../src-preload/contract/forwarding';
import { assertNever } from '../../../../src-preload/contract/platform';
import type { ForwardingService } from '../forwarding';

/**
 * How the SIP proxy delivers a call to one of our users, as the UC server
 * decides it from what it stores (presence, forwarding rules…): Kamailio asks
 * for every INVITE to a user and carries it out (route[CALL_ROUTING],
 * route[FORWARDING]). Flat on purpose: Kamailio's json module reads top-level
 * fields only.
 *
 * - `ring`: the user's devices ring (parallel fork), the usual case, with the
 *   forwarding rules that apply if that fails (SPEC J3): no answer within
 *   `noAnswerSeconds`, every device busy, no device registered; and a number
 *   that rings together with the devices (`alsoRing`);
 * - `voicemail`: straight to the user's mailbox, no device rings; `reason` is an
 *   RFC 5806 diversion reason the caller is told in a 181;
 * - `forward`: straight to another number, no device rings (immediate,
 *   status-based forwarding, CallMe), with a Diversion header of `reason`;
 *   for CallMe (`follow-me`) with the fallbacks to the callee's mailbox;
 * - `busy`: refused with 486, when the call would go to voicemail but the
 *   voicemail service is not there to take it.
 *
 * A target is a SIP user of ours (`targetKind` internal: an extension,
 * voicemail: `vm<ext>`) or an external number for the trunk (external).
 */
export type CallRoute =
  | ({ action: 'ring' } & RingFallbacks)
  | { action: 'voicemail'; reason: DiversionReason }
  | ({ action: 'forward'; target: string; targetKind: TargetKind; reason: DiversionReason } & ForwardFallbacks)
  | { action: 'busy'; reason: DiversionReason };

/** What a forwarding target is to the proxy. */
export type TargetKind = 'internal' | 'voicemail' | 'external';

export interface RingFallbacks {
  noAnswerTarget?: string;
  noAnswerKind?: TargetKind;
  noAnswerSeconds?: number;
  busyTarget?: string;
  busyKind?: TargetKind;
  unreachableTarget?: string;
  unreachableKind?: TargetKind;
  alsoRing?: string;
  alsoRingKind?: Exclude<TargetKind, 'voicemail'>;
}

/** CallMe (B5): a forward that may go on once more, to the callee's own mailbox. */
export type ForwardFallbacks = Pick<
  RingFallbacks,
  | 'noAnswerTarget'
  | 'noAnswerKind'
  | 'noAnswerSeconds'
  | 'busyTarget'
  | 'busyKind'
  | 'unreachableTarget'
  | 'unreachableKind'
>;

/** RFC 5806 §4 reasons we use. */
export type DiversionReason = ForwardingReason;

/**
 * The call route for `callee` (an internal number): the callee's forwarding
 * rules and presence as {@link decideForwarding} reads them at the server's
 * clock (an active immediate rule first; do not disturb goes to voicemail
 * unless a busy rule says otherwise — or busy when the voicemail service is
 * down; then the presence state's target, SPEC B2), and otherwise a ring
 * with the fallback rules. Unknown callees ring as usual (Kamailio answers
 * 404/480 for them). A target that cannot be reached (no mobile number set,
 * the callee themself, voicemail while the service is down) is left out; a
 * colleague as the target who is in do not disturb means their mailbox (the
 * target's own forwarding rules are not applied: a call is forwarded once).
 */
export async function routeCall(
  ctx: ServerContext,
  presence: PresenceService,
  forwarding: ForwardingService,
  callee: string,
): Promise<CallRoute> {
  const account = await ctx.db
    .selectFrom('accounts')
    .select(['id', 'mobile'])
    .where('number', '=', callee)
    .executeTakeFirst();
  if (!account) return { action: 'ring' };
  const state = (await presence.get(account.id)).state;
  const { rules } = await forwarding.get(account.id);
  const decision = decideForwarding(rules ?? undefined, state, ctx.clock.now());
  const voicemailUp = ctx.agents.list().find((agent) => agent.name === VOICEMAIL_SIP_USER)?.status === 'registered';
  const resolve = async (target: ForwardingTarget): Promise<{ target: string; kind: TargetKind } | undefined> => {
    switch (target.kind) {
      case 'voicemail':
        return voicemailUp ? { target: `vm${callee}`, kind: 'voicemail' } : undefined;
      case 'mobile': {
        const mobile = account.mobile?.replace(/[^+0-9]/g, '') ?? '';
        return mobile === '' ? undefined : { target: mobile, kind: 'external' };
      }
      case 'number': {
        if (target.number === callee) return undefined;
        const internal = await ctx.db
          .selectFrom('accounts')
          .select('id')
          .where('number', '=', target.number)
          .executeTakeFirst();
        if (!internal) return { target: target.number, kind: 'external' };
        // a colleague in do not disturb is not rung either: their mailbox takes it (no further rules: one hop)
        if ((await presence.get(internal.id)).state === 'dnd') {
          return voicemailUp ? { target: `vm${target.number}`, kind: 'voicemail' } : undefined;
        }
        return { target: target.number, kind: 'internal' };
      }
      default:
        return assertNever(target);
    }
  };
  switch (decision.kind) {
    case 'forward': {
      if (decision.target.kind === 'voicemail') {
        return voicemailUp
          ? { action: 'voicemail', reason: decision.reason }
          : { action: 'busy', reason: decision.reason };
      }
      const hop = await resolve(decision.target);
      if (hop !== undefined) {
        const route: CallRoute = {
          action: 'forward',
          target: hop.target,
          targetKind: hop.kind,
          reason: decision.reason,
        };
        // CallMe (B5): what nobody takes there goes to the user's own mailbox
        if (decision.thenVoicemailAfter !== undefined && voicemailUp) {
          const mailbox = `vm${callee}`;
          Object.assign(route, {
            noAnswerTarget: mailbox,
            noAnswerKind: 'voicemail',
            noAnswerSeconds: decision.thenVoicemailAfter,
            busyTarget: mailbox,
            busyKind: 'voicemail',
            unreachableTarget: mailbox,
            unreachableKind: 'voicemail',
          });
        }
        return route;
      }
      // DND with an unusable busy target still keeps the phone quiet
      if (decision.reason === 'do-not-disturb') {
        return voicemailUp
          ? { action: 'voicemail', reason: decision.reason }
          : { action: 'busy', reason: decision.reason };
      }
      return { action: 'ring' };
    }
    case 'ring': {
      const route: CallRoute & { action: 'ring' } = { action: 'ring' };
      if (decision.noAnswer) {
        const hop = await resolve(decision.noAnswer.target);
        if (hop)
          Object.assign(route, {
            noAnswerTarget: hop.target,
            noAnswerKind: hop.kind,
            noAnswerSeconds: decision.noAnswer.seconds,
          });
      }
      if (decision.busy) {
        const hop = await resolve(decision.busy);
        if (hop) Object.assign(route, { busyTarget: hop.target, busyKind: hop.kind });
      }
      if (decision.unreachable) {
        const hop = await resolve(decision.unreachable);
        if (hop) Object.assign(route, { unreachableTarget: hop.target, unreachableKind: hop.kind });
      }
      if (decision.alsoRing !== undefined) {
        const hop = await resolve({ kind: 'number', number: decision.alsoRing });
        if (hop && hop.kind !== 'voicemail') Object.assign(route, { alsoRing: hop.target, alsoRingKind: hop.kind });
      }
      return route;
    }
    default:
      return assertNever(decision);
  }
}

/** The secret Kamailio sends with its routing queries (X-UC-Routing-Secret). */
export function routingSecretOf(config: Pick<ServerConfig, 'tokenSecret'>): string {
  return kamailioSecretOf(config, 'call-routing');
}
