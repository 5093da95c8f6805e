import { describe, expect, it } from 'vitest';
import { FlowKeepAlive } from '../../../../src-preload/contract/sip/flow-keep-alive';
import { ManualClock } from '../../../support/manual-clock';

/** A probe the test answers (or not) by hand. */
function probes(): { probe: () => Promise<void>; pending: Array<{ resolve: () => void; reject: (e: Error) => void }> } {
  const pending: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  return {
    pending,
    probe: () => new Promise<void>((resolve, reject) => pending.push({ resolve, reject })),
  };
}

const flush = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('FlowKeepAlive (RFC 5626 §4.4)', () => {
  it('probes every interval (jittered down to 80 %) and keeps going while answers come', async () => {
    const clock = new ManualClock();
    const p = probes();
    const dead: string[] = [];
    const ka = new FlowKeepAlive({
      clock,
      probe: p.probe,
      onDead: (r) => dead.push(r),
      intervalMs: 10_000,
      timeoutMs: 5_000,
      random: () => 0,
    });
    ka.start();
    clock.advance(7_999);
    expect(p.pending).toHaveLength(0);
    clock.advance(1); // 80 % of 10 s with random() = 0
    expect(p.pending).toHaveLength(1);
    p.pending[0]!.resolve();
    await flush();
    clock.advance(8_000);
    expect(p.pending).toHaveLength(2);
    p.pending[1]!.resolve();
    await flush();
    for (let i = 0; i < 6; i++) {
      clock.advance(10_000);
      p.pending.at(-1)!.resolve();
      await flush();
    }
    expect(dead).toEqual([]);
    expect(ka.running).toBe(true);
    expect(ka.sent).toBeGreaterThanOrEqual(3);
  });

  it('declares the flow dead once when a probe is not answered within the timeout, then stops', async () => {
    const clock = new ManualClock();
    const p = probes();
    const dead: string[] = [];
    const ka = new FlowKeepAlive({
      clock,
      probe: p.probe,
      onDead: (r) => dead.push(r),
      intervalMs: 10_000,
      timeoutMs: 5_000,
      random: () => 1,
    });
    ka.start();
    clock.advance(10_000);
    expect(p.pending).toHaveLength(1);
    clock.advance(4_999);
    expect(dead).toEqual([]);
    clock.advance(1);
    expect(dead).toEqual(['no answer to a keep-alive within 5000 ms']);
    expect(ka.running).toBe(false);
    // a late answer changes nothing, and nothing more is sent
    p.pending[0]!.resolve();
    await flush();
    clock.advance(60_000);
    expect(p.pending).toHaveLength(1);
    expect(dead).toHaveLength(1);
  });

  it('a probe that cannot be sent is a dead flow too', async () => {
    const clock = new ManualClock();
    const dead: string[] = [];
    const ka = new FlowKeepAlive({
      clock,
      probe: () => Promise.reject(new Error('transport not connected')),
      onDead: (r) => dead.push(r),
      intervalMs: 1_000,
      timeoutMs: 1_000,
    });
    ka.start();
    clock.advance(1_000);
    await flush();
    expect(dead).toEqual(['keep-alive not sent: transport not connected']);
  });

  it('stop() abandons the probe in flight; start() begins a new round', async () => {
    const clock = new ManualClock();
    const p = probes();
    const dead: string[] = [];
    const ka = new FlowKeepAlive({
      clock,
      probe: p.probe,
      onDead: (r) => dead.push(r),
      intervalMs: 1_000,
      timeoutMs: 1_000,
      random: () => 1,
    });
    ka.start();
    clock.advance(1_000);
    ka.stop();
    clock.advance(10_000);
    expect(dead).toEqual([]);
    expect(clock.pending).toBe(0);
    ka.start();
    clock.advance(1_000);
    expect(p.pending).toHaveLength(2);
  });

  it('refuses nonsensical timings', () => {
    const clock = new ManualClock();
    expect(
      () => new FlowKeepAlive({ clock, probe: async () => undefined, onDead: () => undefined, intervalMs: 0 }),
    ).toThrow(RangeError);
  });
});
