/**
 * Kysely table types of the favorites (migration 0020, SPEC D1/D2), added to
 * the server's Database. Every row belongs to one account; nothing here is
 * shared.
 */
declare module '../../platform/db/database' {
  interface Database {
    favorite_groups: FavoriteGroupsTable;
    favorites: FavoritesTable;
    favorite_versions: FavoriteVersionsTable;
  }
}

// type aliases, not interfaces: Kysely's withTables needs an implicit index signature
export type FavoritesTables = {
  favorite_groups: FavoriteGroupsTable;
  favorites: FavoritesTable;
  favorite_versions: FavoriteVersionsTable;
};

/** A named group of favorites. */
export type FavoriteGroupsTable = {
  /** UUID made by the device that created it */
  id: string;
  account_id: number;
  name: string;
  /** the user's order (0, 1, 2…) */
  position: number;
  updated_at: number;
};

/** One favorite: a directory entry in a group. An entry is at most once per group. */
export type FavoritesTable = {
  id: string;
  account_id: number;
  group_id: string;
  /** directory entry id ('internal:101', 'personal:<uuid>', …) */
  entry_id: string;
  /** the name as shown when it was added */
  name: string;
  /** colleagues: their internal number (presence, messages) */
  internal_number: string | null;
  /** the number the call button dials; null: the entry's first number */
  default_number: string | null;
  position: number;
  updated_at: number;
};

/** The account's favorites version: +1 per change, so devices tell a newer list from an older one. */
export type FavoriteVersionsTable = {
  account_id: number;
  version: number;
};
