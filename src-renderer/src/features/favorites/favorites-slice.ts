/**
 * Favorites slice (SPEC D1, D2): the favorites as the engine caches them
 * (pushed on `favorites.onDidChange`, offline too), changes through
 * favorites.change (applied at once by the engine, synced later), the call
 * button's number and the numbers a favorite can choose from.
 */
import type { FavoriteView, FavoritesChangePayload, FavoritesView } from '../../../../src-preload/contract/favorites';
import type { IpcErrorCode, NumberKind, UcApi } from '../../../../src-preload/contract/ipc-contract';
import type { SliceCreator } from '../../platform/store/app-state';

export interface FavoritesSlice {
  favorites: FavoritesView;
  favoritesLoaded: boolean;
  /** why the last change was refused (`error.<code>`) */
  favoritesError: IpcErrorCode | null;
  setFavorites(view: FavoritesView): void;
  refreshFavorites(): Promise<void>;
  /** favorites.change; true when the engine took it */
  changeFavorites(payload: FavoritesChangePayload): Promise<boolean>;
  clearFavoritesError(): void;
  /** The numbers of the favorite's directory entry (the default-number chooser); [] when unknown. */
  favoriteNumbers(favorite: FavoriteView): Promise<{ kind: NumberKind; number: string }[]>;
  /** Calls the favorite's default number (SPEC D2), else the entry's first number. */
  callFavorite(favorite: FavoriteView): Promise<void>;
}

declare module '../../platform/store/app-state' {
  interface AppState extends FavoritesSlice {}
  interface MenuTabs {
    favorites: true;
  }
}

export const EMPTY_FAVORITES: FavoritesView = { groups: [], pending: 0 };

export function createFavoritesSlice(uc: UcApi): SliceCreator<FavoritesSlice> {
  return (set, get) => ({
    favorites: EMPTY_FAVORITES,
    favoritesLoaded: false,
    favoritesError: null,
    setFavorites(view) {
      set({ favorites: view, favoritesLoaded: true });
    },
    async refreshFavorites() {
      const result = await uc.invoke('favorites.list', {});
      if (result.ok) set({ favorites: result.value, favoritesLoaded: true });
    },
    async changeFavorites(payload) {
      set({ favoritesError: null });
      const result = await uc.invoke('favorites.change', payload);
      if (!result.ok) {
        set({ favoritesError: result.error.code });
        return false;
      }
      set({ favorites: result.value, favoritesLoaded: true });
      return true;
    },
    clearFavoritesError() {
      set({ favoritesError: null });
    },
    async favoriteNumbers(favorite) {
      const result = await uc.invoke('directory.get', { id: favorite.entryId });
      if (result.ok) return result.value.numbers;
      return favorite.internalNumber !== undefined ? [{ kind: 'internal', number: favorite.internalNumber }] : [];
    },
    async callFavorite(favorite) {
      let number = favorite.defaultNumber ?? favorite.internalNumber;
      if (number === undefined) number = (await get().favoriteNumbers(favorite))[0]?.number;
      if (number === undefined) {
        set({ favoritesError: 'not-found' });
        return;
      }
      await get().dial(number, favorite.name);
    },
  });
}

/** The group ids that hold this directory entry (the star's state). */
export function groupsHolding(view: FavoritesView, entryId: string): string[] {
  return view.groups.filter((g) => g.favorites.some((f) => f.entryId === entryId)).map((g) => g.id);
}
