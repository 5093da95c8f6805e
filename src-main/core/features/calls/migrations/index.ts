import type { Migration } from '../../../platform/db/migration';
import { migration0001CallJournal } from './0001-call-journal';
import { migration0003RecentDials } from './0003-recent-dials';

/** The calls domain's tables: the call journal and the recent dials. */
export const callsMigrations: readonly Migration[] = [migration0001CallJournal, migration0003RecentDials];
