import type { Database, Statement } from 'better-sqlite3';
import type { Message, MessagesDelete } from '../../../../src-preload/contract/messages/messages-http';
import type { MessageStatus, MessageView } from '../../../../src-preload/contract/messages';

/** One message row of one account (table `messages`, migration 0008). */
interface MessageRow {
  local_id: number;
  account: string;
  server_id: number | null;
  client_key: string | null;
  peer: string;
  direction: 'in' | 'out';
  text: string;
  sent_at: number;
  read: number;
  status: MessageStatus;
  error: string | null;
  /** the UC server's error code of a failed message (migration 0009) */
  error_code: string | null;
}

/** One item waiting for the server (table `message_outbox`). */
export interface MessageOutboxItem {
  id: number;
  kind: 'send' | 'read' | 'delete';
  idempotencyKey: string;
  peer: string;
  text: string | undefined;
  upTo: number | undefined;
  attempts: number;
  nextAttemptAt: number;
}

interface OutboxRow {
  id: number;
  kind: 'send' | 'read' | 'delete';
  idempotency_key: string;
  peer: string;
  text: string | null;
  up_to: number | null;
  attempts: number;
  next_attempt_at: number;
}

/** Per-peer summary for the Conversations list. */
export interface ConversationSummary {
  peer: string;
  last: MessageView;
  unread: number;
}

/**
 * Plain data access to the local message cache, outbox and cursor of one
 * account; {@link MessageService} opens the transactions. Synchronous
 * (better-sqlite3), so a service method's writes commit together.
 */
export class MessageStore {
  private readonly stmts: {
    revision: Statement<[string], { revision: number }>;
    syncedOnce: Statement<[string], { one: number }>;
    setRevision: Statement<[string, number]>;
    byServerId: Statement<[string, number], MessageRow>;
    byClientKey: Statement<[string, string], MessageRow>;
    byLocalId: Statement<[string, number], MessageRow>;
    insert: Statement;
    updateFromServer: Statement;
    history: Statement<[string, string, number], MessageRow>;
    lastPerPeer: Statement<[string, string], MessageRow>;
    unreadPerPeer: Statement<[string], { peer: string; n: number }>;
    unreadTotal: Statement<[string], { n: number }>;
    maxUnreadId: Statement<[string, string], { m: number | null }>;
    markReadLocal: Statement<[string, string, number]>;
    fail: Statement<[string, string, string, string]>;
    outboxAdd: Statement;
    outboxOldest: Statement<[string], OutboxRow>;
    outboxCount: Statement<[string], { n: number }>;
    outboxRemove: Statement<[number]>;
    outboxFailed: Statement<[number, string, number]>;
  };

  constructor(
    private readonly db: Database,
    private readonly account: string,
  ) {
    this.stmts = {
      revision: db.prepare('SELECT revision FROM message_sync WHERE account = ?'),
      syncedOnce: db.prepare('SELECT 1 AS one FROM message_sync WHERE account = ?'),
      setRevision: db.prepare(
        `INSERT INTO message_sync (account, revision) VALUES (?, ?)
         ON CONFLICT (account) DO UPDATE SET revision = max(revision, excluded.revision)`,
      ),
      byServerId: db.prepare('SELECT * FROM messages WHERE account = ? AND server_id = ?'),
      byClientKey: db.prepare('SELECT * FROM messages WHERE account = ? AND client_key = ?'),
      byLocalId: db.prepare('SELECT * FROM messages WHERE account = ? AND local_id = ?'),
      insert: db.prepare(
        `INSERT INTO messages (account, server_id, client_key, peer, direction, text, sent_at, read, status, error)
         VALUES (@account, @serverId, @clientKey, @peer, @direction, @text, @sentAt, @read, @status, NULL)`,
      ),
      updateFromServer: db.prepare(
        `UPDATE messages SET server_id = @serverId, sent_at = @sentAt, read = @read, status = 'sent', error = NULL,
         error_code = NULL WHERE local_id = @localId`,
      ),
      history: db.prepare(
        `SELECT * FROM (SELECT * FROM messages WHERE account = ? AND peer = ?
           ORDER BY sent_at DESC, local_id DESC LIMIT ?) ORDER BY sent_at, local_id`,
      ),
      lastPerPeer: db.prepare(
        `SELECT * FROM messages WHERE account = ? AND peer = ? ORDER BY sent_at DESC, local_id DESC LIMIT 1`,
      ),
      unreadPerPeer: db.prepare(
        `SELECT peer, count(*) AS n FROM messages WHERE account = ? AND direction = 'in' AND read = 0 GROUP BY peer`,
      ),
      unreadTotal: db.prepare(`SELECT count(*) AS n FROM messages WHERE account = ? AND direction = 'in' AND read = 0`),
      maxUnreadId: db.prepare(
        `SELECT max(server_id) AS m FROM messages WHERE account = ? AND peer = ? AND direction = 'in' AND read = 0`,
      ),
      markReadLocal: db.prepare(
        `UPDATE messages SET read = 1 WHERE account = ? AND peer = ? AND direction = 'in' AND read = 0 AND server_id <= ?`,
      ),
      fail: db.prepare(
        `UPDATE messages SET status = 'failed', error_code = ?, error = ? WHERE account = ? AND client_key = ?`,
      ),
      outboxAdd: db.prepare(
        `INSERT INTO message_outbox (account, kind, idempotency_key, peer, text, up_to, created_at)
         VALUES (@account, @kind, @key, @peer, @text, @upTo, @now)`,
      ),
      outboxOldest: db.prepare('SELECT * FROM message_outbox WHERE account = ? ORDER BY id LIMIT 1'),
      outboxCount: db.prepare('SELECT count(*) AS n FROM message_outbox WHERE account = ?'),
      outboxRemove: db.prepare('DELETE FROM message_outbox WHERE id = ?'),
      outboxFailed: db.prepare(
        'UPDATE message_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?',
      ),
    };
  }

  /** Last server revision applied. */
  get revision(): number {
    return this.stmts.revision.get(this.account)?.revision ?? 0;
  }

  /**
   * True once a pull of this account succeeded (its `message_sync` row is
   * written by the first successful pull, even when the account had no
   * message and the revision stays 0): later messages are news, not history.
   */
  get syncedOnce(): boolean {
    return this.stmts.syncedOnce.get(this.account) !== undefined;
  }

  setRevision(revision: number): void {
    this.stmts.setRevision.run(this.account, revision);
  }

  /**
   * Applies one message from the server: updates the known row (same server
   * id, or our pending row with the same Idempotency-Key) or inserts it.
   * Returns the local id when the message is new here (not the echo of our own send).
   */
  applyServerMessage(message: Message, self: string): { localId: number; isNew: boolean; direction: 'in' | 'out' } {
    const direction = message.from === self ? 'out' : 'in';
    const peer = direction === 'out' ? message.to : message.from;
    const known =
      this.stmts.byServerId.get(this.account, message.id) ??
      (message.clientKey !== undefined ? this.stmts.byClientKey.get(this.account, message.clientKey) : undefined);
    if (known) {
      this.stmts.updateFromServer.run({
        serverId: message.id,
        sentAt: message.sentAt,
        read: message.read ? 1 : 0,
        localId: known.local_id,
      });
      return { localId: known.local_id, isNew: false, direction };
    }
    const info = this.stmts.insert.run({
      account: this.account,
      serverId: message.id,
      clientKey: message.clientKey ?? null,
      peer,
      direction,
      text: message.text,
      sentAt: message.sentAt,
      read: message.read ? 1 : 0,
      status: 'sent',
    });
    return { localId: Number(info.lastInsertRowid), isNew: true, direction };
  }

  /** A message typed here, waiting for the server. */
  insertPending(peer: string, text: string, key: string, now: number): number {
    const info = this.stmts.insert.run({
      account: this.account,
      serverId: null,
      clientKey: key,
      peer,
      direction: 'out',
      text,
      sentAt: now,
      read: 0,
      status: 'pending',
    });
    return Number(info.lastInsertRowid);
  }

  /** `code`: the UC server's error code (translated in the UI); `error`: its own sentence (kept as detail). */
  markFailed(key: string, code: string, error: string): void {
    this.stmts.fail.run(code.slice(0, 64), error.slice(0, 500), this.account, key);
  }

  get(localId: number): MessageView | undefined {
    const row = this.stmts.byLocalId.get(this.account, localId);
    return row ? toView(row) : undefined;
  }

  history(peer: string, limit: number): MessageView[] {
    return this.stmts.history.all(this.account, peer, limit).map(toView);
  }

  conversations(): ConversationSummary[] {
    const peers = this.db
      .prepare<[string], { peer: string }>('SELECT DISTINCT peer FROM messages WHERE account = ?')
      .all(this.account)
      .map((r) => r.peer);
    const unread = new Map(this.stmts.unreadPerPeer.all(this.account).map((r) => [r.peer, r.n]));
    const list: ConversationSummary[] = [];
    for (const peer of peers) {
      const last = this.stmts.lastPerPeer.get(this.account, peer);
      if (last) list.push({ peer, last: toView(last), unread: unread.get(peer) ?? 0 });
    }
    return list.sort((a, b) => b.last.sentAt - a.last.sentAt || Number(b.last.id) - Number(a.last.id));
  }

  unreadTotal(): number {
    return this.stmts.unreadTotal.get(this.account)?.n ?? 0;
  }

  /** Highest server id of the peer's unread messages, or undefined when all are read. */
  maxUnreadId(peer: string): number | undefined {
    return this.stmts.maxUnreadId.get(this.account, peer)?.m ?? undefined;
  }

  markReadLocal(peer: string, upTo: number): void {
    this.stmts.markReadLocal.run(this.account, peer, upTo);
  }

  /**
   * Deletes messages here (issue #13): one (local id), a peer's, or all. A message still waiting
   * to be sent is cancelled (its send leaves the outbox); for the others it returns the
   * POST /messages/delete body to queue (undefined: nothing the server knows of), and the peers touched.
   */
  deleteLocal(target: { localId: number } | { peer: string } | { all: true }): {
    peers: string[];
    request: MessagesDelete | undefined;
  } {
    const where = 'localId' in target ? 'local_id = @localId' : 'peer' in target ? 'peer = @peer' : '1 = 1';
    const params = {
      account: this.account,
      ...('localId' in target ? { localId: target.localId } : {}),
      ...('peer' in target ? { peer: target.peer } : {}),
    };
    const peers = this.db
      .prepare<typeof params, { peer: string }>(
        `SELECT DISTINCT peer FROM messages WHERE account = @account AND ${where}`,
      )
      .all(params)
      .map((r) => r.peer);
    const maxId =
      this.db
        .prepare<typeof params, { m: number | null }>(
          `SELECT max(server_id) AS m FROM messages WHERE account = @account AND ${where}`,
        )
        .get(params)?.m ?? undefined;
    this.db
      .prepare<typeof params>(
        `DELETE FROM message_outbox WHERE account = @account AND kind = 'send' AND idempotency_key IN
           (SELECT client_key FROM messages WHERE account = @account AND server_id IS NULL AND ${where})`,
      )
      .run(params);
    this.db.prepare<typeof params>(`DELETE FROM messages WHERE account = @account AND ${where}`).run(params);
    let request: MessagesDelete | undefined;
    if (maxId !== undefined)
      request =
        'localId' in target
          ? { id: maxId }
          : 'peer' in target
            ? { peer: target.peer, upTo: maxId }
            : { all: true, upTo: maxId };
    return { peers, request };
  }

  /** A message this user deleted on another device (a tombstone from the server): gone here too. */
  dropServerMessage(serverId: number): void {
    this.db.prepare('DELETE FROM messages WHERE account = ? AND server_id = ?').run(this.account, serverId);
  }

  // ------------------------------------------------------------ outbox

  addOutbox(
    item: { kind: 'send' | 'read' | 'delete'; key: string; peer: string; text?: string; upTo?: number },
    now: number,
  ): void {
    this.stmts.outboxAdd.run({
      account: this.account,
      kind: item.kind,
      key: item.key,
      peer: item.peer,
      text: item.text ?? null,
      upTo: item.upTo ?? null,
      now,
    });
  }

  oldestOutbox(): MessageOutboxItem | undefined {
    const row = this.stmts.outboxOldest.get(this.account);
    if (!row) return undefined;
    return {
      id: row.id,
      kind: row.kind,
      idempotencyKey: row.idempotency_key,
      peer: row.peer,
      text: row.text ?? undefined,
      upTo: row.up_to ?? undefined,
      attempts: row.attempts,
      nextAttemptAt: row.next_attempt_at,
    };
  }

  outboxCount(): number {
    return this.stmts.outboxCount.get(this.account)?.n ?? 0;
  }

  removeOutbox(id: number): void {
    this.stmts.outboxRemove.run(id);
  }

  outboxFailed(id: number, error: string, nextAttemptAt: number): void {
    this.stmts.outboxFailed.run(nextAttemptAt, error.slice(0, 500), id);
  }
}

function toView(row: MessageRow): MessageView {
  return {
    id: String(row.local_id),
    peer: row.peer,
    direction: row.direction,
    text: row.text,
    sentAt: row.sent_at,
    read: row.read === 1,
    status: row.status,
    ...(row.error !== null ? { error: row.error } : {}),
    ...(row.error_code !== null ? { errorCode: row.error_code } : {}),
  };
}
