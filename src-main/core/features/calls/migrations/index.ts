import type { Migration } from '../../../platform/db/migration';
import { migration0001CallJournal } from './0001-call-journal';
import { migration0003RecentDials } from './0003-recent-dials';
import { migration0011JournalPickedUpBy } from './0011-journal-picked-up-by';

/** The calls domain's tables: the call journal (and who picked a call up), the recent dials. */
export const callsMigrations: readonly Migration[] = [
  migration0001CallJournal,
  migration0003RecentDials,
  migration0011JournalPickedUpBy,
];
