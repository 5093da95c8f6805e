import type { Database, Statement } from 'better-sqlite3';
import type { Clock } from '../../platform/clock';

/** Where the "seen up to" mark is kept: the user's settings store (internal values). */
export interface SeenMarkStore {
  getInternal(key: string): unknown;
  setInternal(key: string, value: unknown): void;
}

/** Internal settings key of the "missed calls seen up to" mark (epoch ms). */
export const MISSED_SEEN_KEY = 'missedCallsSeenAt';

/**
 * Missed calls the user has not looked at yet (SPEC G4 counters, tray badge):
 * journal entries with result `missed` that ended after the last
 * {@link markSeen}. The mark is kept in the settings table of the same
 * (per-user) database, so the count survives a restart and is the user's own.
 */
export class MissedCallCounter {
  private readonly countSince: Statement<[number], { n: number }>;
  private readonly lastEnded: Statement<[], { t: number | null }>;

  constructor(
    db: Database,
    private readonly settings: SeenMarkStore,
    private readonly clock: Clock,
  ) {
    this.countSince = db.prepare<[number], { n: number }>(
      "SELECT COUNT(*) AS n FROM call_journal WHERE result = 'missed' AND ended_at > ?",
    );
    this.lastEnded = db.prepare<[], { t: number | null }>(
      "SELECT MAX(ended_at) AS t FROM call_journal WHERE result = 'missed'",
    );
  }

  /** Unseen missed calls now. */
  count(): number {
    return this.countSince.get(this.seenMark())?.n ?? 0;
  }

  /** The user saw the missed calls (opened the journal): the count drops to 0. */
  markSeen(): number {
    // Also past the newest entry, so an entry stamped by a clock ahead of ours is not counted again.
    const mark = Math.max(this.clock.now(), this.lastEnded.get()?.t ?? 0, this.seenMark());
    this.settings.setInternal(MISSED_SEEN_KEY, mark);
    return this.count();
  }

  private seenMark(): number {
    const value = this.settings.getInternal(MISSED_SEEN_KEY);
    return typeof value === 'number' && Number.isFinite(value) ? value : 0;
  }
}
