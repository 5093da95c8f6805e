import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database';
import { classifyDialed, formatForCarrier, normalizeCarrierNumber, parseCountry } from './dial-plan';
import { listTrunks, readDialPlanSettings, type Trunk } from './trunk-store';

/**
 * What Kamailio does with an INVITE of one of our users (route[TRUNK_OUT]):
 * - `internal`: not for the trunk, routed as usual (users, voicemail, 404); with `user`, a
 *   public number of ours (a DID) dialed from inside: that user, without a trip through the carrier;
 * - `trunk`: relay to `dst` with Request-URI `uri`, From and P-Asserted-Identity
 *   `from` (the user's DID, never the extension), digest credentials for the
 *   carrier's 401/407 when the trunk has some;
 * - `reject`: answer `code reason` (no trunk, not a phone number, no caller ID).
 */
export type TrunkOutRoute =
  | { action: 'internal'; user?: string }
  | {
      action: 'trunk';
      emergency: boolean;
      trunk: string;
      uri: string;
      dst: string;
      from: string;
      authUser: string;
      authPassword: string;
    }
  | { action: 'reject'; code: number; reason: string; refusal?: 'no-outside-line' };

/** What Kamailio does with an initial INVITE from outside (route[TRUNK_IN]). */
export type TrunkInRoute =
  /** the source is no trunk of ours: the usual rules apply */
  | { trunk: false }
  /** from trunk `name` to a DID: ring `user`; `caller` is +E.164 or "" (anonymous) */
  | { trunk: true; action: 'ring'; name: string; user: string; caller: string }
  | { trunk: true; action: 'reject'; name: string; code: number; reason: string };

/**
 * The route of `dialed` (Request-URI user) called by our user `caller`:
 * emergency numbers first (SPEC G), then internal numbers, then public numbers
 * through the preferred trunk (issue #12 item 3).
 */
export async function routeOutbound(db: Kysely<Database>, dialed: string, caller: string): Promise<TrunkOutRoute> {
  const settings = await readDialPlanSettings(db);
  const user = await db.selectFrom('accounts').select('id').where('number', '=', dialed).executeTakeFirst();
  const kind = classifyDialed(dialed, settings, user !== undefined);
  switch (kind.kind) {
    case 'internal':
      return { action: 'internal' };
    case 'invalid':
      return { action: 'reject', code: 484, reason: 'Not A Phone Number' };
    case 'emergency':
    case 'external':
      break;
    default:
      return kind satisfies never;
  }
  if (kind.kind === 'external' && kind.e164 !== undefined) {
    const own = await db
      .selectFrom('dids')
      .innerJoin('accounts', 'accounts.id', 'dids.account_id')
      .select('accounts.number as user')
      .where('dids.number', '=', kind.e164)
      .executeTakeFirst();
    if (own !== undefined) return { action: 'internal', user: own.user };
  }
  const trunk = (await listTrunks(db))[0];
  if (trunk === undefined)
    return { action: 'reject', code: 503, reason: 'No Trunk For External Calls', refusal: 'no-outside-line' };
  const country = parseCountry(trunk.country) ?? settings.country;
  const emergency = kind.kind === 'emergency';
  const callerId = await callerIdOf(db, caller, trunk);
  if (callerId === undefined && !emergency) {
    return { action: 'reject', code: 403, reason: 'No Outside Number For This User', refusal: 'no-outside-line' };
  }
  const target = emergency
    ? kind.number
    : kind.e164 !== undefined
      ? formatForCarrier(kind.e164, trunk.numberFormat, country)
      : kind.digits;
  const fromUser = callerId === undefined ? 'anonymous' : formatForCarrier(callerId, trunk.numberFormat, country);
  const hostPort = `${trunk.host}:${trunk.port}`;
  return {
    action: 'trunk',
    emergency,
    trunk: trunk.name,
    uri: `sip:${target}@${hostPort}`,
    dst: `sip:${hostPort};transport=${trunk.transport}`,
    from: `sip:${fromUser}@${trunk.host}`,
    authUser: trunk.username ?? '',
    authPassword: trunk.password ?? '',
  };
}

/** The caller ID of `caller` on `trunk`: their own DID (the lowest), else the trunk's main number. */
async function callerIdOf(db: Kysely<Database>, caller: string, trunk: Trunk): Promise<string | undefined> {
  const did = await db
    .selectFrom('dids')
    .innerJoin('accounts', 'accounts.id', 'dids.account_id')
    .select('dids.number as number')
    .where('accounts.number', '=', caller)
    .orderBy('dids.number')
    .executeTakeFirst();
  return did?.number ?? trunk.mainNumber;
}

/**
 * An initial INVITE from `source` (`ip`, `port`) to `did`, from `from` (user part):
 * a trunk is recognised by its trusted source addresses only (IP trust, the
 * usual practice for a carrier's inbound calls); the DID must be mapped.
 */
export async function routeInbound(
  db: Kysely<Database>,
  source: { ip: string; port: number },
  did: string,
  from: string,
): Promise<TrunkInRoute> {
  const trunk = (await listTrunks(db)).find((t) =>
    t.sources.some((s) => s === source.ip || s === `${source.ip}:${source.port}`),
  );
  if (trunk === undefined) return { trunk: false };
  const country = parseCountry(trunk.country) ?? (await readDialPlanSettings(db)).country;
  const number = normalizeCarrierNumber(did, country);
  const mapped =
    number === undefined
      ? undefined
      : await db
          .selectFrom('dids')
          .innerJoin('accounts', 'accounts.id', 'dids.account_id')
          .select('accounts.number as user')
          .where('dids.number', '=', number)
          .executeTakeFirst();
  if (mapped === undefined)
    return { trunk: true, action: 'reject', name: trunk.name, code: 404, reason: 'Unknown Number' };
  return {
    trunk: true,
    action: 'ring',
    name: trunk.name,
    user: mapped.user,
    caller: normalizeCarrierNumber(from, country) ?? '',
  };
}
