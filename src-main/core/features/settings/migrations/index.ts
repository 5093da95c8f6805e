import type { Migration } from '../../../platform/db/migration';
import { migration0002Settings } from './0002-settings';

/** The settings domain's table: the per-user settings (and internal marks such as the missed-call seen mark). */
export const settingsMigrations: readonly Migration[] = [migration0002Settings];
