import type { Database, Statement, Transaction } from 'better-sqlite3';
import {
  changeSchema,
  directoryEntrySchema,
  type Change,
  type DirectoryEntry,
} from '../../../../src-preload/contract/directory/directory-http';
import type {
  DirectoryEntryView,
  DirectorySearchResult,
  DirectorySource,
} from '../../../../src-preload/contract/ipc-contract';
import { assertNever } from '../../../../src-preload/contract/platform/assert-never';
import { TypedEmitter, type Event } from '../../platform/typed-emitter';
import { directoryMatchQuery } from './directory-match-query';
import {
  DIRECTORY_BUCKET_SIZE,
  DIRECTORY_SOURCE_ORDER,
  bucketOf,
  bucketOfRowId,
  bucketStart,
  sourceRowIdRange,
} from './directory-row-id';
import { numberSearchTokens } from './number-search-tokens';

/**
 * Page cache the connection gets at least (KiB). SQLite's default (2 MB) makes
 * a bulk load of the FTS5 indexes (initial sync) about twice as slow: their
 * segment b-trees no longer fit and every merge re-reads pages from disk.
 */
export const DIRECTORY_MIN_CACHE_KIB = 32 * 1024;

/** Default number of entries per result group. */
export const DIRECTORY_DEFAULT_LIMIT = 20;
/** Largest `limit` per group (same bound as the `directory.search` schema). */
export const DIRECTORY_MAX_LIMIT = 200;
/**
 * Group totals are counted up to this many hits, then reported as this
 * number (the UI may show "1000+"). Counting walks every match's doclist
 * entry, so at 1 000 000 entries an exact count of a one- or two-letter prefix
 * (hundreds of thousands of hits) would dominate the search time, while
 * nobody scrolls past a thousand results. Groups are only counted when they
 * have more hits than `limit`.
 */
export const DIRECTORY_TOTAL_CAP = 1000;

/** Options of {@link DirectoryCache.search}. */
export interface DirectorySearchOptions {
  /** only this directory (the directory filter of SPEC C2) */
  source?: DirectorySource;
  /** entries per group, 1..{@link DIRECTORY_MAX_LIMIT} (default {@link DIRECTORY_DEFAULT_LIMIT}) */
  limit?: number;
}

interface EntryRow {
  id: string;
  source: DirectorySource;
  display_name: string;
  first_name: string | null;
  last_name: string | null;
  company: string | null;
  email: string | null;
  numbers: string;
  photo_url: string | null;
  hand_edited: number;
  updated_at: number;
  pending_sync: number;
}

interface GroupParams {
  names: string;
  numbers: string;
  first: bigint;
  last: bigint;
  limit: number;
}

interface Placement {
  rid: bigint;
  /** bigint: safeIntegers() (needed for 64-bit row ids) applies to every integer column */
  pending_sync: bigint;
}

/** The final state of one id within a page: an entry, or `null` when deleted. */
type FinalStates = Map<string, DirectoryEntry | null>;

const ENTRY_COLUMNS =
  'e.id, e.source, e.display_name, e.first_name, e.last_name, e.company, e.email, e.numbers, e.photo_url, e.hand_edited, e.updated_at, e.pending_sync';

/**
 * The local cache of every directory (table `directory_entries`, migration
 * 0004) with instant search (SPEC C2, K). It is fed by the sync engine
 * ({@link applyChanges} with the server's change feed, {@link upsertLocal} /
 * {@link deleteLocal} for personal contacts edited offline) and read by the
 * `directory.*` handlers.
 *
 * ```ts
 * const cache = new DirectoryCache(db);
 * cache.onDidChange(() => emit('directory.onDidChange', {}));
 * cache.applyChanges(page.changes, page.revision); // one transaction
 * cache.search('bru mül*');                         // { groups: [{ source: 'internal', entries, total }] }
 * ```
 *
 * Search: every word is a prefix of some word of the display, first or last
 * name, or company, all words must match, case and diacritics are ignored;
 * a number-like query matches numbers by the prefix of their digits (see
 * `directoryMatchQuery`). Results come in groups internal, personal, system,
 * global (groups without hits are left out), each sorted alphabetically by
 * display name (folded, first 7 characters, then oldest first — see
 * `directory-row-id.ts` for why), `total` counted up to {@link DIRECTORY_TOTAL_CAP}.
 *
 * All methods are synchronous (better-sqlite3). Invalid input throws
 * `TypeError`/`RangeError` and writes nothing.
 */
export class DirectoryCache {
  private readonly didChange = new TypedEmitter<void>();
  /** Fires after every successful write (changes applied, local edit, flag, reset). */
  readonly onDidChange: Event<void> = this.didChange.event;

  private readonly selectPlacement: Statement<[string], Placement>;
  private readonly selectEntry: Statement<[string], EntryRow>;
  private readonly selectLastInBucket: Statement<[bigint, bigint], bigint | null>;
  private readonly insertEntry: Statement<Record<string, unknown>>;
  private readonly updateEntry: Statement<Record<string, unknown>>;
  private readonly deleteEntry: Statement<[string]>;
  private readonly updatePending: Statement<[number, string]>;
  private readonly selectRevision: Statement<[], number>;
  private readonly updateRevision: Statement<[number]>;
  private readonly selectCount: Statement<[], number>;
  private readonly selectByName: Statement<GroupParams, EntryRow>;
  private readonly countByName: Statement<GroupParams, number>;
  private readonly selectByNameOrNumber: Statement<GroupParams, EntryRow>;
  private readonly countByNameOrNumber: Statement<GroupParams, number>;
  private readonly deleteSynced: Statement<[]>;
  private readonly selectNameByNumber: Statement<[string], string>;
  private readonly applyBatch: Transaction<(changes: readonly Change[], revision: number) => number>;

  /** @param db an open database migrated to at least version 4 (see `openDatabase`) */
  constructor(private readonly db: Database) {
    // cache_size < 0 is in KiB; never shrink a bigger cache set by the owner.
    const cacheSize = db.pragma('cache_size', { simple: true }) as number;
    const cacheKib =
      cacheSize < 0 ? -cacheSize : (cacheSize * (db.pragma('page_size', { simple: true }) as number)) / 1024;
    if (cacheKib < DIRECTORY_MIN_CACHE_KIB) db.pragma(`cache_size = -${DIRECTORY_MIN_CACHE_KIB}`);
    this.selectPlacement = db
      .prepare<[string], Placement>('SELECT rid, pending_sync FROM directory_entries WHERE id = ?')
      .safeIntegers(true);
    this.selectEntry = db.prepare<[string], EntryRow>(
      `SELECT ${ENTRY_COLUMNS} FROM directory_entries e WHERE e.id = ?`,
    );
    this.selectLastInBucket = db
      .prepare<[bigint, bigint], bigint | null>('SELECT max(rid) FROM directory_entries WHERE rid BETWEEN ? AND ?')
      .pluck()
      .safeIntegers(true);
    this.insertEntry = db.prepare(`
      INSERT INTO directory_entries (rid, id, source, display_name, first_name, last_name, company, email,
        numbers, number_digits, photo_url, hand_edited, updated_at, pending_sync)
      VALUES (@rid, @id, @source, @displayName, @firstName, @lastName, @company, @email,
        @numbers, @numberDigits, @photoUrl, @handEdited, @updatedAt, @pendingSync)`);
    this.updateEntry = db.prepare(`
      UPDATE directory_entries SET rid = @rid, source = @source, display_name = @displayName,
        first_name = @firstName, last_name = @lastName, company = @company, email = @email,
        numbers = @numbers, number_digits = @numberDigits, photo_url = @photoUrl,
        hand_edited = @handEdited, updated_at = @updatedAt, pending_sync = @pendingSync
      WHERE id = @id`);
    this.deleteEntry = db.prepare('DELETE FROM directory_entries WHERE id = ?');
    this.updatePending = db.prepare('UPDATE directory_entries SET pending_sync = ? WHERE id = ?');
    this.selectRevision = db.prepare<[], number>("SELECT value FROM directory_meta WHERE key = 'revision'").pluck();
    this.updateRevision = db.prepare("UPDATE directory_meta SET value = ? WHERE key = 'revision'");
    this.selectCount = db.prepare<[], number>('SELECT count(*) FROM directory_entries').pluck();
    // FTS5 consumes the rowid range and ORDER BY rowid, so the hits come in
    // result order and LIMIT stops the walk; only those rows are read from the
    // content table. With two indexes, ORDER BY on the UNION makes SQLite merge
    // the two ordered streams (no temporary table), so LIMIT still stops early.
    const byName =
      'SELECT rowid AS rid FROM directory_fts WHERE directory_fts MATCH @names AND rowid BETWEEN @first AND @last';
    const byNumber =
      'SELECT rowid AS rid FROM directory_number_fts WHERE directory_number_fts MATCH @numbers AND rowid BETWEEN @first AND @last';
    const rowsOf = (hits: string) =>
      `SELECT ${ENTRY_COLUMNS} FROM (${hits} ORDER BY rid LIMIT @limit) AS hit
       JOIN directory_entries e ON e.rid = hit.rid ORDER BY hit.rid`;
    const countOf = (hits: string) => `SELECT count(*) FROM (${hits} ORDER BY rid LIMIT @limit)`;
    this.selectByName = db.prepare<GroupParams, EntryRow>(rowsOf(byName));
    this.countByName = db.prepare<GroupParams, number>(countOf(byName)).pluck();
    this.selectByNameOrNumber = db.prepare<GroupParams, EntryRow>(rowsOf(`${byName} UNION ${byNumber}`));
    this.countByNameOrNumber = db.prepare<GroupParams, number>(countOf(`${byName} UNION ${byNumber}`)).pluck();
    this.deleteSynced = db.prepare('DELETE FROM directory_entries WHERE pending_sync = 0');
    // A whole-token match (no prefix) on the number index; the lowest row id is the first
    // directory in search order (internal, personal, system, global), alphabetically.
    this.selectNameByNumber = db
      .prepare<[string], string>(
        `SELECT e.display_name FROM directory_number_fts f JOIN directory_entries e ON e.rid = f.rowid
         WHERE directory_number_fts MATCH ? ORDER BY f.rowid LIMIT 1`,
      )
      .pluck();
    // Returns the revision before the page; checked inside the transaction so
    // another connection cannot move it between the check and the write.
    this.applyBatch = db.transaction((changes: readonly Change[], revision: number) => {
      const current = this.revision;
      if (revision < current) {
        throw new RangeError(
          `revision ${revision} is older than the cache (${current}); call reset() before a full resync`,
        );
      }
      const finals: FinalStates = new Map();
      changes.forEach((change, index) => {
        const { id, entry } = parseChange(change, index, revision);
        finals.set(id, entry);
      });
      this.write(finals, undefined);
      this.updateRevision.run(revision);
      return current;
    });
  }

  /** The change-feed revision the cache reflects (0 for a new cache). */
  get revision(): number {
    return this.selectRevision.get() ?? 0;
  }

  /**
   * Applies one page of the server's change feed and stores `revision`, in
   * one transaction: either everything is applied or nothing (a malformed
   * change throws and rolls the page back, the revision stays). Replaying a
   * page is harmless: upserts are keyed by entry id, deleting a missing entry
   * is a no-op. Server changes overwrite local data (server authoritative)
   * but leave the `pendingSync` flag of an existing row as it is.
   *
   * @param revision the page's revision (>= each change's revision, >= {@link revision})
   * @throws TypeError on a malformed change, RangeError on a revision going backwards
   */
  applyChanges(changes: readonly Change[], revision: number): void {
    if (!Number.isSafeInteger(revision) || revision < 0) {
      throw new RangeError(`revision must be a non-negative integer, got ${String(revision)}`);
    }
    if (!Array.isArray(changes)) throw new TypeError('changes must be an array');
    const current = this.applyBatch.immediate(changes, revision);
    if (changes.length > 0 || revision !== current) this.didChange.fire();
  }

  /** The entry with this id, if cached. */
  get(id: string): DirectoryEntryView | undefined {
    if (typeof id !== 'string') throw new TypeError('id must be a string');
    const row = this.selectEntry.get(id);
    return row === undefined ? undefined : toView(row);
  }

  /**
   * The name to show for a phone number (calls, the journal, recent dials,
   * conversations): the display name of the first entry with exactly this
   * number, in search order — a colleague before a personal contact before a
   * speed dial or the global directory. Numbers are compared by their digits
   * (and the national form of international numbers, see
   * `number-search-tokens.ts`), so "+49 89 7007-98765", "+4989700798765" and
   * "089700798765" are one number. Undefined when no entry has it, or for
   * something that is not a number (a sip: URI).
   */
  nameForNumber(number: string): string | undefined {
    if (typeof number !== 'string' || !/^[+\d\s()/.-]*\d[\d\s()/.-]*$/.test(number.trim())) return undefined;
    const digits = number.replace(/\D/g, '');
    return this.selectNameByNumber.get(`"${digits}"`) ?? undefined;
  }

  /**
   * Searches every directory (or `opts.source`). An empty or blank query —
   * or one without any letter or digit — returns no groups. Never throws on
   * the query text: it is never interpreted as FTS5 syntax.
   * @throws RangeError on an invalid `limit`, TypeError on an unknown source
   */
  search(query: string, opts: DirectorySearchOptions = {}): DirectorySearchResult {
    const limit = opts.limit ?? DIRECTORY_DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > DIRECTORY_MAX_LIMIT) {
      throw new RangeError(`limit must be an integer between 1 and ${DIRECTORY_MAX_LIMIT}, got ${String(limit)}`);
    }
    if (opts.source !== undefined && !(DIRECTORY_SOURCE_ORDER as readonly string[]).includes(opts.source)) {
      throw new TypeError(`unknown directory source ${JSON.stringify(opts.source)}`);
    }
    if (typeof query !== 'string') throw new TypeError('query must be a string');
    const match = directoryMatchQuery(query);
    if (match === undefined) return { groups: [] };

    const [select, count] =
      match.numbers === undefined
        ? [this.selectByName, this.countByName]
        : [this.selectByNameOrNumber, this.countByNameOrNumber];
    const groups: DirectorySearchResult['groups'] = [];
    for (const source of DIRECTORY_SOURCE_ORDER) {
      if (opts.source !== undefined && opts.source !== source) continue;
      const { first, last } = sourceRowIdRange(source);
      const params: GroupParams = { names: match.names, numbers: match.numbers ?? '', first, last, limit };
      const rows = select.all(params);
      if (rows.length === 0) continue;
      // Fewer hits than the limit: that is the total, no need to count.
      const total = rows.length < limit ? rows.length : (count.get({ ...params, limit: DIRECTORY_TOTAL_CAP }) ?? 0);
      groups.push({ source, entries: rows.map(toView), total: Math.max(total, rows.length) });
    }
    return { groups };
  }

  /**
   * Stores a personal contact created or edited locally (offline or before
   * the server acknowledged it), flagged `pendingSync` until
   * {@link setPendingSync} clears it.
   * @throws TypeError if the entry is malformed or not a personal contact
   */
  upsertLocal(entry: DirectoryEntryView): void {
    const parsed = parseEntry(entry, 'local entry');
    if (parsed.source !== 'personal') {
      throw new TypeError(`local entry ${parsed.id}: only personal contacts are edited locally, got ${parsed.source}`);
    }
    this.db.transaction(() => this.write(new Map([[parsed.id, parsed]]), true)).immediate();
    this.didChange.fire();
  }

  /** Removes an entry locally (a personal contact deleted before the server acknowledged it). No-op if absent. */
  deleteLocal(id: string): void {
    if (typeof id !== 'string' || id === '') throw new TypeError('id must be a non-empty string');
    if (this.deleteEntry.run(id).changes > 0) this.didChange.fire();
  }

  /** Sets or clears the `pendingSync` flag of an entry. No-op if absent. */
  setPendingSync(id: string, pending: boolean): void {
    if (typeof id !== 'string' || id === '') throw new TypeError('id must be a non-empty string');
    if (typeof pending !== 'boolean') throw new TypeError('pending must be a boolean');
    if (this.updatePending.run(pending ? 1 : 0, id).changes > 0) this.didChange.fire();
  }

  /**
   * Before a full resync (e.g. the server's feed was reset): removes every
   * entry except local edits still pending, and sets the revision to 0.
   */
  reset(): void {
    this.db
      .transaction(() => {
        this.deleteSynced.run();
        this.updateRevision.run(0);
      })
      .immediate();
    this.didChange.fire();
  }

  /** Number of cached entries (all directories). */
  count(): number {
    return this.selectCount.get() ?? 0;
  }

  /**
   * Writes the final state of each id. FTS5 flushes its in-memory pending
   * index (one new on-disk segment, merged later) whenever a write's rowid is
   * not above the previous one (sqlite3Fts5IndexBeginWrite), and our row ids
   * follow names, not arrival. So rows are written in row-id order: first
   * every delete (and the old place of entries that move), then every insert
   * or update — at most two flushes per page instead of one per row, which
   * makes a bulk load several times faster.
   */
  private write(finals: FinalStates, pendingSync: boolean | undefined): void {
    const removals: { rid: bigint; id: string }[] = [];
    const writes: { rid: bigint; entry: DirectoryEntry; update: boolean; pending: number }[] = [];
    const lastGiven = new Map<bigint, bigint>(); // bucket -> last row id handed out in this page
    for (const [id, entry] of finals) {
      const existing = this.selectPlacement.get(id);
      if (entry === null) {
        if (existing !== undefined) removals.push({ rid: existing.rid, id });
        continue;
      }
      // A server change keeps the flag of a local edit still in the outbox.
      const pending = pendingSync === undefined ? Number(existing?.pending_sync ?? 0n) : pendingSync ? 1 : 0;
      const bucket = bucketOf(entry.source, entry.displayName);
      if (existing !== undefined && bucketOfRowId(existing.rid) === bucket) {
        writes.push({ rid: existing.rid, entry, update: true, pending });
        continue;
      }
      if (existing !== undefined) removals.push({ rid: existing.rid, id });
      writes.push({ rid: this.allocate(bucket, lastGiven), entry, update: false, pending });
    }
    removals.sort((a, b) => compareBigints(a.rid, b.rid));
    for (const { id } of removals) this.deleteEntry.run(id);
    writes.sort((a, b) => compareBigints(a.rid, b.rid));
    for (const { rid, entry, update, pending } of writes) {
      const params = {
        rid,
        id: entry.id,
        source: entry.source,
        displayName: entry.displayName,
        firstName: entry.firstName ?? null,
        lastName: entry.lastName ?? null,
        company: entry.company ?? null,
        email: entry.email ?? null,
        numbers: JSON.stringify(entry.numbers.map(({ kind, number }) => ({ kind, number }))),
        numberDigits: numberSearchTokens(entry.numbers),
        photoUrl: entry.photoUrl ?? null,
        handEdited: entry.handEdited === true ? 1 : 0,
        updatedAt: entry.updatedAt,
        pendingSync: pending,
      };
      if (update) this.updateEntry.run(params);
      else this.insertEntry.run(params);
    }
  }

  /**
   * The next free row id of a bucket: after its last one (in the table or
   * handed out earlier in this page); a hole if the bucket's end is taken.
   */
  private allocate(bucket: bigint, lastGiven: Map<bigint, bigint>): bigint {
    const first = bucketStart(bucket);
    const last = first + DIRECTORY_BUCKET_SIZE - 1n;
    const previous = lastGiven.get(bucket) ?? this.selectLastInBucket.get(first, last) ?? first - 1n;
    let next = previous + 1n;
    if (previous >= last) {
      // 8 388 608 entries sharing 7 letters in one directory: look for a hole
      // after the last one given out in this page (those are not in the table yet).
      const from = lastGiven.get(bucket) ?? first;
      const hole = this.db
        .prepare<[bigint, bigint, bigint], bigint>(
          `SELECT a.rid + 1 FROM directory_entries a WHERE a.rid BETWEEN ? AND ? AND a.rid >= ?
           AND NOT EXISTS (SELECT 1 FROM directory_entries b WHERE b.rid = a.rid + 1) ORDER BY a.rid LIMIT 1`,
        )
        .pluck()
        .safeIntegers(true)
        .get(first, last - 1n, from);
      if (hole === undefined) throw new RangeError('directory cache: too many entries with the same name prefix');
      next = hole;
    }
    lastGiven.set(bucket, next);
    return next;
  }
}

function parseChange(change: unknown, index: number, revision: number): { id: string; entry: DirectoryEntry | null } {
  const parsed = changeSchema.safeParse(change);
  const label = `change #${index} (${describeId(change)})`;
  if (!parsed.success) throw new TypeError(`${label} is malformed: ${issuesOf(parsed.error)}`);
  const { op, id, entry } = parsed.data;
  if (parsed.data.revision > revision) {
    throw new RangeError(`${label}: revision ${parsed.data.revision} is above the page's revision ${revision}`);
  }
  switch (op) {
    case 'upsert':
      if (entry === undefined) throw new TypeError(`${label}: an upsert needs an entry`);
      if (entry.id !== id) throw new TypeError(`${label}: entry id ${JSON.stringify(entry.id)} differs`);
      return { id, entry };
    case 'delete':
      return { id, entry: null };
    default:
      return assertNever(op);
  }
}

function compareBigints(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function parseEntry(entry: unknown, label: string): DirectoryEntry {
  const parsed = directoryEntrySchema.safeParse(entry);
  if (!parsed.success) throw new TypeError(`${label} ${describeId(entry)} is malformed: ${issuesOf(parsed.error)}`);
  return parsed.data;
}

function describeId(value: unknown): string {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? `id ${JSON.stringify(id.slice(0, 200))}` : 'without id';
}

function issuesOf(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

function toView(row: EntryRow): DirectoryEntryView {
  const view: DirectoryEntryView = {
    id: row.id,
    source: row.source,
    displayName: row.display_name,
    numbers: JSON.parse(row.numbers) as DirectoryEntryView['numbers'],
    updatedAt: row.updated_at,
  };
  // Optional fields are omitted rather than set to undefined (clean IPC payloads).
  if (row.first_name !== null) view.firstName = row.first_name;
  if (row.last_name !== null) view.lastName = row.last_name;
  if (row.company !== null) view.company = row.company;
  if (row.email !== null) view.email = row.email;
  if (row.photo_url !== null) view.photoUrl = row.photo_url;
  if (row.hand_edited === 1) view.handEdited = true;
  if (row.pending_sync === 1) view.pendingSync = true;
  return view;
}
