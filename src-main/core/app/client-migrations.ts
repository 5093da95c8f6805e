import type { Migration } from '../platform/db/migration';
import { migration0001CallJournal } from '../features/calls/migrations/0001-call-journal';
import { migration0002Settings } from '../features/settings/migrations/0002-settings';
import { migration0003RecentDials } from '../features/calls/migrations/0003-recent-dials';
import { migration0004DirectoryCache } from '../features/directory/migrations/0004-directory-cache';
import { migration0005Outbox } from '../features/directory/migrations/0005-outbox';
import { migration0006SyncState } from '../features/directory/migrations/0006-sync-state';
import { migration0007PhotoCache } from '../features/directory/migrations/0007-photo-cache';
import { migration0008Messages } from '../features/messages/migrations/0008-messages';
import { migration0009MessageErrorCode } from '../features/messages/migrations/0009-message-error-code';

/**
 * Every schema migration, in order. Append new ones at the end, never edit or
 * reorder a released one (user databases already ran it).
 */
export const allMigrations: readonly Migration[] = [
  migration0001CallJournal,
  migration0002Settings,
  migration0003RecentDials,
  migration0004DirectoryCache,
  migration0005Outbox,
  migration0006SyncState,
  migration0007PhotoCache,
  migration0008Messages,
  migration0009MessageErrorCode,
];
