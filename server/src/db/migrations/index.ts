import type { Kysely } from 'kysely';
import { migration0001Accounts } from './0001-accounts';
import { migration0002RefreshTokens } from './0002-refresh-tokens';
import { migration0003ServerSettings } from './0003-server-settings';
import { migration0004KamailioSubscriber } from './0004-kamailio-subscriber';
import { migration0010DirectoryEntries } from './0010-directory-entries';
import { migration0011Changes } from './0011-changes';
import { migration0012IdempotencyKeys } from './0012-idempotency-keys';
import { migration0013AccountPhotos } from './0013-account-photos';
import { migration0014Voicemails } from './0014-voicemails';
import { migration0015Presence } from './0015-presence';
import { migration0016Messages } from './0016-messages';

/** One versioned schema step; must work on SQLite and PostgreSQL (see schema-helpers.ts). */
export interface ServerMigration {
  /** `NNNN-kebab-name`; the order of this list is the order they run (names sort the same way) */
  readonly name: string;
  up(db: Kysely<unknown>): Promise<void>;
}

/**
 * Every migration, in order. 0001–0009: foundation (accounts, auth, Kamailio);
 * 0010 and up: data side (directories, contacts, change feed). Append only;
 * never renumber or edit a released migration.
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
];
