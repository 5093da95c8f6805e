/** Favorites (public surface): each account's named groups of favorites, synced to its devices. */
import type { ServerFeature } from '../../platform/server-feature';
import { registerFavoritesRoutes } from './favorites-routes';

export type * from './favorites-tables';
export { FavoritesService, applyFavoritesChange, readFavorites, reorder } from './favorites-service';
export { migration0020Favorites } from './migrations/0020-favorites';

/** GET /favorites, POST /favorites/changes. */
export const favoritesFeature: ServerFeature = { name: 'favorites', register: registerFavoritesRoutes };
