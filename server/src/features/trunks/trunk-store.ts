import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../platform/db/database';
import { DEFAULT_EMERGENCY_NUMBERS, normalizeCarrierNumber, parseCountry, type DialPlanSettings } from './dial-plan';
import type { TrunkNumberFormat, TrunkTransport, TrunksTable } from './trunks-tables';

/** A refused administrator input (the CLI prints it; nothing was written). */
export class TrunkError extends Error {}

/** server_settings keys of the dial plan (SPEC C5, G). */
const SETTING_KEYS = {
  outsidePrefix: 'trunks.outside-prefix',
  country: 'trunks.country',
  emergencyNumbers: 'trunks.emergency-numbers',
} as const;

/** The dial plan settings; defaults: no outside prefix, no country, {@link DEFAULT_EMERGENCY_NUMBERS}. */
export async function readDialPlanSettings(db: Kysely<Database>): Promise<DialPlanSettings> {
  const rows = await db
    .selectFrom('server_settings')
    .select(['key', 'value'])
    .where('key', 'in', Object.values(SETTING_KEYS))
    .execute();
  const value = (key: string): string | undefined => rows.find((row) => row.key === key)?.value;
  const emergency = value(SETTING_KEYS.emergencyNumbers);
  return {
    outsidePrefix: value(SETTING_KEYS.outsidePrefix) ?? '',
    country: parseCountry(value(SETTING_KEYS.country)),
    emergencyNumbers: emergency === undefined ? DEFAULT_EMERGENCY_NUMBERS : emergency.split(',').filter(Boolean),
  };
}

/** Changes the given dial plan settings (others unchanged); throws {@link TrunkError} on bad input. */
export async function writeDialPlanSettings(
  db: Kysely<Database>,
  change: { outsidePrefix?: string; country?: string; emergencyNumbers?: readonly string[] },
): Promise<DialPlanSettings> {
  const values: { key: string; value: string }[] = [];
  if (change.outsidePrefix !== undefined) {
    if (!/^\d{0,3}$/.test(change.outsidePrefix)) throw new TrunkError('--outside-prefix: 0 to 3 digits expected');
    values.push({ key: SETTING_KEYS.outsidePrefix, value: change.outsidePrefix });
  }
  if (change.country !== undefined) {
    if (change.country !== '' && parseCountry(change.country) === undefined) {
      throw new TrunkError(`--country: unknown country code "${change.country}" (ISO 3166, e.g. FR)`);
    }
    values.push({ key: SETTING_KEYS.country, value: change.country.toUpperCase() });
  }
  if (change.emergencyNumbers !== undefined) {
    if (change.emergencyNumbers.length === 0 || !change.emergencyNumbers.every((n) => /^\d{2,6}$/.test(n))) {
      throw new TrunkError('--emergency: a comma-separated list of 2–6 digit numbers expected (e.g. 112,15,17,18)');
    }
    values.push({ key: SETTING_KEYS.emergencyNumbers, value: change.emergencyNumbers.join(',') });
  }
  await db.transaction().execute(async (trx) => {
    for (const row of values) {
      await trx.deleteFrom('server_settings').where('key', '=', row.key).execute();
      await trx.insertInto('server_settings').values(row).execute();
    }
  });
  return readDialPlanSettings(db);
}

/** What an administrator gives for a new trunk. */
export interface NewTrunk {
  name: string;
  /** host[:port] */
  address: string;
  transport?: string;
  username?: string;
  password?: string;
  /** trusted source addresses of the carrier's INVITEs ("ip" or "ip:port") */
  sources?: readonly string[];
  numberFormat?: string;
  country?: string;
  mainNumber?: string;
  priority?: number;
}

/** A trunk as the rest of the server uses it. */
export interface Trunk {
  id: number;
  name: string;
  host: string;
  port: number;
  transport: TrunkTransport;
  username: string | undefined;
  password: string | undefined;
  sources: readonly string[];
  numberFormat: TrunkNumberFormat;
  country: string | undefined;
  mainNumber: string | undefined;
  priority: number;
}

const SOURCE = /^(\d{1,3}(?:\.\d{1,3}){3})(?::(\d{1,5}))?$/;

/** Adds a trunk; throws {@link TrunkError} on bad input or a name already used. */
export async function addTrunk(db: Kysely<Database>, input: NewTrunk, now: number): Promise<Trunk> {
  if (!/^[A-Za-z0-9._-]{1,60}$/.test(input.name)) throw new TrunkError('trunk name: letters, digits, . _ - (max 60)');
  const address = /^([A-Za-z0-9.-]{1,253})(?::(\d{1,5}))?$/.exec(input.address);
  if (address === null) throw new TrunkError(`--address: host[:port] expected, got "${input.address}"`);
  const transport = (input.transport ?? 'udp').toLowerCase();
  if (transport !== 'udp' && transport !== 'tcp' && transport !== 'tls') {
    throw new TrunkError('--transport: udp, tcp or tls');
  }
  const port = Number(address[2] ?? (transport === 'tls' ? 5061 : 5060));
  if (port < 1 || port > 65535) throw new TrunkError('--address: port 1–65535');
  const numberFormat = input.numberFormat ?? 'e164';
  if (numberFormat !== 'e164' && numberFormat !== 'national') throw new TrunkError('--number-format: e164 or national');
  if ((input.username === undefined) !== (input.password === undefined)) {
    throw new TrunkError('--username and --password go together');
  }
  const sources = input.sources ?? [];
  for (const source of sources) {
    const match = SOURCE.exec(source);
    if (match === null || !match[1]!.split('.').every((o) => Number(o) <= 255)) {
      throw new TrunkError(`--sources: IPv4 address[:port] expected, got "${source}"`);
    }
  }
  if (input.username === undefined && sources.length === 0) {
    throw new TrunkError('a trunk needs --username/--password (digest) or --sources (IP trust), or both');
  }
  const country = input.country === undefined ? undefined : parseCountry(input.country);
  if (input.country !== undefined && country === undefined)
    throw new TrunkError(`--country: unknown "${input.country}"`);
  let mainNumber: string | undefined;
  if (input.mainNumber !== undefined) {
    mainNumber = normalizeCarrierNumber(input.mainNumber, country);
    if (mainNumber === undefined) throw new TrunkError(`--main-number: +E.164 expected, got "${input.mainNumber}"`);
  }
  const existing = await db.selectFrom('trunks').select('id').where('name', '=', input.name).executeTakeFirst();
  if (existing) throw new TrunkError(`a trunk named "${input.name}" exists already`);
  await db
    .insertInto('trunks')
    .values({
      name: input.name,
      host: address[1]!.toLowerCase(),
      port,
      transport,
      auth_username: input.username ?? null,
      auth_password: input.password ?? null,
      sources: JSON.stringify(sources),
      number_format: numberFormat,
      country: country ?? null,
      main_number: mainNumber ?? null,
      priority: input.priority ?? 0,
      created_at: now,
    })
    .execute();
  const trunk = (await listTrunks(db)).find((t) => t.name === input.name);
  if (!trunk) throw new Error('trunk not stored');
  return trunk;
}

/** Every trunk, preferred first. */
export async function listTrunks(db: Kysely<Database>): Promise<Trunk[]> {
  const rows = await db.selectFrom('trunks').selectAll().orderBy('priority').orderBy('id').execute();
  return rows.map(toTrunk);
}

/** Removes a trunk by name; false when there is none. */
export async function removeTrunk(db: Kysely<Database>, name: string): Promise<boolean> {
  const result = await db.deleteFrom('trunks').where('name', '=', name).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Maps a DID to an account number; the DID is stored +E.164. Replaces an earlier mapping of it. */
export async function addDid(
  db: Kysely<Database>,
  input: { did: string; account: string },
  settings: DialPlanSettings,
  now: number,
): Promise<string> {
  const number = normalizeCarrierNumber(input.did, settings.country);
  if (number === undefined) throw new TrunkError(`DID: a public number expected (+E.164), got "${input.did}"`);
  const account = await db.selectFrom('accounts').select('id').where('number', '=', input.account).executeTakeFirst();
  if (!account) throw new TrunkError(`no account ${input.account}`);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('dids').where('number', '=', number).execute();
    await trx.insertInto('dids').values({ number, account_id: account.id, created_at: now }).execute();
  });
  return number;
}

/** Removes a DID; false when it was not mapped. */
export async function removeDid(db: Kysely<Database>, did: string, settings: DialPlanSettings): Promise<boolean> {
  const number = normalizeCarrierNumber(did, settings.country);
  if (number === undefined) return false;
  const result = await db.deleteFrom('dids').where('number', '=', number).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Every DID with the account number it rings. */
export async function listDids(db: Kysely<Database>): Promise<{ number: string; account: string }[]> {
  return db
    .selectFrom('dids')
    .innerJoin('accounts', 'accounts.id', 'dids.account_id')
    .select(['dids.number as number', 'accounts.number as account'])
    .orderBy('dids.number')
    .execute();
}

function toTrunk(row: Selectable<TrunksTable>): Trunk {
  return {
    id: row.id,
    name: row.name,
    host: row.host,
    port: Number(row.port),
    transport: row.transport,
    username: row.auth_username ?? undefined,
    password: row.auth_password ?? undefined,
    sources: JSON.parse(row.sources) as string[],
    numberFormat: row.number_format,
    country: row.country ?? undefined,
    mainNumber: row.main_number ?? undefined,
    priority: Number(row.priority),
  };
}
