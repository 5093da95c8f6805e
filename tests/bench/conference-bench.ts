/**
 * Conference bench (issue #14): join time (dial → the service's 200 OK, and → the first audio
 * from the room), and Janus' CPU with 16 participants in one room and with 4 rooms of 4, over
 * 10 s of every participant sending a tone (werift phones over WebSocket, the real stack). The
 * phones and the conference service's relay run in this Node process: its CPU is printed too,
 * as a whole. A figure, never a pass/fail.
 *
 *   npx tsx tests/tools/with-test-tls.ts tests/bench/conference-bench.ts
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { conferenceSchema } from '../../src-preload/contract/conferences';
import { CallState } from '../../src-main/core/features/calls/sip/call-state';
import type { DemoUser } from '../../server/src/features/accounts/demo-users';
import { createPhone, sleep, waitFor, type TestPhone } from '../support/engine-harness';
import { loginAccessToken } from '../support/login-access-token';
import { startUcStack, type UcStack } from '../support/uc-stack-fixture';

const USERS: DemoUser[] = Array.from({ length: 16 }, (_, i) => ({
  number: String(200 + i),
  password: `Welcome${200 + i}!`,
  displayName: `Bench ${200 + i}`,
}));
const MEASURE_MS = 10_000;

/** CPU seconds (user + system) of a process so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function createRoom(stack: UcStack, token: string, numbers: string[]): Promise<string> {
  const res = await fetch(`${stack.apiUrl}/conferences`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: `Bench ${numbers[0]}`,
      participants: numbers.map((number) => ({ kind: 'internal', number })),
    }),
  });
  return conferenceSchema.parse(await res.json()).joinUri;
}

export async function runConferenceBench(): Promise<void> {
  const stack = await startUcStack({ users: USERS, withVoicemail: false, withConferences: true });
  const phones: TestPhone[] = [];
  try {
    const sip = { users: await stack.sipUsers(), wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain };
    for (const u of USERS) {
      const phone = createPhone(sip, u.number);
      phones.push(phone);
      await phone.engine.start();
    }
    const tokens = await Promise.all(USERS.map((u) => loginAccessToken(stack.apiUrl, u.number, u.password)));
    const janusPid = stack.conferences!.janus.pid!;
    for (const layout of [[16], [4, 4, 4, 4]]) {
      const answered: number[] = [];
      const heard: number[] = [];
      const calls = [];
      let first = 0;
      for (const size of layout) {
        const members = phones.slice(first, first + size);
        const joinUri = await createRoom(
          stack,
          tokens[first]!,
          USERS.slice(first + 1, first + size).map((u) => u.number),
        );
        for (const phone of members) {
          const started = performance.now();
          const call = phone.engine.dial(joinUri);
          await waitFor('answered', () => call.state === CallState.Established, 15_000, 2);
          answered.push(performance.now() - started);
          await waitFor('audio', () => (phone.media.stats(call.mediaSessionId!)?.rxAudioPackets ?? 0) > 0, 15_000, 2);
          heard.push(performance.now() - started);
          calls.push(call);
        }
        first += size;
      }
      await sleep(2_000);
      const janus0 = cpuSeconds(janusPid);
      const node0 = process.cpuUsage();
      await sleep(MEASURE_MS);
      const janusCpu = (cpuSeconds(janusPid) - janus0) / (MEASURE_MS / 1000);
      const node = process.cpuUsage(node0);
      const nodeCpu = (node.user + node.system) / 1e6 / (MEASURE_MS / 1000);
      const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const p95 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1]!;
      console.log(
        `conference ${layout.length === 1 ? '1 room of 16' : '4 rooms of 4'}: join → answered median ${median(answered).toFixed(0)} ms p95 ${p95(answered).toFixed(0)} ms; ` +
          `join → first audio median ${median(heard).toFixed(0)} ms p95 ${p95(heard).toFixed(0)} ms; ` +
          `Janus CPU ${(janusCpu * 100).toFixed(1)} % of a core; this process (16 werift phones + the service's relay) ${(nodeCpu * 100).toFixed(1)} %`,
      );
      for (const call of calls) await call.hangup().catch(() => undefined);
      await sleep(2_000);
    }
  } finally {
    for (const phone of phones) await phone.dispose().catch(() => undefined);
    await stack.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  runConferenceBench().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
