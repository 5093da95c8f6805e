import { describe, expect, it } from 'vitest';
import { ReconnectPolicy } from '../../../src-preload/contract/platform/reconnect-policy';

describe('ReconnectPolicy', () => {
  it('doubles the ceiling up to the cap (random = almost 1)', () => {
    const p = new ReconnectPolicy({ baseMs: 500, capMs: 30_000, random: () => 0.999999 });
    const delays = Array.from({ length: 10 }, () => p.nextDelayMs());
    expect(delays.slice(0, 7)).toEqual([499, 999, 1999, 3999, 7999, 15_999, 29_999]);
    expect(delays.slice(7)).toEqual([29_999, 29_999, 29_999]);
  });

  it('applies full jitter: the delay is random * ceiling', () => {
    const p = new ReconnectPolicy({ baseMs: 1000, capMs: 8000, minMs: 0, random: () => 0.25 });
    expect([p.nextDelayMs(), p.nextDelayMs(), p.nextDelayMs(), p.nextDelayMs(), p.nextDelayMs()]).toEqual([
      250, 500, 1000, 2000, 2000,
    ]);
  });

  it('never goes below the floor even when random returns 0', () => {
    const p = new ReconnectPolicy({ random: () => 0, minMs: 100 });
    for (let i = 0; i < 5; i++) expect(p.nextDelayMs()).toBe(100);
  });

  it('never gives up and never overflows after very many attempts', () => {
    const p = new ReconnectPolicy({ random: () => 0.5 });
    let last = 0;
    for (let i = 0; i < 10_000; i++) last = p.nextDelayMs();
    expect(p.attempts).toBe(10_000);
    expect(last).toBe(15_000);
    expect(Number.isFinite(last)).toBe(true);
  });

  it('stays within [min, cap] with the real random source', () => {
    const p = new ReconnectPolicy({ baseMs: 500, capMs: 30_000 });
    for (let i = 0; i < 200; i++) {
      const d = p.nextDelayMs();
      expect(d).toBeGreaterThanOrEqual(100);
      expect(d).toBeLessThanOrEqual(30_000);
    }
  });

  it('reset() starts again from the base delay', () => {
    const p = new ReconnectPolicy({ baseMs: 500, capMs: 30_000, random: () => 0.999999 });
    p.nextDelayMs();
    p.nextDelayMs();
    p.nextDelayMs();
    p.reset();
    expect(p.attempts).toBe(0);
    expect(p.nextDelayMs()).toBe(499);
  });

  it('rejects nonsensical settings', () => {
    expect(() => new ReconnectPolicy({ baseMs: 0 })).toThrow(RangeError);
    expect(() => new ReconnectPolicy({ baseMs: 1000, capMs: 10 })).toThrow(RangeError);
  });
});
