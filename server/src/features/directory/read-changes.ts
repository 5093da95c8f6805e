import type { Kysely } from 'kysely';
import type { Change, ChangesResponse } from '../../../../src-preload/contract/directory';
import type { Database } from '../../platform/db/database';
import { rowToEntry, type EntryRow } from './entry-store';

export const DEFAULT_CHANGES_PAGE = 1000;
export const MAX_CHANGES_PAGE = 5000;

/**
 * One page of the change feed as `accountId` sees it: shared directories
 * (owner NULL) and the account's own contacts, never another account's,
 * with revision > `since`, in revision order, upserts carrying the entry's
 * current state.
 *
 * `revision` of the reply: the last revision returned, or — on the last page —
 * the feed's head, so a client does not rescan other accounts' rows next time.
 * The head is read BEFORE the page: revisions commit in order (see
 * run-mutation.ts), so everything up to it is visible to the page query and
 * skipping to it cannot lose a change. A head lower than `since` means the
 * server's database was reset: the client should drop its cache and sync from 0.
 */
export async function readChanges(
  db: Kysely<Database>,
  accountId: number,
  since: number,
  limit: number = DEFAULT_CHANGES_PAGE,
): Promise<ChangesResponse> {
  const head = Number(
    (
      await db
        .selectFrom('changes')
        .select((eb) => eb.fn.max('revision').as('head'))
        .executeTakeFirst()
    )?.head ?? 0,
  );
  // Two narrow steps instead of one join: the page of change rows walks the
  // revision index, then the entries of that revision range come by primary
  // key. A join let PostgreSQL with stale statistics (right after a bulk
  // import) scan and sort every row for each page.
  const rows = await db
    .selectFrom('changes')
    .select(['revision', 'op', 'entry_id'])
    .where('revision', '>', since)
    .where((eb) => eb.or([eb('owner_account_id', 'is', null), eb('owner_account_id', '=', accountId)]))
    .orderBy('revision')
    .limit(limit + 1)
    .execute();
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const entries = new Map<string, EntryRow>();
  const lastOfPage = page.at(-1)?.revision;
  if (lastOfPage !== undefined && page.some((row) => row.op === 'upsert')) {
    // one query for the page's entries, bounded by the page's revisions (no list of 5000 parameters)
    const rowsOfPage = await db
      .selectFrom('directory_entries')
      .selectAll()
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('changes')
          .select('entry_id')
          .where('revision', '>', since)
          .where('revision', '<=', lastOfPage)
          .where('op', '=', 'upsert')
          .where((inner) =>
            inner.or([inner('owner_account_id', 'is', null), inner('owner_account_id', '=', accountId)]),
          ),
      )
      .execute();
    for (const row of rowsOfPage) entries.set(row.id, row);
  }
  const changes: Change[] = page.map((row) => {
    const revision = Number(row.revision);
    const entry = row.op === 'upsert' ? entries.get(row.entry_id) : undefined;
    // visibility is checked on the change row; the entry must agree (same owner) to be sent
    if (entry !== undefined && (entry.owner_account_id === null || entry.owner_account_id === accountId))
      return { revision, op: 'upsert', id: row.entry_id, entry: rowToEntry(entry) };
    // compaction keeps one change row per entry, so an upsert without its entry cannot
    // normally happen; if it does, the entry is gone: say so
    return { revision, op: 'delete', id: row.entry_id };
  });
  const last = changes.at(-1)?.revision ?? since;
  const revision = hasMore ? last : since > head ? head : Math.max(last, head);
  return { changes, revision, hasMore };
}

/** The change feed's head (highest revision; 0 when empty). */
export async function readFeedHead(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('changes')
    .select((eb) => eb.fn.max('revision').as('head'))
    .executeTakeFirst();
  return Number(row?.head ?? 0);
}

/** Per visibility (owner account, null = shared), the highest revision in (since, head]: who must hear of a change. */
export async function readChangedOwners(
  db: Kysely<Database>,
  since: number,
  head: number,
): Promise<{ ownerAccountId: number | null; revision: number }[]> {
  const rows = await db
    .selectFrom('changes')
    .select(['owner_account_id', (eb) => eb.fn.max('revision').as('revision')])
    .where('revision', '>', since)
    .where('revision', '<=', head)
    .groupBy('owner_account_id')
    .execute();
  return rows.map((row) => ({ ownerAccountId: row.owner_account_id, revision: Number(row.revision) }));
}
