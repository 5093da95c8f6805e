import { createHash } from 'node:crypto';
import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type {
  Message,
  MessageSend,
  MessageSendResponse,
  MessagesDelete,
  MessagesRead,
  MessagesReadResponse,
  MessagesResponse,
  SipDelivery,
} from '../../../../src-preload/contract/messages';
import type { ChangeBus } from '../../platform/change-bus';
import type { Database, Db } from '../../platform/db/database';
import { readRevisionPage } from '../../platform/db/revision-page';
import { runSerializedWrite } from '../../platform/db/serialized-write';
import { runIdempotent } from '../../platform/idempotency/idempotency';
import { ApiHttpError } from '../../platform/http/api-http-error';
import type { Clock } from '../../platform/server-context';
import type { MessagesTable } from './message-tables';

/** Default and largest page of GET /messages. */
export const DEFAULT_MESSAGES_PAGE = 200;
export const MAX_MESSAGES_PAGE = 1000;

/** Per-sender flood limit of POST /messages: at most `max` stored messages per `windowMs`. */
export interface MessageSendLimit {
  max: number;
  windowMs: number;
}

/** 30 messages a minute per sender: far above typing speed, far below a storage/notification flood. */
export const DEFAULT_MESSAGE_SEND_LIMIT: MessageSendLimit = { max: 30, windowMs: 60_000 };

/** Dependencies of {@link MessageService}. */
export interface MessageServiceDeps {
  db: Db;
  /** the server's change bus: both accounts are signalled after each commit */
  changes: ChangeBus;
  clock: Clock;
  /** default {@link DEFAULT_MESSAGE_SEND_LIMIT} (tests pass a smaller one) */
  sendLimit?: MessageSendLimit;
  /**
   * Called once per message after it was stored (never for a replay of the same Idempotency-Key):
   * the SIP MESSAGE to the recipient's phones (issue #12). Must not throw.
   */
  onStored?: (message: Message) => void;
}

/** A stored message with both parties' numbers (joined from accounts). */
type MessageRow = Selectable<MessagesTable> & { from_number: string; to_number: string };

/**
 * Instant messages between internal users (SPEC E6), stored once on the
 * server and visible to the sender and the recipient.
 *
 * - send: idempotent per (sender, Idempotency-Key), so an outbox resend after
 *   a lost reply never stores the message twice;
 * - every creation or read-state change takes a new revision from the
 *   `message_revision` counter inside the change-feed write transaction
 *   (runSerializedWrite: PostgreSQL advisory lock / SQLite BEGIN IMMEDIATE), so
 *   revisions commit in order and a client resuming from its cursor misses
 *   nothing;
 * - after the commit both accounts get `{type:'messages-changed', revision}`
 *   on their live connections (all their devices);
 * - a sender that stored {@link MessageSendLimit.max} messages within the
 *   last `windowMs` (injected clock) gets 429 `too-many-attempts` with
 *   `retryAfterS` (clients keep the message queued and retry). Counted from
 *   the stored messages inside the serialized write transaction, so it is
 *   exact under concurrency and across restarts; a replay of an already
 *   stored message (same Idempotency-Key) is never refused.
 */
export class MessageService {
  readonly #db: Db;
  readonly #changes: ChangeBus;
  readonly #clock: Clock;
  readonly #sendLimit: MessageSendLimit;
  readonly #onStored: (message: Message) => void;

  constructor(deps: MessageServiceDeps) {
    this.#onStored = deps.onStored ?? (() => undefined);
    this.#db = deps.db;
    this.#changes = deps.changes;
    this.#clock = deps.clock;
    this.#sendLimit = deps.sendLimit ?? DEFAULT_MESSAGE_SEND_LIMIT;
    if (!(this.#sendLimit.max >= 1 && this.#sendLimit.windowMs >= 1))
      throw new RangeError(`invalid message send limit ${JSON.stringify(this.#sendLimit)}`);
  }

  /** POST /messages. Unknown recipient → 404; to oneself → 400; over the per-sender limit → 429. */
  async send(senderId: number, key: string, body: MessageSend): Promise<MessageSendResponse> {
    const now = this.#clock.now();
    const to = body.to.trim();
    const digest = createHash('sha256').update(body.text).digest('hex').slice(0, 16);
    let stored = false;
    const reply = await runSerializedWrite(this.#db, (trx) =>
      runIdempotent(trx, senderId, key, `POST /messages to=${to.slice(0, 64)} text=${digest}`, now, async () => {
        const recipientId = await accountIdOf(trx, to);
        if (recipientId === undefined) throw new ApiHttpError(404, 'not-found', `No internal user ${to}`);
        if (recipientId === senderId)
          throw new ApiHttpError(400, 'invalid-request', 'You cannot send a message to yourself');
        await this.#checkSendLimit(trx, senderId, now);
        const revision = await nextRevision(trx);
        const { id } = await trx
          .insertInto('messages')
          .values({
            sender_account_id: senderId,
            recipient_account_id: recipientId,
            body: body.text,
            sent_at: now,
            read_at: null,
            revision,
            client_key: key,
            sip_delivery: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const row = await selectMessages(trx).where('m.id', '=', Number(id)).executeTakeFirstOrThrow();
        stored = true;
        return { message: toMessage(normalize(row), senderId), revision };
      }),
    );
    this.#signal([senderId, await this.#recipientOf(reply.message)], reply.revision);
    if (stored) this.#onStored(reply.message);
    return reply;
  }

  /** GET /messages?since=&limit=: the caller's messages (both directions) changed after `since`. */
  async list(accountId: number, since: number, limit: number): Promise<MessagesResponse> {
    const mine = () =>
      selectMessages(this.#db).where((eb) =>
        eb.or([eb('m.sender_account_id', '=', accountId), eb('m.recipient_account_id', '=', accountId)]),
      );
    const { rows, revision, hasMore } = await readRevisionPage(
      since,
      limit,
      async (n) =>
        (await mine().where('m.revision', '>', since).orderBy('m.revision').orderBy('m.id').limit(n).execute()).map(
          normalize,
        ),
      async (cut) => (await mine().where('m.revision', '=', cut).orderBy('m.id').execute()).map(normalize),
    );
    return { messages: rows.map((r) => toMessage(r, accountId)), revision, hasMore };
  }

  /** POST /messages/read: the peer's messages to the caller up to `upTo` become read (on every device). */
  async markRead(accountId: number, body: MessagesRead): Promise<MessagesReadResponse> {
    const now = this.#clock.now();
    const peer = body.peer.trim();
    const result = await runSerializedWrite(this.#db, async (trx) => {
      const peerId = await accountIdOf(trx, peer);
      if (peerId === undefined) throw new ApiHttpError(404, 'not-found', `No internal user ${peer}`);
      const unread = trx
        .selectFrom('messages')
        .where('recipient_account_id', '=', accountId)
        .where('sender_account_id', '=', peerId)
        .where('id', '<=', body.upTo)
        .where('read_at', 'is', null);
      const { n } = await unread.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      if (Number(n) === 0) return { updated: 0, revision: await currentRevision(trx), peerId };
      const revision = await nextRevision(trx);
      await trx
        .updateTable('messages')
        .set({ read_at: now, revision })
        .where('recipient_account_id', '=', accountId)
        .where('sender_account_id', '=', peerId)
        .where('id', '<=', body.upTo)
        .where('read_at', 'is', null)
        .execute();
      return { updated: Number(n), revision, peerId };
    });
    // the reader's other devices update their counters; the sender may show "read"
    if (result.updated > 0) this.#signal([accountId, result.peerId], result.revision);
    return { updated: result.updated, revision: result.revision };
  }

  /**
   * POST /messages/delete (issue #13): hides the targeted messages for the caller only — the other
   * party keeps them. Each hidden message takes a new revision, so the caller's other devices pull
   * it as a tombstone and drop it; only the caller is signalled. Idempotent: what is already hidden
   * (or another user's message id) changes nothing (`updated: 0`).
   */
  async delete(accountId: number, body: MessagesDelete): Promise<MessagesReadResponse> {
    const result = await runSerializedWrite(this.#db, async (trx) => {
      let peerId: number | undefined;
      if ('peer' in body) {
        peerId = await accountIdOf(trx, body.peer.trim());
        if (peerId === undefined) throw new ApiHttpError(404, 'not-found', `No internal user ${body.peer.trim()}`);
      }
      // the caller's side of each message: as its sender, or as its recipient
      const sides = [
        { mine: 'sender_account_id', other: 'recipient_account_id', mark: 'hidden_for_sender' },
        { mine: 'recipient_account_id', other: 'sender_account_id', mark: 'hidden_for_recipient' },
      ] as const;
      const targeted = (side: (typeof sides)[number]) => (eb: ExpressionBuilder<Database, 'messages'>) =>
        eb.and([
          eb(side.mine, '=', accountId),
          eb(side.mark, '=', 0),
          'id' in body ? eb('id', '=', body.id) : eb('id', '<=', body.upTo),
          ...(peerId !== undefined ? [eb(side.other, '=', peerId)] : []),
        ]);
      let revision: number | undefined;
      let updated = 0;
      for (const side of sides) {
        // the revision is taken only when something changes (a replay bumps nothing)
        const { n } = await trx
          .selectFrom('messages')
          .where(targeted(side))
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        if (Number(n) === 0) continue;
        revision ??= await nextRevision(trx);
        await trx
          .updateTable('messages')
          .set({ [side.mark]: 1, revision })
          .where(targeted(side))
          .execute();
        updated += Number(n);
      }
      return { updated, revision: revision ?? (await currentRevision(trx)) };
    });
    if (result.updated > 0) this.#signal([accountId], result.revision);
    return result;
  }

  /**
   * Records what became of the SIP MESSAGE to the recipient's phones (a new revision: both parties'
   * clients pull the change). An unknown id (the account was deleted meanwhile) changes nothing.
   */
  async recordSipDelivery(messageId: number, delivery: SipDelivery): Promise<void> {
    const result = await runSerializedWrite(this.#db, async (trx) => {
      const row = await trx
        .selectFrom('messages')
        .select(['sender_account_id', 'recipient_account_id'])
        .where('id', '=', messageId)
        .executeTakeFirst();
      if (!row) return undefined;
      const revision = await nextRevision(trx);
      await trx.updateTable('messages').set({ sip_delivery: delivery, revision }).where('id', '=', messageId).execute();
      return { revision, ids: [row.sender_account_id, row.recipient_account_id] };
    });
    if (result) this.#signal(result.ids, result.revision);
  }

  /** Throws 429 when `senderId` already stored `max` messages within the window ending `now`. */
  async #checkSendLimit(trx: Kysely<Database>, senderId: number, now: number): Promise<void> {
    const { max, windowMs } = this.#sendLimit;
    // the max-th newest message inside the window: when it exists, the sender is at the limit
    const nth = await trx
      .selectFrom('messages')
      .select('sent_at')
      .where('sender_account_id', '=', senderId)
      .where('sent_at', '>', now - windowMs)
      .orderBy('sent_at', 'desc')
      .limit(1)
      .offset(max - 1)
      .executeTakeFirst();
    if (nth === undefined) return;
    const retryAfterS = Math.max(1, Math.ceil((Number(nth.sent_at) + windowMs - now) / 1000));
    throw new ApiHttpError(429, 'too-many-attempts', `Too many messages: at most ${max} per ${windowMs / 1000} s`, {
      retryAfterS,
    });
  }

  async #recipientOf(message: Message): Promise<number> {
    return (await accountIdOf(this.#db, message.to)) ?? 0;
  }

  #signal(accountIds: readonly number[], revision: number): void {
    for (const id of new Set(accountIds)) if (id > 0) this.#changes.signal(id, { type: 'messages-changed', revision });
  }
}

async function accountIdOf(db: Kysely<Database>, number: string): Promise<number | undefined> {
  const row = await db.selectFrom('accounts').select('id').where('number', '=', number).executeTakeFirst();
  return row?.id;
}

/** The next revision; must run inside a serialized write transaction (runSerializedWrite) so writers are serialized. */
async function nextRevision(trx: Kysely<Database>): Promise<number> {
  await trx
    .updateTable('message_revision')
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where('id', '=', 1)
    .execute();
  return currentRevision(trx);
}

async function currentRevision(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('message_revision').select('revision').where('id', '=', 1).executeTakeFirstOrThrow();
  return Number(row.revision);
}

function selectMessages(db: Kysely<Database>) {
  return db
    .selectFrom('messages as m')
    .innerJoin('accounts as s', 's.id', 'm.sender_account_id')
    .innerJoin('accounts as r', 'r.id', 'm.recipient_account_id')
    .select([
      'm.id',
      'm.sender_account_id',
      'm.recipient_account_id',
      'm.body',
      'm.sent_at',
      'm.read_at',
      'm.revision',
      'm.client_key',
      'm.sip_delivery',
      'm.hidden_for_sender',
      'm.hidden_for_recipient',
      's.number as from_number',
      'r.number as to_number',
    ]);
}

/** BIGINT columns may come back as strings from some drivers: numbers everywhere. */
function normalize(row: MessageRow): MessageRow {
  return {
    ...row,
    id: Number(row.id),
    sent_at: Number(row.sent_at),
    revision: Number(row.revision),
    read_at: row.read_at === null ? null : Number(row.read_at),
    hidden_for_sender: Number(row.hidden_for_sender),
    hidden_for_recipient: Number(row.hidden_for_recipient),
  };
}

function toMessage(row: MessageRow, viewerId: number): Message {
  const hidden = row.sender_account_id === viewerId ? row.hidden_for_sender : row.hidden_for_recipient;
  return {
    id: row.id,
    from: row.from_number,
    to: row.to_number,
    // a tombstone for the party who deleted it: their devices drop it, the text is not sent again
    text: hidden === 1 ? '' : row.body,
    sentAt: row.sent_at,
    read: row.read_at !== null,
    revision: row.revision,
    ...(row.client_key !== null && row.sender_account_id === viewerId ? { clientKey: row.client_key } : {}),
    ...(row.sip_delivery !== null ? { sipDelivery: row.sip_delivery } : {}),
    ...(hidden === 1 ? { deleted: true as const } : {}),
  };
}
