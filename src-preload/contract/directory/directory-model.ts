/** The directories (SPEC C1) and the kinds of numbers an entry has: one definition for every layer. */
import { z } from 'zod';

/** The directories of SPEC C1 that the UC server serves (LDAP comes later). */
export const directorySourceSchema = z.enum(['internal', 'system', 'global', 'personal']);
export type DirectorySource = z.infer<typeof directorySourceSchema>;

/** Every {@link DirectorySource}, as the enum lists them. */
export const DIRECTORY_SOURCES: readonly DirectorySource[] = directorySourceSchema.options;

/**
 * Rank of each source's search result group (and of the renderer's filter
 * buttons): internal, personal, system, global. `satisfies` makes a new
 * source a compile error here.
 */
export const DIRECTORY_GROUP_RANK = { internal: 0, personal: 1, system: 2, global: 3 } as const satisfies Record<
  DirectorySource,
  number
>;

/** Every {@link DirectorySource} in the order of the search result groups. */
export const DIRECTORY_GROUP_ORDER: readonly DirectorySource[] = [...DIRECTORY_SOURCES].sort(
  (a, b) => DIRECTORY_GROUP_RANK[a] - DIRECTORY_GROUP_RANK[b],
);

export const numberKindSchema = z.enum(['internal', 'business', 'mobile', 'private', 'other']);
export type NumberKind = z.infer<typeof numberKindSchema>;
