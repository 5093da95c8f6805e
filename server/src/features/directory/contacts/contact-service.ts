import type {
  ContactCreate,
  ContactMutationResponse,
  ContactPatch,
  DirectoryEntry,
} from '../../../../../src-preload/contract/directory';
import type { Kysely } from 'kysely';
import type { ChangeBus } from '../../../platform/change-bus';
import type { Database, Db } from '../../../platform/db/database';
import { runMutation, type MutationScope } from '../run-mutation';
import type { CanonicalNumberOptions } from '../canonical-number';
import { rowToEntry, type EntryRecord, type EntryRow } from '../entry-store';
import { ApiHttpError } from '../../../platform/http/api-http-error';
import type { Clock } from '../../../platform/server-context';
import {
  cleanContactFields,
  contactDisplayName,
  contactNumbers,
  EMPTY_CONTACT_VALUES,
  type ContactValues,
} from './contact-values';
import { runIdempotent } from '../../../platform/idempotency/idempotency';

const PERSONAL_PREFIX = 'personal:';
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Dependencies of {@link ContactService}. */
export interface ContactServiceDeps {
  db: Db;
  /** the server's change bus: every change is announced after its commit */
  changes: ChangeBus;
  clock: Clock;
  numbers?: CanonicalNumberOptions;
}

/**
 * Personal contacts: create, patch, delete, each idempotent (Idempotency-Key)
 * and written with its change-feed row in one transaction.
 *
 * Conflict rule: the server is authoritative and the last writer wins per
 * field — a PATCH changes only the fields it carries, so two clients editing
 * different fields both keep their edit; on the same field the request that
 * reaches the server last wins. Every manual create/patch sets hand_edited,
 * which protects the contact from later imports (SPEC C4).
 */
export class ContactService {
  readonly #db: Db;
  readonly #changes: ChangeBus;
  readonly #clock: Clock;
  readonly #numbers: CanonicalNumberOptions;

  constructor(deps: ContactServiceDeps) {
    this.#db = deps.db;
    this.#changes = deps.changes;
    this.#clock = deps.clock;
    this.#numbers = deps.numbers ?? {};
  }

  async create(accountId: number, key: string, body: ContactCreate): Promise<ContactMutationResponse> {
    const id = `${PERSONAL_PREFIX}${body.id.toLowerCase()}`;
    return this.#mutate(accountId, key, `POST /contacts ${id}`, async (scope) => {
      const existing = await scope.trx
        .selectFrom('directory_entries')
        .select('id')
        .where('id', '=', id)
        .executeTakeFirst();
      // same answer whoever owns it: never reveal another account's contact
      if (existing !== undefined) throw new ApiHttpError(409, 'conflict', `Contact ${id} already exists`);
      const values = this.#merge(EMPTY_CONTACT_VALUES, body.fields);
      const revision = await scope.put([personalRecord(id, accountId, values)]);
      return { entry: await readEntry(scope.trx, id), revision };
    });
  }

  async patch(accountId: number, key: string, rawId: string, body: ContactPatch): Promise<ContactMutationResponse> {
    const id = personalEntryId(rawId);
    return this.#mutate(accountId, key, `PATCH /contacts/${id}`, async (scope) => {
      const row = await findOwnContact(scope.trx, accountId, id);
      const values = this.#merge(contactValuesOf(row), body.fields);
      const revision = await scope.put([personalRecord(id, accountId, values)]);
      return { entry: await readEntry(scope.trx, id), revision };
    });
  }

  async remove(accountId: number, key: string, rawId: string): Promise<ContactMutationResponse> {
    const id = personalEntryId(rawId);
    return this.#mutate(accountId, key, `DELETE /contacts/${id}`, async (scope) => {
      await findOwnContact(scope.trx, accountId, id);
      const revision = await scope.remove([{ id, ownerAccountId: accountId }]);
      return { revision };
    });
  }

  #mutate(
    accountId: number,
    key: string,
    request: string,
    apply: (scope: MutationScope) => Promise<ContactMutationResponse>,
  ): Promise<ContactMutationResponse> {
    const now = this.#clock.now();
    return runMutation({ db: this.#db, changes: this.#changes }, now, (scope) =>
      runIdempotent(scope.trx, accountId, key, request, now, () => apply(scope)),
    );
  }

  #merge(current: ContactValues, fields: ContactPatch['fields']): ContactValues {
    const cleaned = cleanContactFields(fields, this.#numbers);
    if (!cleaned.ok) throw new ApiHttpError(400, 'invalid-request', cleaned.reason);
    const values = { ...current, ...cleaned.values };
    if (contactDisplayName(values) === '')
      throw new ApiHttpError(400, 'invalid-request', 'A contact needs a first name, a last name or a company');
    return values;
  }
}

/** "personal:<uuid>" from a route parameter ("personal:<uuid>" or the bare uuid); 404 for anything else. */
export function personalEntryId(raw: string): string {
  const uuid = raw.startsWith(PERSONAL_PREFIX) ? raw.slice(PERSONAL_PREFIX.length) : raw;
  if (!UUID_PATTERN.test(uuid)) throw new ApiHttpError(404, 'not-found', `No contact ${raw}`);
  return `${PERSONAL_PREFIX}${uuid.toLowerCase()}`;
}

/** The caller's own contact, or 404 — the same 404 whether it is absent or someone else's. */
async function findOwnContact(trx: Kysely<Database>, accountId: number, id: string): Promise<EntryRow> {
  const row = await trx
    .selectFrom('directory_entries')
    .selectAll()
    .where('id', '=', id)
    .where('source', '=', 'personal')
    .where('owner_account_id', '=', accountId)
    .executeTakeFirst();
  if (row === undefined) throw new ApiHttpError(404, 'not-found', `No contact ${id}`);
  return row;
}

async function readEntry(trx: Kysely<Database>, id: string): Promise<DirectoryEntry> {
  return rowToEntry(
    await trx.selectFrom('directory_entries').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
  );
}

/** A personal contact record from its values; `handEdited` false only for imports. */
export function personalRecord(id: string, accountId: number, values: ContactValues, handEdited = true): EntryRecord {
  return {
    id,
    source: 'personal',
    ownerAccountId: accountId,
    displayName: contactDisplayName(values),
    firstName: values.firstName,
    lastName: values.lastName,
    company: values.company,
    email: values.email,
    numbers: contactNumbers(values),
    handEdited,
  };
}

/** The editable values of a stored personal contact. */
export function contactValuesOf(row: EntryRow): ContactValues {
  const values: ContactValues = {
    ...EMPTY_CONTACT_VALUES,
    firstName: row.first_name ?? '',
    lastName: row.last_name ?? '',
    company: row.company ?? '',
    email: row.email ?? '',
  };
  for (const { kind, number } of rowToEntry(row).numbers) {
    if (kind === 'business' || kind === 'mobile' || kind === 'private' || kind === 'other') values[kind] = number;
  }
  return values;
}
