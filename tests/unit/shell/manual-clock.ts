import type { Clock, TimerHandle } from '../../../src-main/core/platform/clock';

/** A clock the test advances by hand; timers fire in due order. */
export class ManualClock implements Clock {
  private current = 0;
  private nextHandle = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const handle = this.nextHandle++;
    this.timers.set(handle, { at: this.current + ms, fn });
    return handle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle as number);
  }

  get timerCount(): number {
    return this.timers.size;
  }

  /** Moves time forward, firing due timers (bounded by the number of timers present). */
  advance(ms: number): void {
    const target = this.current + ms;
    for (let guard = this.timers.size + 1; guard > 0; guard--) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.current = due[1].at;
      due[1].fn();
    }
    this.current = target;
  }
}
