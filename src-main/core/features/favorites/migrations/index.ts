import type { Migration } from '../../../platform/db/migration';
import { migration0010Favorites } from './0010-favorites';

/** The favorites domain's tables: the cached favorites and their outbox. */
export const favoritesMigrations: readonly Migration[] = [migration0010Favorites];
