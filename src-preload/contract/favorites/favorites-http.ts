/**
 * The UC server's favorites routes (SPEC D1, D2), per account:
 *
 *   GET  /favorites          -> FavoritesDocument (every group with its favorites, in order, and the version)
 *   POST /favorites/changes  FavoritesChange + Idempotency-Key -> FavoritesChangeResponse
 *                            | 400 (bad change, limits) | 404 (group or favorite not found) | 409 (key reused)
 *
 * Every change bumps the account's version and is pushed to the account's
 * live connections as {type:'favorites-changed', version}: the other devices
 * GET /favorites again (the whole set is small: at most MAX_FAVORITES).
 */
import { z } from 'zod';
import { favoriteGroupSchema } from './favorites-model';

export const favoritesDocumentSchema = z.object({
  /** increases with every change of the account's favorites (0: never changed) */
  version: z.number().int().nonnegative(),
  groups: z.array(favoriteGroupSchema),
});
export type FavoritesDocument = z.infer<typeof favoritesDocumentSchema>;

export const favoritesChangeResponseSchema = z.object({
  /** the version after the change (a replay answers the version of the first time) */
  version: z.number().int().nonnegative(),
});
export type FavoritesChangeResponse = z.infer<typeof favoritesChangeResponseSchema>;

/** Live event: the account's favorites changed (this or another device): GET /favorites. */
export const favoritesChangedEventSchema = z.object({
  type: z.literal('favorites-changed'),
  version: z.number().int(),
});
