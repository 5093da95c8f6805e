import { describe, expect, it } from 'vitest';
import {
  applyFavoritesChange,
  FavoriteNotFoundError,
  FavoritesLimitError,
} from '../../../src-main/core/features/favorites';
import { MAX_FAVORITE_GROUPS, type FavoriteGroup } from '../../../src-preload/contract/favorites';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const G1 = id(1);
const G2 = id(2);
const F1 = id(11);
const F2 = id(12);
const base: FavoriteGroup[] = [
  {
    id: G1,
    name: 'Team',
    favorites: [
      { id: F1, entryId: 'internal:101', name: 'Bruno', internalNumber: '101' },
      { id: F2, entryId: 'internal:102', name: 'Chloé', internalNumber: '102', defaultNumber: '+33 6 12 34 56 78' },
    ],
  },
  { id: G2, name: 'Sales', favorites: [] },
];

describe('applyFavoritesChange (the local view of a change, same rules as the server)', () => {
  it('creates, renames, orders and deletes groups without touching the input', () => {
    const G3 = id(3);
    let groups = applyFavoritesChange(base, { op: 'createGroup', groupId: G3, name: 'Support' });
    expect(groups.map((g) => g.name)).toEqual(['Team', 'Sales', 'Support']);
    // the same creation again: nothing new
    expect(applyFavoritesChange(groups, { op: 'createGroup', groupId: G3, name: 'Support' })).toHaveLength(3);
    groups = applyFavoritesChange(groups, { op: 'renameGroup', groupId: G2, name: 'Key accounts' });
    groups = applyFavoritesChange(groups, { op: 'orderGroups', groupIds: [G3, id(99), G1] });
    expect(groups.map((g) => g.name)).toEqual(['Support', 'Team', 'Key accounts']);
    groups = applyFavoritesChange(groups, { op: 'deleteGroup', groupId: G1 });
    groups = applyFavoritesChange(groups, { op: 'deleteGroup', groupId: G1 });
    expect(groups.map((g) => g.name)).toEqual(['Support', 'Key accounts']);
    expect(base.map((g) => g.name)).toEqual(['Team', 'Sales']);
    expect(base[0]!.favorites).toHaveLength(2);
  });

  it('adds once per entry and group, orders, sets and clears the default number, removes', () => {
    const add = { op: 'addFavorite', groupId: G1, entryId: 'internal:103', name: 'David' } as const;
    let groups = applyFavoritesChange(base, { ...add, favoriteId: id(13) });
    // a second device added the same colleague: no duplicate
    groups = applyFavoritesChange(groups, { ...add, favoriteId: id(14) });
    expect(groups[0]!.favorites.map((f) => f.name)).toEqual(['Bruno', 'Chloé', 'David']);
    groups = applyFavoritesChange(groups, { op: 'orderFavorites', groupId: G1, favoriteIds: [id(13), F1] });
    expect(groups[0]!.favorites.map((f) => f.name)).toEqual(['David', 'Bruno', 'Chloé']);
    groups = applyFavoritesChange(groups, { op: 'setDefaultNumber', favoriteId: F1, defaultNumber: '0612345678' });
    groups = applyFavoritesChange(groups, { op: 'setDefaultNumber', favoriteId: F2, defaultNumber: null });
    expect(groups[0]!.favorites.find((f) => f.id === F1)?.defaultNumber).toBe('0612345678');
    expect(groups[0]!.favorites.find((f) => f.id === F2)).not.toHaveProperty('defaultNumber');
    groups = applyFavoritesChange(groups, { op: 'removeFavorite', favoriteId: F1 });
    expect(groups[0]!.favorites.map((f) => f.name)).toEqual(['David', 'Chloé']);
  });

  it('refuses a change to what is not there, and beyond the limits', () => {
    expect(() => applyFavoritesChange(base, { op: 'renameGroup', groupId: id(9), name: 'X' })).toThrow(
      FavoriteNotFoundError,
    );
    expect(() =>
      applyFavoritesChange(base, { op: 'addFavorite', groupId: id(9), favoriteId: id(19), entryId: 'x', name: 'X' }),
    ).toThrow(FavoriteNotFoundError);
    expect(() =>
      applyFavoritesChange(base, { op: 'setDefaultNumber', favoriteId: id(9), defaultNumber: null }),
    ).toThrow(FavoriteNotFoundError);
    const many: FavoriteGroup[] = Array.from({ length: MAX_FAVORITE_GROUPS }, (_, i) => ({
      id: id(100 + i),
      name: `G${i}`,
      favorites: [],
    }));
    expect(() => applyFavoritesChange(many, { op: 'createGroup', groupId: id(999), name: 'One more' })).toThrow(
      FavoritesLimitError,
    );
  });
});
