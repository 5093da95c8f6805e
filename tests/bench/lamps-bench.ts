/**
 * Busy-lamp bench (issue #11, SPEC B4): a caller dials (INVITE sent) → the
 * callee rings → Kamailio publishes its dialog state, forwards it to the UC
 * server (route[LAMPS_FORWARD], 50 ms drain) → the server announces
 * `others-presence-changed` on a watcher's live-events socket → the watcher
 * re-reads GET /presence and gets `ringing-internal`. Real UC stack, werift
 * SIP clients. A figure, never a pass/fail; target p95 ≤ 1 s (we aim at 300 ms).
 *
 *   npx tsx tests/tools/with-test-tls.ts tests/bench/lamps-bench.ts      (BENCH_LAMPS_RUNS=30)
 */
import { fileURLToPath } from 'node:url';
import type { PresenceOf } from '../../src-preload/contract/presence';
import type { Call } from '../../src-main/core/features/calls/sip/call';
import { createPhone, sleep, waitFor } from '../support/engine-harness';
import { loginAccessToken } from '../support/login-access-token';
import { openLiveEvents } from '../support/open-live-events';
import { startUcStack } from '../support/uc-stack-fixture';
import { figure, type PopupBenchFigure } from './popup-bench';

const TARGET_P95_MS = 1_000;

export async function runLampsBench(runs = Number(process.env['BENCH_LAMPS_RUNS'] ?? 30)): Promise<PopupBenchFigure> {
  if (!Number.isInteger(runs) || runs < 20) throw new Error('runLampsBench needs at least 20 calls');
  const stack = await startUcStack({ withVoicemail: false });
  const k = { wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain, users: await stack.sipUsers() };
  const callee = createPhone(k, '100');
  const caller = createPhone(k, '102');
  let ringing: Call | undefined;
  try {
    for (const phone of [callee, caller]) {
      if ((await phone.engine.start()).status !== 'registered') throw new Error('a bench phone did not register');
    }
    callee.engine.onDidReceiveCall((call) => (ringing = call));
    const token = await loginAccessToken(stack.apiUrl, '101', 'Welcome101!');
    const watcher = await openLiveEvents(stack.apiUrl, token);
    const lineOfCallee = async (): Promise<PresenceOf['line']> => {
      const res = await fetch(`${stack.apiUrl}/presence?accounts=100`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return ((await res.json()) as { presences: PresenceOf[] }).presences[0]?.line;
    };
    const announced = (): number =>
      watcher.events.filter((e) => e.type === 'others-presence-changed' && e.numbers.includes('100')).length;
    const samples: number[] = [];
    const warmup = 2;
    for (let i = 0; i < runs + warmup; i++) {
      for (let tries = 0; (await lineOfCallee()) !== 'idle'; tries++) {
        if (tries > 100) throw new Error('the callee never went back to idle');
        await sleep(50);
      }
      ringing = undefined;
      let seen = announced();
      const dialedAt = performance.now();
      const call = caller.engine.dial('100');
      // the watcher does what a client does: on each announcement, re-read GET /presence
      let lampAt: number | undefined;
      const deadline = dialedAt + 10_000;
      while (lampAt === undefined) {
        if (performance.now() > deadline) throw new Error('the lamp never showed ringing');
        if (announced() > seen) {
          seen = announced();
          if ((await lineOfCallee()) === 'ringing-internal') lampAt = performance.now();
        } else {
          await sleep(2);
        }
      }
      if (i >= warmup) samples.push(lampAt - dialedAt);
      await waitFor('callee rings', () => ringing !== undefined, 10_000);
      await call.hangup();
      await sleep(100);
    }
    watcher.close();
    const result = figure(samples);
    console.log(
      `${'lamp: INVITE sent -> watcher reads ringing'.padEnd(48)} median ${result.median.toFixed(1)} ms  p95 ${result.p95.toFixed(1)} ms  min ${result.min.toFixed(1)}  max ${result.max.toFixed(1)}  n=${runs}  (target p95 <= ${TARGET_P95_MS} ms: ${result.p95 <= TARGET_P95_MS ? 'met' : 'NOT met'})`,
    );
    return result;
  } finally {
    await callee.dispose();
    await caller.dispose();
    await stack.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  runLampsBench().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
