import type { Migration } from '../../../platform/db/migration';
import { migration0012CallHistory } from './0012-call-history';

/** The conversations domain's tables: the call history cache, its outbox and cursor. */
export const conversationsMigrations: readonly Migration[] = [migration0012CallHistory];
