/** Favorites feature (SPEC D1, D2): groups of favorites with live presence, the star in contact details. See README.md. */
// a feature brings its own styles: no edit in app/styles.css
import './favorites.css';
import type { RendererFeature } from '../../platform/store/renderer-feature';
import { createFavoritesSlice, EMPTY_FAVORITES } from './favorites-slice';
import { favoritesViews } from './favorites-views';
import en from './i18n/en.json';
import fr from './i18n/fr.json';

export { FavoritesList } from './favorites-list';
export { FavoriteStar, favoriteTargetOf } from './favorite-star';
export { EMPTY_FAVORITES, groupsHolding, type FavoritesSlice } from './favorites-slice';

export const favoritesFeature: RendererFeature = {
  id: 'favorites',
  slices: ({ uc }) => [createFavoritesSlice(uc)],
  events: (uc, store) => [uc.on('favorites.onDidChange', (view) => store.getState().setFavorites(view))],
  load: (s) => void s.refreshFavorites(),
  sessionCleared: { favorites: EMPTY_FAVORITES, favoritesLoaded: false, favoritesError: null },
  i18n: { en, fr },
  views: favoritesViews,
};
