/**
 * Conference bench (issue #14): join time (dial → the service's 200 OK, and → the first audio
 * from the room), the mouth-to-ear delay through the mixer (two phones play a looped speech
 * clip; the lag between what one sends and what the other hears is found by cross-correlating
 * loudness envelopes), and Janus' CPU with 16 participants in one room and with 4 rooms of 4, over
 * 10 s of every participant sending a tone (werift phones over WebSocket, the real stack). The
 * phones and the conference service's relay run in this Node process: its CPU is printed too,
 * as a whole. A figure, never a pass/fail.
 *
 *   npx tsx tests/tools/with-test-tls.ts tests/bench/conference-bench.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { conferenceSchema } from '../../src-preload/contract/conferences';
import { CallState } from '../../src-main/core/features/calls/sip/call-state';
import type { DemoUser } from '../../server/src/features/accounts/demo-users';
import { bestLoopedCorrelation, readWav, rmsEnvelope, type PcmAudio } from '../support/audio-envelope';
import { createPhone, sleep, waitFor, type TestPhone } from '../support/engine-harness';
import { loginAccessToken } from '../support/login-access-token';
import { makeSpeechWav } from '../support/speech-wav';
import { startUcStack, type UcStack } from '../support/uc-stack-fixture';
import { WeriftMediaHost } from '../support/werift-media-host';

const USERS: DemoUser[] = Array.from({ length: 16 }, (_, i) => ({
  number: String(200 + i),
  password: `Welcome${200 + i}!`,
  displayName: `Bench ${200 + i}`,
}));
const MEASURE_MS = 10_000;
/** One envelope window per 20 ms RTP frame, so a lag in windows is a lag in frames. */
const FRAME_MS = 20;
const DELAY_RUNS = 5;
const DELAY_RECORD_MS = 4_000;

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

/**
 * Mouth-to-ear delay through the mixer, in ms, one figure per run. The speaker's werift host sends
 * frame `tx % N` of the looped clip as its `tx`-th packet, so when the listener's recording starts
 * the speaker is at frame `tx`; the recording's envelope best matches the clip shifted by `lag`
 * frames, the frame the listener was hearing then: the delay is `(tx - lag) mod N` frames
 * (unambiguous while it stays below the clip's length, a few seconds).
 */
async function measureMouthToEar(
  speaker: TestPhone,
  listener: TestPhone,
  joinUri: string,
  reference: number[],
): Promise<number[]> {
  const speakerCall = speaker.engine.dial(joinUri);
  const listenerCall = listener.engine.dial(joinUri);
  const out: number[] = [];
  try {
    await waitFor(
      'both in the room',
      () => speakerCall.state === CallState.Established && listenerCall.state === CallState.Established,
      15_000,
      2,
    );
    const heard = (): number => listener.media.stats(listenerCall.mediaSessionId!)?.rxLoudPackets ?? 0;
    await waitFor('the listener hears the speaker', () => heard() > 25, 15_000, 2);
    for (let run = 0; run < DELAY_RUNS; run++) {
      listener.media.takeReceivedAudio(listenerCall.mediaSessionId!);
      const tx = speaker.media.stats(speakerCall.mediaSessionId!)!.txAudioPackets;
      await sleep(DELAY_RECORD_MS);
      const received: PcmAudio = listener.media.takeReceivedAudio(listenerCall.mediaSessionId!);
      const { correlation, lag } = bestLoopedCorrelation(rmsEnvelope(received, FRAME_MS), reference);
      if (correlation < 0.6) {
        console.log(`conference mouth-to-ear: run ${run} skipped (envelope correlation ${correlation.toFixed(2)})`);
        continue;
      }
      const n = reference.length;
      out.push(((((tx - lag) % n) + n) % n) * FRAME_MS);
    }
  } finally {
    await speakerCall.hangup().catch(() => undefined);
    await listenerCall.hangup().catch(() => undefined);
  }
  return out;
}

export async function runConferenceBench(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'sb-confbench-'));
  const speechFile = join(work, 'speech-8k.wav');
  execFileSync('sox', [makeSpeechWav(join(work, 'speech.wav')), '-r', '8000', '-c', '1', '-b', '16', speechFile]);
  const speech = readWav(speechFile);
  const stack = await startUcStack({ users: USERS, withVoicemail: false, withConferences: true });
  const phones: TestPhone[] = [];
  try {
    const sip = { users: await stack.sipUsers(), wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain };
    for (const [i, u] of USERS.entries()) {
      // the first two play the speech clip (mouth-to-ear figure), the others the werift tone
      const phone = createPhone(sip, u.number, {}, new WeriftMediaHost(i < 2 ? { speech: speech.samples } : {}));
      phones.push(phone);
      await phone.engine.start();
    }
    const tokens = await Promise.all(USERS.map((u) => loginAccessToken(stack.apiUrl, u.number, u.password)));
    const pairUri = await createRoom(stack, tokens[0]!, [USERS[1]!.number]);
    const delays = await measureMouthToEar(phones[0]!, phones[1]!, pairUri, rmsEnvelope(speech, FRAME_MS));
    await sleep(2_000);
    console.log(
      `conference mouth-to-ear (app → conference relay → Janus mixer → relay → app, loopback): ` +
        (delays.length === 0
          ? 'no figure (the envelopes never matched)'
          : `median ${median(delays).toFixed(0)} ms, min ${Math.min(...delays)} ms, max ${Math.max(...delays)} ms over ${delays.length} runs (±${FRAME_MS} ms)`),
    );
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
    rmSync(work, { recursive: true, force: true });
  }
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
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
