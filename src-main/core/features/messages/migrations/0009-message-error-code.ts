import type { Migration } from '../../../platform/db/migration';

/**
 * Why a message failed, as a code (SPEC E6): `messages.error_code` holds the
 * UC server's error code of a message refused for good ('not-found',
 * 'invalid-request', …) so the UI shows it translated; `error` keeps the
 * server's own (English) sentence as a detail. Rows failed before this
 * migration have no code: the UI shows its generic text for them.
 */
export const migration0009MessageErrorCode: Migration = {
  version: 9,
  name: 'message-error-code',
  up(db) {
    // ALTER TABLE … ADD COLUMN has no IF NOT EXISTS: check first (migrations stay idempotent)
    const columns = db.pragma('table_info(messages)') as { name: string }[];
    if (!columns.some((c) => c.name === 'error_code')) {
      db.exec('ALTER TABLE messages ADD COLUMN error_code TEXT CHECK (error_code IS NULL OR length(error_code) <= 64)');
    }
  },
};
