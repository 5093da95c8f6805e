import type { Migration } from '../../../platform/db/migration';
import { migration0008Messages } from './0008-messages';
import { migration0009MessageErrorCode } from './0009-message-error-code';
import { migration0013MessageDeleteOutbox } from './0013-message-delete-outbox';

/** The messages domain's tables: the message cache, its outbox and cursor. */
export const messagesMigrations: readonly Migration[] = [
  migration0008Messages,
  migration0009MessageErrorCode,
  migration0013MessageDeleteOutbox,
];
