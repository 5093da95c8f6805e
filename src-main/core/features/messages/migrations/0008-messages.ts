import type { Migration } from '../../../platform/db/migration';

/**
 * Instant messages (SPEC E6): the local copy of the conversation history, so
 * it shows offline, and the outbox of what waits for the UC server.
 *
 * - `messages`: one row per message of `account` ("origin|user"); `server_id`
 *   is NULL while a sent message waits in the outbox; `client_key` is the
 *   Idempotency-Key of our own messages (matches the server's copy to the
 *   pending row, so a message never shows twice); `status` pending / sent /
 *   failed (refused for good, `error` says why; the text is kept);
 * - `message_outbox`: sends and read marks waiting for the server, strictly
 *   in `id` order per account, written in the same transaction as the
 *   message row, so a crash loses nothing and the resend is harmless (key);
 * - `message_sync`: the pull cursor (server revision) per account.
 */
export const migration0008Messages: Migration = {
  version: 8,
  name: 'messages',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS messages (
        local_id    INTEGER PRIMARY KEY AUTOINCREMENT,
        account     TEXT    NOT NULL CHECK (length(account) >= 1),
        server_id   INTEGER CHECK (server_id IS NULL OR server_id > 0),
        client_key  TEXT,
        peer        TEXT    NOT NULL CHECK (length(peer) BETWEEN 1 AND 64),
        direction   TEXT    NOT NULL CHECK (direction IN ('in', 'out')),
        text        TEXT    NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
        sent_at     INTEGER NOT NULL,
        read        INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
        status      TEXT    NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
        error       TEXT,
        UNIQUE (account, server_id),
        UNIQUE (account, client_key)
      );
      CREATE INDEX IF NOT EXISTS messages_peer ON messages (account, peer, sent_at);
      CREATE TABLE IF NOT EXISTS message_outbox (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        account          TEXT    NOT NULL CHECK (length(account) >= 1),
        kind             TEXT    NOT NULL CHECK (kind IN ('send', 'read')),
        idempotency_key  TEXT    NOT NULL UNIQUE CHECK (length(idempotency_key) = 36),
        peer             TEXT    NOT NULL CHECK (length(peer) BETWEEN 1 AND 64),
        text             TEXT    CHECK (text IS NULL OR length(text) BETWEEN 1 AND 4000),
        up_to            INTEGER,
        attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at  INTEGER NOT NULL DEFAULT 0,
        last_error       TEXT,
        created_at       INTEGER NOT NULL,
        CHECK ((kind = 'send' AND text IS NOT NULL) OR (kind = 'read' AND up_to IS NOT NULL))
      );
      CREATE INDEX IF NOT EXISTS message_outbox_account ON message_outbox (account, id);
      CREATE TABLE IF NOT EXISTS message_sync (
        account  TEXT    NOT NULL PRIMARY KEY,
        revision INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0)
      ) WITHOUT ROWID;
    `);
  },
};
