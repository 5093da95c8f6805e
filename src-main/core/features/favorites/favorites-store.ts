import type { Database, Statement } from 'better-sqlite3';
import {
  favoriteGroupSchema,
  favoritesChangeSchema,
  type FavoriteGroup,
  type FavoritesChange,
} from '../../../../src-preload/contract/favorites';
import { z } from 'zod';

/** One change waiting for the server (table `favorites_outbox`). */
export interface FavoritesOutboxItem {
  id: number;
  idempotencyKey: string;
  change: FavoritesChange;
  attempts: number;
  nextAttemptAt: number;
}

interface OutboxRow {
  id: number;
  idempotency_key: string;
  change: string;
  attempts: number;
  next_attempt_at: number;
}

const groupsSchema = z.array(favoriteGroupSchema);

/**
 * Plain data access to one account's cached favorites and outbox (migration
 * 0010); {@link FavoritesService} opens the transactions. Synchronous
 * (better-sqlite3), so a service method's writes commit together.
 */
export class FavoritesStore {
  private readonly stmts: {
    read: Statement<[string], { version: number; groups: string }>;
    write: Statement<[string, number, string]>;
    outboxAdd: Statement<[string, string, string, number]>;
    outboxOldest: Statement<[string], OutboxRow>;
    outboxAll: Statement<[string], OutboxRow>;
    outboxCount: Statement<[string], { n: number }>;
    outboxRemove: Statement<[number]>;
    outboxFailed: Statement<[number, string, number]>;
  };

  constructor(
    db: Database,
    private readonly account: string,
  ) {
    this.stmts = {
      read: db.prepare('SELECT version, groups FROM favorites_cache WHERE account = ?'),
      write: db.prepare(
        `INSERT INTO favorites_cache (account, version, groups) VALUES (?, ?, ?)
         ON CONFLICT (account) DO UPDATE SET version = excluded.version, groups = excluded.groups`,
      ),
      outboxAdd: db.prepare(
        'INSERT INTO favorites_outbox (account, idempotency_key, change, created_at) VALUES (?, ?, ?, ?)',
      ),
      outboxOldest: db.prepare('SELECT * FROM favorites_outbox WHERE account = ? ORDER BY id LIMIT 1'),
      outboxAll: db.prepare('SELECT * FROM favorites_outbox WHERE account = ? ORDER BY id'),
      outboxCount: db.prepare('SELECT count(*) AS n FROM favorites_outbox WHERE account = ?'),
      outboxRemove: db.prepare('DELETE FROM favorites_outbox WHERE id = ?'),
      outboxFailed: db.prepare(
        'UPDATE favorites_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?',
      ),
    };
  }

  /** The cached groups and the server version they come from (none cached: empty, 0). */
  read(): { version: number; groups: FavoriteGroup[] } {
    const row = this.stmts.read.get(this.account);
    if (row === undefined) return { version: 0, groups: [] };
    const parsed = groupsSchema.safeParse(JSON.parse(row.groups));
    // a cache this version cannot read is dropped: the next pull fills it again
    return parsed.success ? { version: row.version, groups: parsed.data } : { version: 0, groups: [] };
  }

  write(version: number, groups: readonly FavoriteGroup[]): void {
    this.stmts.write.run(this.account, version, JSON.stringify(groups));
  }

  addOutbox(key: string, change: FavoritesChange, now: number): void {
    this.stmts.outboxAdd.run(this.account, key, JSON.stringify(change), now);
  }

  oldestOutbox(): FavoritesOutboxItem | undefined {
    const row = this.stmts.outboxOldest.get(this.account);
    return row === undefined ? undefined : itemOf(row);
  }

  /** Every waiting change, oldest first (which favorites are not synced yet). */
  allOutbox(): FavoritesOutboxItem[] {
    return this.stmts.outboxAll.all(this.account).map(itemOf);
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

function itemOf(row: OutboxRow): FavoritesOutboxItem {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    change: favoritesChangeSchema.parse(JSON.parse(row.change)),
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
  };
}
