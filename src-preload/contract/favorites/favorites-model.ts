/**
 * Favorites (SPEC D1, D2): colleagues and contacts in named groups, in the
 * user's order, each with the number its call button dials. One definition
 * for the UC server, the engine's cache and outbox, and the renderer.
 */
import { z } from 'zod';

/** Longest group name, characters. */
export const FAVORITE_GROUP_NAME_MAX = 60;
/** At most this many groups per account. */
export const MAX_FAVORITE_GROUPS = 50;
/** At most this many favorites per account, all groups together. */
export const MAX_FAVORITES = 1000;

/** Ids are UUIDs made by the device that creates the group or favorite, so an offline creation has its id at once. */
export const favoriteIdSchema = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected a UUID');

export const favoriteGroupNameSchema = z
  .string()
  .max(FAVORITE_GROUP_NAME_MAX * 4)
  .transform((s) => s.trim())
  .pipe(z.string().min(1, 'a group needs a name').max(FAVORITE_GROUP_NAME_MAX));

/** A number as stored (canonical or internal); the same characters the directory allows (SPEC C5). */
export const favoriteNumberSchema = z.string().regex(/^[0-9+()/ :;*#-]{1,40}$/, 'not a phone number');

/** What a favorite refers to: a directory entry (SPEC C1) and, for colleagues, their internal number. */
export const favoriteTargetSchema = z.strictObject({
  /** directory entry id: 'internal:101', 'personal:<uuid>', 'global:<uuid>', 'system:<uuid>' */
  entryId: z.string().min(1).max(200),
  /** the name shown (a copy, so the favorite shows even before the directory is synced) */
  name: z.string().trim().min(1).max(200),
  /** colleagues: the internal number (presence, instant messages) */
  internalNumber: z
    .string()
    .regex(/^[A-Za-z0-9._~+-]{1,64}$/)
    .optional(),
  /** the number the call button dials (SPEC D2); absent: the entry's first number */
  defaultNumber: favoriteNumberSchema.optional(),
});
export type FavoriteTarget = z.infer<typeof favoriteTargetSchema>;

/** One favorite as the server and the cache keep it. */
export const favoriteSchema = favoriteTargetSchema.extend({ id: favoriteIdSchema });
export type Favorite = z.infer<typeof favoriteSchema>;

export const favoriteGroupSchema = z.object({
  id: favoriteIdSchema,
  name: z.string(),
  /** in the user's order */
  favorites: z.array(favoriteSchema),
});
export type FavoriteGroup = z.infer<typeof favoriteGroupSchema>;

/**
 * One change of the favorites, as the outbox queues it and the server applies
 * it (POST /favorites/changes). Every change is safe to apply twice and
 * converges when two devices edited offline: deleting what is gone is a
 * no-op, adding an entry already in the group keeps the one there (no
 * duplicates), an order lists ids and leaves out the unknown ones.
 */
export const favoritesChangeSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('createGroup'), groupId: favoriteIdSchema, name: favoriteGroupNameSchema }),
  z.strictObject({ op: z.literal('renameGroup'), groupId: favoriteIdSchema, name: favoriteGroupNameSchema }),
  z.strictObject({ op: z.literal('deleteGroup'), groupId: favoriteIdSchema }),
  z.strictObject({ op: z.literal('orderGroups'), groupIds: z.array(favoriteIdSchema).max(MAX_FAVORITE_GROUPS) }),
  favoriteTargetSchema.extend({
    op: z.literal('addFavorite'),
    favoriteId: favoriteIdSchema,
    groupId: favoriteIdSchema,
  }),
  z.strictObject({ op: z.literal('removeFavorite'), favoriteId: favoriteIdSchema }),
  z.strictObject({
    op: z.literal('orderFavorites'),
    groupId: favoriteIdSchema,
    favoriteIds: z.array(favoriteIdSchema).max(MAX_FAVORITES),
  }),
  z.strictObject({
    op: z.literal('setDefaultNumber'),
    favoriteId: favoriteIdSchema,
    /** null: back to the entry's first number */
    defaultNumber: favoriteNumberSchema.nullable(),
  }),
]);
export type FavoritesChange = z.infer<typeof favoritesChangeSchema>;
export type FavoritesChangeOp = FavoritesChange['op'];
