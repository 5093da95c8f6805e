import { randomInt } from 'node:crypto';
import type { Selectable } from 'kysely';
import { AccountError, deleteSubscriber, findAccountByNumber, newSipSecret, upsertSubscriber } from '../accounts';
import { KamailioRpc } from '../../platform/kamailio-rpc';
import { kamailioSecretOf } from '../../platform/kamailio-secret';
import type { ServerContext } from '../../platform/server-context';
import type { DevicesTable } from './devices-tables';

export type DeviceRow = Selectable<DevicesTable>;

/** A device just added, with the one time its password is shown. */
export interface NewDevice {
  readonly device: DeviceRow;
  /** the account's number: the device's SIP user (AOR), From of its calls */
  readonly number: string;
  /** its digest password (only its HA1 is stored) */
  readonly password: string;
}

/** What a removal did to the device's registration. */
export type RegistrationDrop = 'dropped' | 'not-registered' | 'no-kamailio-rpc';

const DEVICE_ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const DEVICE_NAME = /^[^\p{Cc}]{1,80}$/u;

/** `<number>~<6 letters>`: account numbers have no `~`, so it names one device of one account (kamailio.cfg route[DEVICE_IDENTITY]). */
function newSipUser(number: string): string {
  let id = '';
  for (let i = 0; i < 6; i++) id += DEVICE_ID_ALPHABET[randomInt(DEVICE_ID_ALPHABET.length)];
  return `${number}~${id}`;
}

/**
 * Adds a plain SIP device to the account `number`: a device row and a Kamailio
 * `subscriber` row (HA1 of a new random password, realm = the SIP domain) in one
 * transaction. The device registers under the account's AOR with these
 * credentials; the password is returned once and never stored.
 */
export async function addDevice(ctx: ServerContext, number: string, name: string): Promise<NewDevice> {
  const trimmed = name.trim();
  if (!DEVICE_NAME.test(trimmed)) throw new AccountError('A device needs a --name of 1 to 80 characters');
  const account = await findAccountByNumber(ctx.db, number);
  if (!account) throw new AccountError(`No account ${number}`);
  const password = newSipSecret();
  const device = await ctx.db.transaction().execute(async (trx) => {
    const sipUser = newSipUser(account.number);
    const row = await trx
      .insertInto('devices')
      .values({ account_id: account.id, sip_user: sipUser, name: trimmed, created_at: ctx.clock.now() })
      .returningAll()
      .executeTakeFirstOrThrow();
    await upsertSubscriber(trx, sipUser, ctx.config.sipDomain, password);
    return row;
  });
  return { device, number: account.number, password };
}

/** The devices of one account (by number), or of every account; oldest first. */
export async function listDevices(
  ctx: ServerContext,
  number?: string,
): Promise<Array<DeviceRow & { readonly number: string }>> {
  let query = ctx.db
    .selectFrom('devices')
    .innerJoin('accounts', 'accounts.id', 'devices.account_id')
    .selectAll('devices')
    .select('accounts.number as number')
    .orderBy('devices.id');
  if (number !== undefined) {
    const account = await findAccountByNumber(ctx.db, number);
    if (!account) throw new AccountError(`No account ${number}`);
    query = query.where('devices.account_id', '=', account.id);
  }
  return query.execute();
}

/**
 * Removes a device (by its SIP user): its credentials go at once (it can
 * neither register nor call any more), then its registration is dropped
 * through Kamailio's JSON-RPC when the server knows it (`--kamailio-rpc-url`);
 * without it, the binding lasts until it expires (the phone cannot refresh it).
 */
export async function removeDevice(
  ctx: ServerContext,
  sipUser: string,
  rpc: KamailioRpc | undefined = kamailioRpcOf(ctx),
): Promise<{ readonly device: DeviceRow; readonly registration: RegistrationDrop }> {
  const device = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('devices').selectAll().where('sip_user', '=', sipUser).executeTakeFirst();
    if (!row) throw new AccountError(`No device ${sipUser} (see list-devices)`);
    await trx.deleteFrom('devices').where('id', '=', row.id).execute();
    await deleteSubscriber(trx, sipUser);
    return row;
  });
  if (!rpc) return { device, registration: 'no-kamailio-rpc' };
  return { device, registration: await dropRegistration(rpc, sipUser) };
}

function kamailioRpcOf(ctx: ServerContext): KamailioRpc | undefined {
  const url = ctx.config.kamailioRpcUrl;
  return url === undefined ? undefined : new KamailioRpc({ url, secret: kamailioSecretOf(ctx.config, 'json-rpc') });
}

/**
 * kamailio.cfg route[DEVICE_REGISTERED] keeps "<aor user> <contact>" of each device's last
 * REGISTER in the htable `devices`; the contact is removed from usrloc (the AOR is the user
 * alone: usrloc's use_domain is off).
 */
async function dropRegistration(rpc: KamailioRpc, sipUser: string): Promise<RegistrationDrop> {
  const entry = await rpc.call('htable.get', ['devices', sipUser]).catch((error: unknown) => {
    // htable.get answers a fault for a missing key
    if (error instanceof Error && /doesn't exist|not found/i.test(error.message)) return undefined;
    throw error;
  });
  const value = (entry as { item?: { value?: unknown } } | undefined)?.item?.value;
  if (typeof value !== 'string') return 'not-registered';
  const space = value.indexOf(' ');
  const aor = value.slice(0, space);
  const contact = value.slice(space + 1);
  await rpc.call('htable.delete', ['devices', sipUser]);
  try {
    await rpc.call('ul.rm_contact', ['location', aor, contact]);
  } catch (error) {
    // the binding expired or was removed meanwhile
    if (error instanceof Error && /not found/i.test(error.message)) return 'not-registered';
    throw error;
  }
  return 'dropped';
}
