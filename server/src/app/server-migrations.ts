import type { Kysely, MigrationResultSet } from 'kysely';
import {
  migration0001Accounts,
  migration0004KamailioSubscriber,
  migration0017SipCredentials,
  migration0028AccountPersonalData,
} from '../features/accounts';
import { migration0002RefreshTokens } from '../features/auth';
import { migration0021Devices } from '../features/devices';
import { migration0025CallRecords } from '../features/call-history';
import { migration0026Conferences } from '../features/conferences';
import { migration0010DirectoryEntries, migration0011Changes, migration0013AccountPhotos } from '../features/directory';
import { migration0020Favorites } from '../features/favorites';
import { migration0024Forwarding } from '../features/forwarding';
import {
  migration0016Messages,
  migration0023MessageSipDelivery,
  migration0027MessageHidden,
} from '../features/messages';
import { migration0015Presence } from '../features/presence';
import { migration0022Trunks } from '../features/trunks';
import { migration0014Voicemails } from '../features/voicemail';
import {
  migrateDatabase,
  migration0003ServerSettings,
  migration0012IdempotencyKeys,
  type ServerMigration,
} from '../platform';

export type { ServerMigration };

/**
 * The migration index: every migration of the server, in order, one line
 * each, imported from the public index of the feature that owns the table.
 * 0001–0009: foundation (accounts, auth, Kamailio); 0010 and up: directories,
 * change feed, photos, voicemail, presence, messages, favorites. Append only; never
 * renumber or edit a released migration.
 */
export const SERVER_MIGRATIONS: readonly ServerMigration[] = [
  migration0001Accounts,
  migration0002RefreshTokens,
  migration0003ServerSettings,
  migration0004KamailioSubscriber,
  migration0010DirectoryEntries,
  migration0011Changes,
  migration0012IdempotencyKeys,
  migration0013AccountPhotos,
  migration0014Voicemails,
  migration0015Presence,
  migration0016Messages,
  migration0017SipCredentials,
  migration0020Favorites,
  migration0021Devices,
  migration0022Trunks,
  migration0023MessageSipDelivery,
  migration0024Forwarding,
  migration0025CallRecords,
  migration0026Conferences,
  migration0027MessageHidden,
  migration0028AccountPersonalData,
];

/**
 * Brings the schema up to `upTo` (default: the last migration) — of
 * {@link SERVER_MIGRATIONS} unless `migrations` says otherwise (tests).
 * Throws with the failing migration's name.
 */
export function runMigrations(
  // any: the Migrator works on an untyped schema (the tables are what it creates)
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
  options: { migrations?: readonly ServerMigration[]; upTo?: string } = {},
): Promise<MigrationResultSet> {
  return migrateDatabase(
    db,
    options.migrations ?? SERVER_MIGRATIONS,
    options.upTo === undefined ? {} : { upTo: options.upTo },
  );
}
