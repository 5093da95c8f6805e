import type { Database, Statement } from 'better-sqlite3';
import { systemClock, type Clock } from '../../platform/clock';

/** How many distinct targets {@link RecentDials} keeps by default. */
export const RECENT_DIALS_MAX = 10;

/**
 * The last distinct dialed targets, newest first (table `recent_dials`,
 * migration 0003). Dialing a target again moves it to the top.
 *
 * Targets are compared as strings: pass a normalised form (e.g.
 * `parseDialTarget(input).canonical`) so "+33 1 23…" and "+33123…" are one entry.
 */
export class RecentDials {
  private readonly insert: Statement<[string, number]>;
  private readonly deleteTarget: Statement<[string]>;
  private readonly trim: Statement<[number]>;
  private readonly selectNewest: Statement<[number], { target: string }>;
  private readonly addTx: (target: string, at: number) => void;
  private readonly max: number;
  private readonly clock: Clock;

  /**
   * @param db an open database migrated to at least version 3
   * @param options `max` entries kept (default {@link RECENT_DIALS_MAX}), `clock` for `dialed_at`
   */
  constructor(db: Database, options: { max?: number; clock?: Clock } = {}) {
    this.max = options.max ?? RECENT_DIALS_MAX;
    if (!Number.isInteger(this.max) || this.max < 1) throw new RangeError(`max must be a positive integer`);
    this.clock = options.clock ?? systemClock;
    this.deleteTarget = db.prepare<[string]>('DELETE FROM recent_dials WHERE target = ?');
    this.insert = db.prepare<[string, number]>('INSERT INTO recent_dials (target, dialed_at) VALUES (?, ?)');
    this.trim = db.prepare<[number]>(
      'DELETE FROM recent_dials WHERE id NOT IN (SELECT id FROM recent_dials ORDER BY id DESC LIMIT ?)',
    );
    this.selectNewest = db.prepare<[number], { target: string }>(
      'SELECT target FROM recent_dials ORDER BY id DESC LIMIT ?',
    );
    this.addTx = db.transaction((target: string, at: number) => {
      // Delete + insert gives the target a new, highest id: it moves to the top.
      this.deleteTarget.run(target);
      this.insert.run(target, at);
      this.trim.run(this.max);
    });
  }

  /**
   * Records a dial of `target` (moved to the top if already present).
   * @throws TypeError if `target` is empty or longer than 256 characters
   */
  add(target: string): void {
    if (typeof target !== 'string' || target.length === 0 || target.length > 256) {
      throw new TypeError('recent dial target must be a non-empty string of at most 256 characters');
    }
    this.addTx(target, this.clock.now());
  }

  /** The kept targets, newest first (at most `max`). */
  list(): string[] {
    return this.selectNewest.all(this.max).map((row) => row.target);
  }
}
