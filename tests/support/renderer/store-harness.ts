/**
 * Fake clock and timers for the store's debounce and countdowns: time moves
 * only when the test calls advance().
 */
import type { StoreDeps } from '../../../src-renderer/src/app/app-store';

export class FakeTime implements StoreDeps {
  private current = 1_000_000;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  now = (): number => this.current;

  setTimeout = (callback: () => void, ms: number): ReturnType<typeof setTimeout> => {
    const id = this.nextId++;
    this.timers.set(id, { at: this.current + ms, callback });
    return id as unknown as ReturnType<typeof setTimeout>;
  };

  clearTimeout = (handle: ReturnType<typeof setTimeout>): void => {
    this.timers.delete(handle as unknown as number);
  };

  get pending(): number {
    return this.timers.size;
  }

  /** Moves the clock and runs the timers that fell due, in order (bounded). */
  advance(ms: number): void {
    const target = this.current + ms;
    for (let guard = 0; guard < 1000; guard++) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.current = due[1].at;
      due[1].callback();
    }
    this.current = target;
  }
}
