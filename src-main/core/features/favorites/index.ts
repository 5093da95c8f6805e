/** The favorites domain (see README.md): the account's favorites, cached and synced with the UC server. */
export { FavoritesFeature, type FavoritesFeatureOptions } from './favorites-feature';
export { FavoritesApi } from './favorites-api';
export { FavoritesService, type FavoritesTransport } from './favorites-service';
export { applyFavoritesChange, FavoriteNotFoundError, FavoritesLimitError } from './apply-favorites-change';
export { favoritesMigrations } from './migrations';
