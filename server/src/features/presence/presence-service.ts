/**
 * The own presence of each account (SPEC B1 states, B3 visibility, B6 return
 * time), stored on the UC server so every device of the user shows the same.
 *
 * B6 — the state resets to office when its return time passes — is done twice:
 * on read (a row whose return_at has passed reads as office, whatever the
 * timers did) and by a timer per pending return, which writes the reset and
 * signals `presence-changed` so open clients update without polling. The
 * timers are re-armed at start from the stored rows (a restart loses none).
 */
import {
  PRESENCE_NOTE_MAX,
  type Presence,
  type PresenceOf,
  type PresenceSetRequest,
  type PresenceVisibility,
} from '../../../../src-preload/contract/presence';
import type { ChangeBus } from '../../platform/change-bus';
import type { Db } from '../../platform/db/database';
import { ApiHttpError } from '../../platform/http/api-http-error';
import type { Clock } from '../../platform/server-context';
import type { PresenceTable } from './presence-tables';

/** setTimeout's longest delay (~24.8 days); longer waits are re-armed. */
const MAX_TIMER_MS = 2_147_483_647;
/** At most this many accounts per GET /presence. */
export const MAX_PRESENCE_ACCOUNTS = 200;

/** Presence of an account that never set one. */
export const DEFAULT_PRESENCE: Presence = { state: 'office', visibility: 'all', updatedAt: 0 };

/** Timer seam (tests may pass fakes; the default is the Node timers). */
export interface PresenceTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const nodeTimers: PresenceTimers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // a pending return must not keep the process alive
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface PresenceServiceOptions {
  db: Db;
  /** the server's change bus: a change is signalled `presence-changed` to the account */
  changes: ChangeBus;
  clock: Clock;
  timers?: PresenceTimers;
  logger?: (message: string) => void;
}

/** See the file comment. One per server (created by the presence routes). */
export class PresenceService {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #timers: PresenceTimers;
  readonly #log: (message: string) => void;
  readonly #changes: ChangeBus;
  /** account id → its pending return timer */
  readonly #returns = new Map<number, unknown>();
  #stopped = false;

  constructor(options: PresenceServiceOptions) {
    this.#db = options.db;
    this.#changes = options.changes;
    this.#clock = options.clock;
    this.#timers = options.timers ?? nodeTimers;
    this.#log = options.logger ?? ((message) => console.error(message));
  }

  /** Arms the timers of every stored return time (past ones fire at once). */
  async start(): Promise<void> {
    const rows = await this.#db
      .selectFrom('presence')
      .select(['account_id', 'return_at'])
      .where('return_at', 'is not', null)
      .execute();
    for (const row of rows) if (row.return_at !== null) this.#arm(row.account_id, Number(row.return_at));
  }

  /** Clears the timers (server closing). */
  stop(): void {
    this.#stopped = true;
    for (const handle of this.#returns.values()) this.#timers.clearTimeout(handle);
    this.#returns.clear();
  }

  /** The account's presence now (B6 applied). */
  async get(accountId: number): Promise<Presence> {
    const row = await this.#db
      .selectFrom('presence')
      .selectAll()
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row ? effectivePresence(row, this.#clock.now()) : { ...DEFAULT_PRESENCE };
  }

  /**
   * Sets the account's presence. 400 `invalid-request` for a return time with
   * office, a return time not in the future, or a note that is too long; a
   * blank note removes it; an absent visibility keeps the current one.
   */
  async set(accountId: number, request: PresenceSetRequest): Promise<Presence> {
    const now = this.#clock.now();
    if (request.returnAt !== undefined) {
      if (request.state === 'office')
        throw new ApiHttpError(400, 'invalid-request', 'returnAt: office takes no return time (SPEC B1)');
      if (request.returnAt <= now)
        throw new ApiHttpError(400, 'invalid-request', 'returnAt: the return time must be in the future');
    }
    const note = request.note?.trim() ?? '';
    if (note.length > PRESENCE_NOTE_MAX)
      throw new ApiHttpError(400, 'invalid-request', `note: at most ${PRESENCE_NOTE_MAX} characters`);
    const before = (await this.get(accountId)).visibility;
    const visibility: PresenceVisibility = request.visibility ?? before;
    const row: PresenceTable = {
      account_id: accountId,
      state: request.state,
      return_at: request.returnAt ?? null,
      note: note === '' ? null : note,
      visibility,
      // strictly increasing per account, so a client can tell the newer of two replies
      updated_at: now,
    };
    await this.#db
      .insertInto('presence')
      .values(row)
      .onConflict((oc) =>
        oc.column('account_id').doUpdateSet({
          state: row.state,
          return_at: row.return_at,
          note: row.note,
          visibility: row.visibility,
          updated_at: row.updated_at,
        }),
      )
      .execute();
    this.#disarm(accountId);
    if (row.return_at !== null) this.#arm(accountId, row.return_at);
    this.#changes.signal(accountId, { type: 'presence-changed' });
    // hidden before and after: others saw nothing and still see nothing, so nothing to announce
    if (before !== 'none' || visibility !== 'none') await this.#announceToOthers(accountId);
    return effectivePresence(row, now);
  }

  /**
   * Other users' presence by internal number, as `callerId` may see it (SPEC
   * B3/B4). Every account of this server is internal, so `all` and
   * `internal` are visible to any authenticated user and `none` to nobody but
   * the account itself. Unknown numbers are left out.
   */
  async list(callerId: number, numbers: readonly string[]): Promise<PresenceOf[]> {
    const wanted = [...new Set(numbers)].slice(0, MAX_PRESENCE_ACCOUNTS);
    if (wanted.length === 0) return [];
    const rows = await this.#db
      .selectFrom('accounts')
      .leftJoin('presence', 'presence.account_id', 'accounts.id')
      .select([
        'accounts.id as id',
        'accounts.number as number',
        'presence.state as state',
        'presence.return_at as return_at',
        'presence.note as note',
        'presence.visibility as visibility',
        'presence.updated_at as updated_at',
      ])
      .where('accounts.number', 'in', wanted)
      .execute();
    const now = this.#clock.now();
    return rows
      .sort((a, b) => wanted.indexOf(a.number) - wanted.indexOf(b.number))
      .map((r): PresenceOf => {
        const presence =
          r.state === null || r.visibility === null || r.updated_at === null
            ? DEFAULT_PRESENCE
            : effectivePresence(
                {
                  account_id: r.id,
                  state: r.state,
                  return_at: r.return_at,
                  note: r.note,
                  visibility: r.visibility,
                  updated_at: r.updated_at,
                },
                now,
              );
        if (presence.visibility === 'none' && r.id !== callerId) return { number: r.number, visible: false };
        return {
          number: r.number,
          visible: true,
          state: presence.state,
          ...(presence.returnAt !== undefined ? { returnAt: presence.returnAt } : {}),
          ...(presence.note !== undefined ? { note: presence.note } : {}),
        };
      });
  }

  #arm(accountId: number, returnAt: number): void {
    if (this.#stopped) return;
    this.#disarm(accountId);
    const delay = Math.min(Math.max(returnAt - this.#clock.now(), 0), MAX_TIMER_MS);
    const handle = this.#timers.setTimeout(() => {
      this.#returns.delete(accountId);
      // An injected clock may run behind the timer: wait for the rest.
      if (returnAt > this.#clock.now()) {
        this.#arm(accountId, returnAt);
        return;
      }
      this.#returnToOffice(accountId, returnAt).catch((error: unknown) =>
        this.#log(`presence: return to office of account ${accountId} failed: ${String(error)}`),
      );
    }, delay);
    this.#returns.set(accountId, handle);
  }

  #disarm(accountId: number): void {
    const handle = this.#returns.get(accountId);
    if (handle === undefined) return;
    this.#timers.clearTimeout(handle);
    this.#returns.delete(accountId);
  }

  /** B6: writes office (only if the row still has this return time: a later change wins) and signals. */
  async #returnToOffice(accountId: number, returnAt: number): Promise<void> {
    if (this.#stopped) return;
    const result = await this.#db
      .updateTable('presence')
      .set({ state: 'office', return_at: null, note: null, updated_at: Math.max(this.#clock.now(), returnAt) })
      .where('account_id', '=', accountId)
      .where('return_at', '=', returnAt)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return;
    this.#changes.signal(accountId, { type: 'presence-changed' });
    const row = await this.#db
      .selectFrom('presence')
      .select('visibility')
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    if (row !== undefined && row.visibility !== 'none') await this.#announceToOthers(accountId);
  }

  /**
   * SPEC B4 live: tells every other connected account that this user's
   * presence changed — the number only; what they may see of it, GET
   * /presence decides (SPEC B3).
   */
  async #announceToOthers(accountId: number): Promise<void> {
    const account = await this.#db
      .selectFrom('accounts')
      .select('number')
      .where('id', '=', accountId)
      .executeTakeFirst();
    if (account !== undefined)
      this.#changes.broadcast({ type: 'others-presence-changed', numbers: [account.number] }, accountId);
  }
}

/**
 * A stored row as the API shows it at `now`: once the return time passed,
 * office (SPEC B6: the absence and its note end; the visibility stays).
 */
export function effectivePresence(row: PresenceTable, now: number): Presence {
  const returnAt = row.return_at === null ? undefined : Number(row.return_at);
  const updatedAt = Number(row.updated_at);
  if (returnAt !== undefined && returnAt <= now) {
    return { state: 'office', visibility: row.visibility, updatedAt: Math.max(updatedAt, returnAt) };
  }
  return {
    state: row.state,
    ...(returnAt !== undefined ? { returnAt } : {}),
    ...(row.note !== null ? { note: row.note } : {}),
    visibility: row.visibility,
    updatedAt,
  };
}
