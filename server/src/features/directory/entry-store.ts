import type { Kysely, Selectable } from 'kysely';
import type { DirectoryEntry, NumberKind } from '../../../../src-preload/contract/directory';
import type { Database } from '../../platform/db/database';
import type { DirectoryEntriesTable, EntrySource } from './directory-tables';
import { nameKey } from './contacts/contact-values';

/** A directory entry to write (any source). */
export interface EntryRecord {
  id: string;
  source: EntrySource;
  /** the owning account for personal contacts, null for shared directories */
  ownerAccountId: number | null;
  displayName: string;
  firstName?: string | undefined;
  lastName?: string | undefined;
  company?: string | undefined;
  email?: string | undefined;
  numbers: { kind: NumberKind; number: string }[];
  photoUrl?: string | undefined;
  handEdited: boolean;
}

export type EntryRow = Selectable<DirectoryEntriesTable>;

/** Rows per multi-row statement: 13 columns x 400 stays far below SQLite's bound-parameter limit. */
const CHUNK = 400;

/**
 * Upserts entries and records one change per entry, inside the caller's
 * transaction. The entry's previous change row is deleted first (compaction):
 * the feed holds each entry once, at its latest revision.
 * Returns the revisions written, ascending.
 */
export async function putEntries(
  trx: Kysely<Database>,
  records: readonly EntryRecord[],
  now: number,
): Promise<number[]> {
  const revisions: number[] = [];
  for (let start = 0; start < records.length; start += CHUNK) {
    const chunk = records.slice(start, start + CHUNK);
    await trx
      .insertInto('directory_entries')
      .values(chunk.map((record) => toRow(record, now)))
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          source: eb.ref('excluded.source'),
          owner_account_id: eb.ref('excluded.owner_account_id'),
          display_name: eb.ref('excluded.display_name'),
          name_key: eb.ref('excluded.name_key'),
          first_name: eb.ref('excluded.first_name'),
          last_name: eb.ref('excluded.last_name'),
          company: eb.ref('excluded.company'),
          email: eb.ref('excluded.email'),
          numbers: eb.ref('excluded.numbers'),
          photo_url: eb.ref('excluded.photo_url'),
          hand_edited: eb.ref('excluded.hand_edited'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
    revisions.push(
      ...(await recordChanges(
        trx,
        chunk.map((record) => ({ id: record.id, ownerAccountId: record.ownerAccountId, op: 'upsert' as const })),
        now,
      )),
    );
  }
  return revisions;
}

/** Deletes entries (hard delete) and records a tombstone change for each; returns their revisions. */
export async function removeEntries(
  trx: Kysely<Database>,
  entries: readonly { id: string; ownerAccountId: number | null }[],
  now: number,
): Promise<number[]> {
  const revisions: number[] = [];
  for (let start = 0; start < entries.length; start += CHUNK) {
    const chunk = entries.slice(start, start + CHUNK);
    await trx
      .deleteFrom('directory_entries')
      .where(
        'id',
        'in',
        chunk.map((entry) => entry.id),
      )
      .execute();
    revisions.push(
      ...(await recordChanges(
        trx,
        chunk.map((entry) => ({ ...entry, op: 'delete' as const })),
        now,
      )),
    );
  }
  return revisions;
}

async function recordChanges(
  trx: Kysely<Database>,
  changes: readonly { id: string; ownerAccountId: number | null; op: 'upsert' | 'delete' }[],
  now: number,
): Promise<number[]> {
  if (changes.length === 0) return [];
  await trx
    .deleteFrom('changes')
    .where(
      'entry_id',
      'in',
      changes.map((change) => change.id),
    )
    .execute();
  const inserted = await trx
    .insertInto('changes')
    .values(
      changes.map((change) => ({
        owner_account_id: change.ownerAccountId,
        entry_id: change.id,
        op: change.op,
        changed_at: now,
      })),
    )
    .returning('revision')
    .execute();
  return inserted.map((row) => Number(row.revision)).sort((a, b) => a - b);
}

function toRow(record: EntryRecord, now: number): EntryRow {
  return {
    id: record.id,
    source: record.source,
    owner_account_id: record.ownerAccountId,
    display_name: record.displayName,
    name_key: nameKey(record.displayName),
    first_name: emptyToNull(record.firstName),
    last_name: emptyToNull(record.lastName),
    company: emptyToNull(record.company),
    email: emptyToNull(record.email),
    numbers: JSON.stringify(record.numbers),
    photo_url: emptyToNull(record.photoUrl),
    hand_edited: record.handEdited ? 1 : 0,
    updated_at: now,
  };
}

function emptyToNull(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value;
}

/** The API shape of a stored entry. */
export function rowToEntry(row: EntryRow): DirectoryEntry {
  const entry: DirectoryEntry = {
    id: row.id,
    source: row.source,
    displayName: row.display_name,
    numbers: parseNumbers(row.numbers),
    updatedAt: Number(row.updated_at),
  };
  if (row.first_name !== null) entry.firstName = row.first_name;
  if (row.last_name !== null) entry.lastName = row.last_name;
  if (row.company !== null) entry.company = row.company;
  if (row.email !== null) entry.email = row.email;
  if (row.photo_url !== null) entry.photoUrl = row.photo_url;
  if (row.source === 'personal') entry.handEdited = row.hand_edited === 1;
  return entry;
}

function parseNumbers(json: string): { kind: NumberKind; number: string }[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? (parsed as { kind: NumberKind; number: string }[]) : [];
  } catch {
    // a damaged row must not break the whole feed
    return [];
  }
}
