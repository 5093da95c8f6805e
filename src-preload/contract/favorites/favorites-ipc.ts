/**
 * The favorites as the renderer sees them (SPEC D1, D2): the `favorites.*`
 * channels. Changes are applied to the local cache at once and queued for the
 * UC server (offline too); the view says how many wait.
 */
import { z } from 'zod';
import {
  favoriteGroupNameSchema,
  favoriteIdSchema,
  favoriteTargetSchema,
  favoriteNumberSchema,
  MAX_FAVORITE_GROUPS,
  MAX_FAVORITES,
  type Favorite,
} from './favorites-model';

export interface FavoriteView extends Favorite {
  /** a local change of it is not acknowledged by the server yet */
  pendingSync?: boolean;
}

export interface FavoriteGroupView {
  id: string;
  name: string;
  favorites: FavoriteView[];
}

export interface FavoritesView {
  groups: FavoriteGroupView[];
  /** local changes not acknowledged by the server yet */
  pending: number;
}

/**
 * Payload of favorites.change: a {@link favoritesChangeSchema} change, except
 * that the engine makes the ids of what is created (`createGroup` may add a
 * first favorite in the same step: the star's "new group…").
 */
export const favoritesChangePayloadSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('createGroup'), name: favoriteGroupNameSchema, add: favoriteTargetSchema.optional() }),
  favoriteTargetSchema.extend({ op: z.literal('addFavorite'), groupId: favoriteIdSchema }),
  z.strictObject({ op: z.literal('renameGroup'), groupId: favoriteIdSchema, name: favoriteGroupNameSchema }),
  z.strictObject({ op: z.literal('deleteGroup'), groupId: favoriteIdSchema }),
  z.strictObject({ op: z.literal('orderGroups'), groupIds: z.array(favoriteIdSchema).max(MAX_FAVORITE_GROUPS) }),
  z.strictObject({ op: z.literal('removeFavorite'), favoriteId: favoriteIdSchema }),
  z.strictObject({
    op: z.literal('orderFavorites'),
    groupId: favoriteIdSchema,
    favoriteIds: z.array(favoriteIdSchema).max(MAX_FAVORITES),
  }),
  z.strictObject({
    op: z.literal('setDefaultNumber'),
    favoriteId: favoriteIdSchema,
    defaultNumber: favoriteNumberSchema.nullable(),
  }),
]);
export type FavoritesChangePayload = z.infer<typeof favoritesChangePayloadSchema>;

/** Payload schemas of the favorites channels. */
export const favoritesInvokeSchemas = {
  /** the favorites from the local cache (offline too) */
  'favorites.list': z.strictObject({}),
  /** one change: applied here at once, then sent to the UC server ('not-logged-in', 'invalid-payload', 'not-found') */
  'favorites.change': favoritesChangePayloadSchema,
} as const;

export interface FavoritesInvokeResults {
  'favorites.list': FavoritesView;
  'favorites.change': FavoritesView;
}

export interface FavoritesEventPayloads {
  /** the favorites changed (this or another device, or the server refused a change) */
  'favorites.onDidChange': FavoritesView;
}

export const FAVORITES_EVENT_CHANNELS = { 'favorites.onDidChange': true } satisfies Record<
  keyof FavoritesEventPayloads,
  true
>;
