/**
 * The favorites of each account (SPEC D1, D2): named groups of directory
 * entries, in the user's order, each with its default number.
 *
 * Sync across the user's devices: every change runs in one serialized write
 * transaction with its Idempotency-Key row (a resent change is applied once)
 * and bumps the account's version; after the commit the account's live
 * connections get `favorites-changed` and read the whole list again (it is
 * small). Changes are written so that two devices that edited offline
 * converge whatever order theirs arrive in (see `favoritesChangeSchema`).
 */
import type { Kysely } from 'kysely';
import {
  MAX_FAVORITE_GROUPS,
  MAX_FAVORITES,
  type FavoriteGroup,
  type FavoritesChange,
  type FavoritesChangeResponse,
  type FavoritesDocument,
} from '../../../../src-preload/contract/favorites';
import { assertNever } from '../../../../src-preload/contract/platform';
import type { ChangeBus } from '../../platform/change-bus';
import type { Database, Db } from '../../platform/db/database';
import { runSerializedWrite } from '../../platform/db/serialized-write';
import { ApiHttpError } from '../../platform/http/api-http-error';
import { runIdempotent } from '../../platform/idempotency/idempotency';
import type { Clock } from '../../platform/server-context';

export interface FavoritesServiceDeps {
  db: Db;
  /** the server's change bus: a change is signalled `favorites-changed` to the account */
  changes: ChangeBus;
  clock: Clock;
}

/** See the file comment. One per server (created by the favorites routes). */
export class FavoritesService {
  readonly #db: Db;
  readonly #changes: ChangeBus;
  readonly #clock: Clock;

  constructor(deps: FavoritesServiceDeps) {
    this.#db = deps.db;
    this.#changes = deps.changes;
    this.#clock = deps.clock;
  }

  /** The account's groups with their favorites, in order, and the version. */
  async list(accountId: number): Promise<FavoritesDocument> {
    return readFavorites(this.#db, accountId);
  }

  /**
   * Applies one change (idempotent by `key`). 404 for a group or favorite
   * that is not the caller's (the same answer as a missing one), 400 beyond
   * the limits, 409 for a key used by another change.
   */
  async change(accountId: number, key: string, change: FavoritesChange): Promise<FavoritesChangeResponse> {
    const now = this.#clock.now();
    let changed = false;
    const reply = await runSerializedWrite(this.#db, (trx) =>
      runIdempotent(trx, accountId, key, `POST /favorites/changes ${JSON.stringify(change)}`, now, async () => {
        await applyFavoritesChange(trx, accountId, change, now);
        changed = true;
        return { version: await bumpVersion(trx, accountId) };
      }),
    );
    // a replay changed nothing: the devices already know
    if (changed) this.#changes.signal(accountId, { type: 'favorites-changed', version: reply.version });
    return reply;
  }

  /**
   * The demo's default group (README demo): "Team" with the given colleagues,
   * made once per account: one whose favorites ever changed is left alone
   * (a user who deleted the group does not get it back at the next seed).
   */
  async seedGroup(
    accountId: number,
    group: {
      id: string;
      name: string;
      favorites: { id: string; entryId: string; name: string; internalNumber: string }[];
    },
  ): Promise<boolean> {
    const existing = await this.#db
      .selectFrom('favorite_versions')
      .select('version')
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    if (existing !== undefined) return false;
    const now = this.#clock.now();
    await runSerializedWrite(this.#db, async (trx) => {
      await applyFavoritesChange(trx, accountId, { op: 'createGroup', groupId: group.id, name: group.name }, now);
      for (const f of group.favorites) {
        await applyFavoritesChange(
          trx,
          accountId,
          {
            op: 'addFavorite',
            favoriteId: f.id,
            groupId: group.id,
            entryId: f.entryId,
            name: f.name,
            internalNumber: f.internalNumber,
          },
          now,
        );
      }
      await bumpVersion(trx, accountId);
    });
    return true;
  }
}

/** The account's favorites as GET /favorites sends them. */
export async function readFavorites(db: Kysely<Database>, accountId: number): Promise<FavoritesDocument> {
  const [groups, favorites, version] = await Promise.all([
    db
      .selectFrom('favorite_groups')
      .select(['id', 'name'])
      .where('account_id', '=', accountId)
      .orderBy('position')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('favorites')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('position')
      .orderBy('id')
      .execute(),
    db.selectFrom('favorite_versions').select('version').where('account_id', '=', accountId).executeTakeFirst(),
  ]);
  const byGroup = new Map<string, FavoriteGroup>(groups.map((g) => [g.id, { id: g.id, name: g.name, favorites: [] }]));
  for (const f of favorites) {
    byGroup.get(f.group_id)?.favorites.push({
      id: f.id,
      entryId: f.entry_id,
      name: f.name,
      ...(f.internal_number !== null ? { internalNumber: f.internal_number } : {}),
      ...(f.default_number !== null ? { defaultNumber: f.default_number } : {}),
    });
  }
  return { version: Number(version?.version ?? 0), groups: [...byGroup.values()] };
}

async function bumpVersion(trx: Kysely<Database>, accountId: number): Promise<number> {
  const row = await trx
    .selectFrom('favorite_versions')
    .select('version')
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  const version = Number(row?.version ?? 0) + 1;
  if (row === undefined) await trx.insertInto('favorite_versions').values({ account_id: accountId, version }).execute();
  else await trx.updateTable('favorite_versions').set({ version }).where('account_id', '=', accountId).execute();
  return version;
}

/** Applies `change` to the account's rows inside `trx` (no version, no signal). */
export async function applyFavoritesChange(
  trx: Kysely<Database>,
  accountId: number,
  change: FavoritesChange,
  now: number,
): Promise<void> {
  switch (change.op) {
    case 'createGroup': {
      const existing = await findById(trx, 'favorite_groups', change.groupId);
      if (existing !== undefined) {
        if (existing.account_id !== accountId) throw notFound('group', change.groupId);
        return; // already there (the same creation, replayed under another key)
      }
      const count = await countOf(trx, 'favorite_groups', accountId);
      if (count >= MAX_FAVORITE_GROUPS)
        throw new ApiHttpError(400, 'invalid-request', `At most ${MAX_FAVORITE_GROUPS} favorite groups`);
      await trx
        .insertInto('favorite_groups')
        .values({
          id: change.groupId,
          account_id: accountId,
          name: change.name,
          position: await nextPosition(trx, 'favorite_groups', accountId),
          updated_at: now,
        })
        .execute();
      return;
    }
    case 'renameGroup': {
      await ownGroup(trx, accountId, change.groupId);
      await trx
        .updateTable('favorite_groups')
        .set({ name: change.name, updated_at: now })
        .where('id', '=', change.groupId)
        .execute();
      return;
    }
    case 'deleteGroup': {
      // deleting what is gone is done already; its favorites go with it
      await trx
        .deleteFrom('favorites')
        .where('group_id', '=', change.groupId)
        .where('account_id', '=', accountId)
        .execute();
      await trx
        .deleteFrom('favorite_groups')
        .where('id', '=', change.groupId)
        .where('account_id', '=', accountId)
        .execute();
      return;
    }
    case 'orderGroups': {
      const groups = await trx
        .selectFrom('favorite_groups')
        .select(['id'])
        .where('account_id', '=', accountId)
        .orderBy('position')
        .orderBy('id')
        .execute();
      await writeOrder(
        trx,
        'favorite_groups',
        reorder(
          groups.map((g) => g.id),
          change.groupIds,
        ),
        now,
      );
      return;
    }
    case 'addFavorite': {
      await ownGroup(trx, accountId, change.groupId);
      const existing = await findById(trx, 'favorites', change.favoriteId);
      if (existing !== undefined) {
        if (existing.account_id !== accountId) throw notFound('favorite', change.favoriteId);
        return;
      }
      const same = await trx
        .selectFrom('favorites')
        .select('id')
        .where('group_id', '=', change.groupId)
        .where('entry_id', '=', change.entryId)
        .executeTakeFirst();
      if (same !== undefined) return; // the entry is in the group already: no duplicate
      if ((await countOf(trx, 'favorites', accountId)) >= MAX_FAVORITES)
        throw new ApiHttpError(400, 'invalid-request', `At most ${MAX_FAVORITES} favorites`);
      const position = Number(
        (
          await trx
            .selectFrom('favorites')
            .select((eb) => eb.fn.max('position').as('max'))
            .where('group_id', '=', change.groupId)
            .executeTakeFirst()
        )?.max ?? -1,
      );
      await trx
        .insertInto('favorites')
        .values({
          id: change.favoriteId,
          account_id: accountId,
          group_id: change.groupId,
          entry_id: change.entryId,
          name: change.name,
          internal_number: change.internalNumber ?? null,
          default_number: change.defaultNumber ?? null,
          position: position + 1,
          updated_at: now,
        })
        .execute();
      return;
    }
    case 'removeFavorite': {
      await trx
        .deleteFrom('favorites')
        .where('id', '=', change.favoriteId)
        .where('account_id', '=', accountId)
        .execute();
      return;
    }
    case 'orderFavorites': {
      await ownGroup(trx, accountId, change.groupId);
      const rows = await trx
        .selectFrom('favorites')
        .select(['id'])
        .where('group_id', '=', change.groupId)
        .orderBy('position')
        .orderBy('id')
        .execute();
      await writeOrder(
        trx,
        'favorites',
        reorder(
          rows.map((r) => r.id),
          change.favoriteIds,
        ),
        now,
      );
      return;
    }
    case 'setDefaultNumber': {
      const result = await trx
        .updateTable('favorites')
        .set({ default_number: change.defaultNumber, updated_at: now })
        .where('id', '=', change.favoriteId)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw notFound('favorite', change.favoriteId);
      return;
    }
    default:
      assertNever(change, 'unknown favorites change');
  }
}

/**
 * The new order: the wanted ids that exist, in the wanted order, then the
 * others in their current order (one added meanwhile on another device is
 * kept, at the end).
 */
export function reorder(current: readonly string[], wanted: readonly string[]): string[] {
  const known = new Set(current);
  const first = [...new Set(wanted)].filter((id) => known.has(id));
  const placed = new Set(first);
  return [...first, ...current.filter((id) => !placed.has(id))];
}

async function writeOrder(
  trx: Kysely<Database>,
  table: 'favorite_groups' | 'favorites',
  ids: readonly string[],
  now: number,
): Promise<void> {
  for (const [position, id] of ids.entries()) {
    await trx.updateTable(table).set({ position, updated_at: now }).where('id', '=', id).execute();
  }
}

async function findById(
  trx: Kysely<Database>,
  table: 'favorite_groups' | 'favorites',
  id: string,
): Promise<{ account_id: number } | undefined> {
  return trx.selectFrom(table).select('account_id').where('id', '=', id).executeTakeFirst();
}

async function ownGroup(trx: Kysely<Database>, accountId: number, groupId: string): Promise<void> {
  const row = await findById(trx, 'favorite_groups', groupId);
  // the same 404 whether it is missing or another account's
  if (row === undefined || row.account_id !== accountId) throw notFound('group', groupId);
}

async function countOf(
  trx: Kysely<Database>,
  table: 'favorite_groups' | 'favorites',
  accountId: number,
): Promise<number> {
  const row = await trx
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

async function nextPosition(trx: Kysely<Database>, table: 'favorite_groups', accountId: number): Promise<number> {
  const row = await trx
    .selectFrom(table)
    .select((eb) => eb.fn.max('position').as('max'))
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return Number(row?.max ?? -1) + 1;
}

function notFound(what: 'group' | 'favorite', id: string): ApiHttpError {
  return new ApiHttpError(404, 'not-found', `No favorite ${what} ${id}`);
}
