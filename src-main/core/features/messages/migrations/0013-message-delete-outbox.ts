import type { Migration } from '../../../platform/db/migration';

/**
 * Deleting messages (issue #13, SPEC E3) goes through the same outbox as sends and read marks, so
 * a deletion made offline or before a crash reaches the server, in order. SQLite cannot change a
 * CHECK: the outbox is rebuilt with the kind `delete`, whose `text` holds the POST /messages/delete
 * body (JSON) and whose `peer` is the conversation's peer ('*' for all). Waiting items are kept.
 */
export const migration0013MessageDeleteOutbox: Migration = {
  version: 13,
  name: 'message-delete-outbox',
  up(db) {
    db.exec(`
      CREATE TABLE message_outbox_0013 (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        account          TEXT    NOT NULL CHECK (length(account) >= 1),
        kind             TEXT    NOT NULL CHECK (kind IN ('send', 'read', 'delete')),
        idempotency_key  TEXT    NOT NULL UNIQUE CHECK (length(idempotency_key) = 36),
        peer             TEXT    NOT NULL CHECK (length(peer) BETWEEN 1 AND 64),
        text             TEXT    CHECK (text IS NULL OR length(text) BETWEEN 1 AND 4000),
        up_to            INTEGER,
        attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at  INTEGER NOT NULL DEFAULT 0,
        last_error       TEXT,
        created_at       INTEGER NOT NULL,
        CHECK ((kind IN ('send', 'delete') AND text IS NOT NULL) OR (kind = 'read' AND up_to IS NOT NULL))
      );
      INSERT INTO message_outbox_0013 SELECT id, account, kind, idempotency_key, peer, text, up_to, attempts,
        next_attempt_at, last_error, created_at FROM message_outbox;
      DROP TABLE message_outbox;
      ALTER TABLE message_outbox_0013 RENAME TO message_outbox;
      CREATE INDEX IF NOT EXISTS message_outbox_account ON message_outbox (account, id);
    `);
  },
};
