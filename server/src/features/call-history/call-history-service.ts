import type { Kysely, Selectable } from 'kysely';
import type {
  CallHistoryResponse,
  CallOrigin,
  CallRecord,
  CallRecordResult,
  CallsChangeResponse,
  CallsDelete,
} from '../../../../src-preload/contract/calls';
import type { ChangeBus } from '../../platform/change-bus';
import type { Database, Db } from '../../platform/db/database';
import { readRevisionPage } from '../../platform/db/revision-page';
import { runSerializedWrite } from '../../platform/db/serialized-write';
import type { Clock } from '../../platform/server-context';
import type { CallRecordsTable } from './call-history-tables';
import { applyCallEvent, type CallEvent, type PartyRecord } from './call-record-rules';
import { CONFERENCE_URI_PREFIX } from '../../../../src-preload/contract/conferences';

/** Default and largest page of GET /calls. */
export const DEFAULT_CALLS_PAGE = 500;
export const MAX_CALLS_PAGE = 5000;

/**
 * A record still ringing this long after its start lost its final event (Kamailio's queue overflowed,
 * the server was down longer than Kamailio kept the batch): it is closed as not answered. Beyond
 * tm's fr_inv_timer (120 s), so no call still ringing is closed.
 */
export const STALE_RINGING_MS = 150_000;

/** A pickup signalled before Kamailio's start event of that call reached us is kept this long. */
const EARLY_PICKUP_MS = 130_000;

/** Dependencies of {@link CallHistoryService}. */
export interface CallHistoryServiceDeps {
  db: Db;
  changes: ChangeBus;
  clock: Clock;
  logger?: (message: string) => void;
}

type Row = Selectable<CallRecordsTable>;

/**
 * The call history (issue #13): builds one record per call and party from Kamailio's call events
 * ({@link applyCallEvent}), stores them with a revision from `call_record_revision` (taken inside the
 * serialized write, so revisions commit in order) and tells the parties' devices `calls-changed`.
 *
 * Events are applied one at a time, in arrival order (one promise chain): Kamailio's queue is FIFO,
 * and the pickup feature's `call-picked-up` signal joins the same chain. A pickup signalled before the
 * call's start event arrived is kept for a while and applied after it.
 */
export class CallHistoryService {
  readonly #db: Db;
  readonly #changes: ChangeBus;
  readonly #clock: Clock;
  readonly #log: (message: string) => void;
  #chain: Promise<void> = Promise.resolve();
  readonly #earlyPickups = new Map<string, { event: CallEvent; at: number }>();
  #unsubscribe: (() => void) | undefined;
  #sweepTimer: NodeJS.Timeout | undefined;

  constructor(deps: CallHistoryServiceDeps) {
    this.#db = deps.db;
    this.#changes = deps.changes;
    this.#clock = deps.clock;
    this.#log = deps.logger ?? ((message) => console.warn(message));
  }

  /** Follows the pickup feature's `call-picked-up` signals (the callee's record says by whom). */
  start(): void {
    this.#sweepTimer = setInterval(() => void this.sweepStale().catch((e) => this.#log(String(e))), 60_000);
    this.#sweepTimer.unref();
    this.#unsubscribe = this.#changes.onDidSignal((accountId, event) => {
      if (event.type !== 'call-picked-up') return;
      void this.#enqueue(async () => {
        const callee = await this.#db
          .selectFrom('accounts')
          .select('number')
          .where('id', '=', accountId)
          .executeTakeFirst();
        if (callee === undefined) return;
        const pickup: CallEvent = {
          e: 'picked-up',
          ci: event.sipCallId,
          at: this.#clock.now(),
          callee: callee.number,
          by: event.by,
        };
        if (!(await this.#apply(pickup))) this.#earlyPickups.set(event.sipCallId, { event: pickup, at: pickup.at });
      });
    });
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    if (this.#sweepTimer !== undefined) clearInterval(this.#sweepTimer);
    this.#sweepTimer = undefined;
  }

  /** Closes the calls still ringing {@link STALE_RINGING_MS} after their start (as a 408 timeout). */
  sweepStale(): Promise<void> {
    return this.#enqueue(async () => {
      const now = this.#clock.now();
      const stale = await this.#db
        .selectFrom('call_records')
        .select(['call_id', 'started_at'])
        .distinct()
        .where('result', '=', 'ringing')
        .where('started_at', '<', now - STALE_RINGING_MS)
        .limit(1000)
        .execute();
      for (const row of stale)
        await this.#apply({
          e: 'fail',
          ci: row.call_id,
          at: Number(row.started_at) + 120_000,
          code: 408,
          cancel: false,
        });
    });
  }

  /** Applies Kamailio's events in order; resolves when they are stored. */
  receive(events: readonly CallEvent[]): Promise<void> {
    return this.#enqueue(async () => {
      for (const event of events) {
        try {
          await this.#apply(event);
          if (event.e === 'start') {
            const early = this.#earlyPickups.get(event.ci);
            if (early !== undefined) {
              this.#earlyPickups.delete(event.ci);
              await this.#apply(early.event);
            }
          }
        } catch (error) {
          this.#log(`call history: event ${event.e} of a call could not be stored: ${String(error)}`);
          throw error;
        }
      }
      const now = this.#clock.now();
      for (const [ci, early] of this.#earlyPickups) if (now - early.at > EARLY_PICKUP_MS) this.#earlyPickups.delete(ci);
    });
  }

  /** GET /calls?since=&limit=: the caller's records changed after `since`, oldest revision first. */
  async list(accountId: number, since: number, limit: number): Promise<CallHistoryResponse> {
    const records = () => this.#db.selectFrom('call_records').selectAll().where('account_id', '=', accountId);
    const { rows, revision, hasMore } = await readRevisionPage(
      since,
      limit,
      async (n) =>
        (await records().where('revision', '>', since).orderBy('revision').orderBy('id').limit(n).execute()).map(
          normalize,
        ),
      async (cut) => (await records().where('revision', '=', cut).orderBy('id').execute()).map(normalize),
    );
    return { calls: rows.map(toRecord), revision, hasMore };
  }

  /** POST /calls/read: every unread record with `peer` becomes read (on all the caller's devices). */
  markRead(accountId: number, peer: string): Promise<CallsChangeResponse> {
    return this.#change(accountId, { peer, unreadOnly: true }, { read_at: this.#clock.now() });
  }

  /** POST /calls/delete: one record, a peer's, or all; tombstones so the other devices drop them too. */
  delete(accountId: number, body: CallsDelete): Promise<CallsChangeResponse> {
    const scope = 'id' in body ? { id: body.id } : 'peer' in body ? { peer: body.peer } : {};
    return this.#change(accountId, scope, { deleted: 1 });
  }

  async #change(
    accountId: number,
    scope: { id?: number; peer?: string; unreadOnly?: boolean },
    set: { read_at?: number; deleted?: number },
  ): Promise<CallsChangeResponse> {
    const result = await runSerializedWrite(this.#db, async (trx) => {
      let query = trx
        .selectFrom('call_records')
        .select('id')
        .where('account_id', '=', accountId)
        .where('deleted', '=', 0);
      if (scope.id !== undefined) query = query.where('id', '=', scope.id);
      if (scope.peer !== undefined) query = query.where('peer', '=', scope.peer);
      if (scope.unreadOnly === true) query = query.where('read_at', 'is', null);
      const ids = (await query.execute()).map((r) => Number(r.id));
      if (ids.length === 0) return { updated: 0, revision: await revisionOf(trx) };
      const revision = await nextRevision(trx);
      for (let i = 0; i < ids.length; i += 500)
        await trx
          .updateTable('call_records')
          .set({ ...set, revision })
          .where('id', 'in', ids.slice(i, i + 500))
          .execute();
      return { updated: ids.length, revision };
    });
    if (result.updated > 0) this.#changes.signal(accountId, { type: 'calls-changed', revision: result.revision });
    return result;
  }

  #enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.#chain.then(task);
    this.#chain = run.catch(() => undefined);
    return run;
  }

  /** Applies one event; false when its call is unknown (nothing stored). */
  async #apply(event: CallEvent): Promise<boolean> {
    const signals = await runSerializedWrite(this.#db, async (trx) => {
      const rows = (
        await trx
          .selectFrom('call_records as c')
          .innerJoin('accounts as a', 'a.id', 'c.account_id')
          .selectAll('c')
          .select('a.number as number')
          .where('c.call_id', '=', event.ci)
          .orderBy('c.id')
          .execute()
      ).map((r) => ({ ...normalize(r), number: r.number }));
      if (rows.length === 0 && event.e !== 'start') return undefined;
      const numbers = new Set<string>();
      for (const r of rows) numbers.add(r.number);
      if (event.e === 'start') {
        numbers.add(event.from);
        numbers.add(event.to.replace(/^vm/, ''));
        numbers.add(event.to);
      }
      if (event.e === 'redirect') numbers.add(event.to);
      if (event.e === 'picked-up') numbers.add(event.by);
      const accounts = new Map(
        (
          await trx
            .selectFrom('accounts')
            .select(['id', 'number', 'display_name'])
            .where('number', 'in', [...numbers])
            .execute()
        ).map((a) => [a.number, { id: Number(a.id), name: a.display_name }]),
      );
      const before: PartyRecord[] = rows.map(toParty);
      const applied = applyCallEvent(before, event, (n) => accounts.get(n));
      const { changed } = applied;
      const records =
        event.e === 'start' ? await namedConference(trx, applied.records, event, accounts) : applied.records;
      if (changed.size === 0) return [];
      const revision = await nextRevision(trx);
      const touched: number[] = [];
      for (const index of changed) {
        const record = records[index]!;
        const accountId = accounts.get(record.number)?.id ?? rows[index]?.account_id;
        if (accountId === undefined) continue;
        const values = {
          peer: record.peer,
          peer_name: record.peerName,
          peer_internal: record.peerInternal ? 1 : 0,
          result: record.result,
          device_kind: record.deviceKind,
          via: record.via,
          origin: record.origin,
          origin_number: record.originNumber,
          started_at: record.startedAt,
          answered_at: record.answeredAt,
          ended_at: record.endedAt,
          revision,
        };
        if (record.id === undefined) {
          await trx
            .insertInto('call_records')
            .values({ ...values, account_id: accountId, call_id: event.ci, direction: record.direction, deleted: 0 })
            .execute();
        } else {
          await trx.updateTable('call_records').set(values).where('id', '=', record.id).execute();
        }
        touched.push(accountId);
      }
      return touched.map((accountId) => ({ accountId, revision }));
    });
    if (signals === undefined) return false;
    for (const { accountId, revision } of signals) this.#changes.signal(accountId, { type: 'calls-changed', revision });
    return true;
  }
}

async function nextRevision(trx: Kysely<Database>): Promise<number> {
  await trx
    .updateTable('call_record_revision')
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where('id', '=', 1)
    .execute();
  return revisionOf(trx);
}

async function revisionOf(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('call_record_revision')
    .select('revision')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.revision);
}

/** BIGINT columns may come back as strings from some drivers: numbers everywhere. */
function normalize<T extends Row>(row: T): T {
  const n = (v: number | null): number | null => (v === null ? null : Number(v));
  return {
    ...row,
    id: Number(row.id),
    account_id: Number(row.account_id),
    started_at: Number(row.started_at),
    answered_at: n(row.answered_at),
    ended_at: n(row.ended_at),
    read_at: n(row.read_at),
    revision: Number(row.revision),
  };
}

function toParty(row: Row & { number: string }): PartyRecord {
  return {
    id: row.id,
    number: row.number,
    direction: row.direction,
    peer: row.peer,
    peerName: row.peer_name,
    peerInternal: row.peer_internal === 1,
    result: row.result as CallRecordResult,
    deviceKind: row.device_kind as PartyRecord['deviceKind'],
    via: row.via,
    origin: row.origin as CallOrigin | null,
    originNumber: row.origin_number,
    startedAt: row.started_at,
    answeredAt: row.answered_at,
    endedAt: row.ended_at,
  };
}

function toRecord(row: Row): CallRecord {
  return {
    id: row.id,
    sipCallId: row.call_id,
    direction: row.direction,
    peer: row.peer,
    peerName: row.peer_name,
    peerInternal: Number(row.peer_internal) === 1,
    result: row.result as CallRecordResult,
    deviceKind: row.device_kind as CallRecord['deviceKind'],
    via: row.via,
    origin: row.origin as CallOrigin | null,
    originNumber: row.origin_number,
    startedAt: row.started_at,
    answeredAt: row.answered_at,
    endedAt: row.ended_at,
    durationMs: row.answered_at !== null && row.ended_at !== null ? Math.max(0, row.ended_at - row.answered_at) : null,
    read: row.read_at !== null,
    deleted: Number(row.deleted) === 1,
    revision: row.revision,
  };
}

const CONFERENCE_URI = new RegExp(`^${CONFERENCE_URI_PREFIX}([0-9]{1,9})$`);

/**
 * A call to a room's one-click join URI (`conf<id>`, issue #14 I6): the caller's record shows the
 * conference by name — only when the caller is one of its participants (a stranger dialing the URI
 * learns nothing of the room).
 */
async function namedConference(
  trx: Kysely<Database>,
  records: PartyRecord[],
  event: Extract<CallEvent, { e: 'start' }>,
  accounts: ReadonlyMap<string, { id: number }>,
): Promise<PartyRecord[]> {
  const room = CONFERENCE_URI.exec(event.to)?.[1];
  const caller = accounts.get(event.from);
  if (room === undefined || caller === undefined) return records;
  const found = await trx
    .selectFrom('conferences as c')
    .innerJoin('conference_participants as p', 'p.conference_id', 'c.id')
    .select('c.name')
    .where('c.id', '=', Number(room))
    .where('p.account_id', '=', caller.id)
    .executeTakeFirst();
  if (found === undefined) return records;
  return records.map((r) =>
    r.direction === 'out' && r.number === event.from && r.peer === event.to && r.peerName === null
      ? { ...r, peerName: found.name }
      : r,
  );
}
