/**
 * Deflect bench (issue #8): the callee presses "Voicemail" on a ringing call
 * (calls.deflectToVoicemail: a 302 to sip:vm<ext>, followed by Kamailio) →
 * the voicemail service answers the caller (the caller's call established),
 * and → the service's audio reaches the caller (ICE + DTLS done, greeting
 * playing). Two web shells in Debian's Chromium, the real UC stack. A figure,
 * never a pass/fail; target p95 ≤ 1 s.
 *
 *   npx tsx tests/bench/deflect-bench.ts      (BENCH_DEFLECT_RUNS=20; needs `npm run build:web`)
 */
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../support/chromium';
import { startUcStack } from '../support/uc-stack-fixture';
import { openWebShellClient, type WebShellClient } from '../support/web-shell-client';
import { figure, logInClients, waitForCalls, type PopupBenchFigure } from './popup-bench';

const TARGET_P95_MS = 1_000;

export async function runDeflectBench(
  runs = Number(process.env['BENCH_DEFLECT_RUNS'] ?? 20),
): Promise<PopupBenchFigure> {
  if (!Number.isInteger(runs) || runs < 20) throw new Error('runDeflectBench needs at least 20 calls');
  const stack = await startUcStack();
  const browser = await launchChromium();
  const clients: WebShellClient[] = [];
  try {
    const [callerUser, calleeUser] = [stack.users[0]!, stack.users[1]!];
    const caller = await openWebShellClient(browser, 'deflect-caller');
    const callee = await openWebShellClient(browser, 'deflect-callee');
    clients.push(caller, callee);
    await logInClients(stack, [
      [caller, callerUser],
      [callee, calleeUser],
    ]);
    const answered: number[] = [];
    const warmup = 2;
    for (let i = 0; i < runs + warmup; i++) {
      let ringingId = '';
      const ringing = waitForCalls(callee.backend, 10_000, (calls) => {
        ringingId = calls.find((c) => c.state === 'ringing-in')?.id ?? '';
        return ringingId !== '';
      });
      const { callId } = await caller.backend.invoke('calls.dial', { target: calleeUser.number });
      await ringing;
      const established = waitForCalls(caller.backend, 10_000, (calls) =>
        calls.some((c) => c.id === callId && c.state === 'established'),
      );
      const pressedAt = performance.now();
      await callee.backend.invoke('calls.deflectToVoicemail', { callId: ringingId });
      await established;
      if (i >= warmup) answered.push(performance.now() - pressedAt);
      const ended = waitForCalls(caller.backend, 10_000, (calls) => !calls.some((c) => c.state !== 'terminated'));
      await caller.backend.invoke('calls.hangup', { callId });
      await ended;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const result = figure(answered);
    console.log(
      `${'deflect to voicemail -> mailbox answers the caller'.padEnd(48)} median ${result.median.toFixed(1)} ms  p95 ${result.p95.toFixed(1)} ms  min ${result.min.toFixed(1)}  max ${result.max.toFixed(1)}  n=${runs}  (target p95 <= ${TARGET_P95_MS} ms: ${result.p95 <= TARGET_P95_MS ? 'met' : 'NOT met'})`,
    );
    return result;
  } finally {
    for (const client of clients) await client.close().catch(() => undefined);
    await browser.close();
    await stack.stop();
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  runDeflectBench().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
