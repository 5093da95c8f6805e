/**
 * A favorites change applied to the cached groups, the same way the UC server
 * applies it (server/src/features/favorites/favorites-service.ts): the local
 * view shows the change at once, and what the server later sends back agrees.
 */
import {
  MAX_FAVORITE_GROUPS,
  MAX_FAVORITES,
  type FavoriteGroup,
  type FavoritesChange,
} from '../../../../src-preload/contract/favorites';
import { assertNever } from '../../../../src-preload/contract/platform';

/** The change names a group or favorite that is not there (UcError 'not-found'). */
export class FavoriteNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FavoriteNotFoundError';
  }
}

/** The change would go beyond the limits (UcError 'invalid-payload'). */
export class FavoritesLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FavoritesLimitError';
  }
}

/** `groups` after `change` (a new array; `groups` is left as it is). Throws for a missing target or a limit. */
export function applyFavoritesChange(groups: readonly FavoriteGroup[], change: FavoritesChange): FavoriteGroup[] {
  const copy = groups.map((g) => ({ ...g, favorites: [...g.favorites] }));
  const group = (id: string): FavoriteGroup => {
    const found = copy.find((g) => g.id === id);
    if (!found) throw new FavoriteNotFoundError(`No favorite group ${id}`);
    return found;
  };
  switch (change.op) {
    case 'createGroup':
      if (copy.some((g) => g.id === change.groupId)) return copy;
      if (copy.length >= MAX_FAVORITE_GROUPS)
        throw new FavoritesLimitError(`At most ${MAX_FAVORITE_GROUPS} favorite groups`);
      return [...copy, { id: change.groupId, name: change.name, favorites: [] }];
    case 'renameGroup':
      group(change.groupId).name = change.name;
      return copy;
    case 'deleteGroup':
      return copy.filter((g) => g.id !== change.groupId);
    case 'orderGroups':
      return reorderBy(copy, change.groupIds);
    case 'addFavorite': {
      const target = group(change.groupId);
      if (copy.some((g) => g.favorites.some((f) => f.id === change.favoriteId))) return copy;
      if (target.favorites.some((f) => f.entryId === change.entryId)) return copy;
      if (copy.reduce((n, g) => n + g.favorites.length, 0) >= MAX_FAVORITES)
        throw new FavoritesLimitError(`At most ${MAX_FAVORITES} favorites`);
      target.favorites.push({
        id: change.favoriteId,
        entryId: change.entryId,
        name: change.name,
        ...(change.internalNumber !== undefined ? { internalNumber: change.internalNumber } : {}),
        ...(change.defaultNumber !== undefined ? { defaultNumber: change.defaultNumber } : {}),
      });
      return copy;
    }
    case 'removeFavorite':
      for (const g of copy) g.favorites = g.favorites.filter((f) => f.id !== change.favoriteId);
      return copy;
    case 'orderFavorites': {
      const target = group(change.groupId);
      target.favorites = reorderBy(target.favorites, change.favoriteIds);
      return copy;
    }
    case 'setDefaultNumber': {
      for (const g of copy) {
        const index = g.favorites.findIndex((f) => f.id === change.favoriteId);
        if (index < 0) continue;
        const { defaultNumber: _old, ...rest } = g.favorites[index]!;
        g.favorites[index] = change.defaultNumber === null ? rest : { ...rest, defaultNumber: change.defaultNumber };
        return copy;
      }
      throw new FavoriteNotFoundError(`No favorite ${change.favoriteId}`);
    }
    default:
      return assertNever(change, 'unknown favorites change');
  }
}

/** The wanted ids that exist, in that order, then the others in their order (the server's rule). */
function reorderBy<T extends { id: string }>(items: readonly T[], wanted: readonly string[]): T[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  const first = [...new Set(wanted)].flatMap((id) => {
    const item = byId.get(id);
    return item ? [item] : [];
  });
  const placed = new Set(first.map((item) => item.id));
  return [...first, ...items.filter((item) => !placed.has(item.id))];
}
