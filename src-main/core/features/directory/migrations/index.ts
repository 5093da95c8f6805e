import type { Migration } from '../../../platform/db/migration';
import { migration0004DirectoryCache } from './0004-directory-cache';
import { migration0005Outbox } from './0005-outbox';
import { migration0006SyncState } from './0006-sync-state';
import { migration0007PhotoCache } from './0007-photo-cache';

/** The directory domain's tables: the directory cache (FTS5), the sync outbox and state, the photo cache. */
export const directoryMigrations: readonly Migration[] = [
  migration0004DirectoryCache,
  migration0005Outbox,
  migration0006SyncState,
  migration0007PhotoCache,
];
