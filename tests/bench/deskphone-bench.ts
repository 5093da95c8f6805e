/**
 * Desk phone bench (issue #12): a plain SIP phone (baresip over UDP, G.711 RTP/AVP) calls an app
 * user (a real SipEngine whose werift media host speaks ICE + DTLS-SRTP, answering as soon as it
 * rings) through Kamailio and rtpengine, the real UC stack. Figures, never a pass/fail:
 *
 *  1. call setup desk phone -> app user: the phone's `dial` until the phone has the 200 OK
 *     (CALL_ESTABLISHED) — Kamailio, rtpengine's offer and answer, the app's ICE gathering.
 *  2. rtpengine CPU per bridged call: utime + stime of the rtpengine process (/proc/<pid>/stat,
 *     all its threads) over a window of audio flowing both ways (50 packets/s each way, the DTLS-SRTP
 *     side encrypted), as a share of one core and as CPU ms per call-second.
 *
 *   npx tsx tests/tools/with-test-tls.ts tests/bench/deskphone-bench.ts   (BENCH_DESKPHONE_RUNS=20)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeSpeechWav } from '../support/speech-wav';
import type { Call } from '../../src-main/core/features/calls/sip/call';
import { CallState } from '../../src-main/core/features/calls/sip/call-state';
import { BaresipClient } from '../support/baresip-client';
import { createPhone, sleep, waitFor } from '../support/engine-harness';
import { startUcStack } from '../support/uc-stack-fixture';
import { figure, type PopupBenchFigure } from './popup-bench';

/** Linux clock ticks per second of /proc/<pid>/stat (sysconf(_SC_CLK_TCK), 100 on every Linux we run). */
const CLK_TCK = 100;
const MEDIA_WINDOW_MS = 3_000;

/** Result of {@link runDeskphoneBench}. */
export interface DeskphoneBenchResult {
  setup: PopupBenchFigure;
  /** rtpengine's CPU per bridged call, in % of one core (all media windows together) */
  cpuPercentPerCall: number;
  runs: number;
}

/** CPU time (ms) the process used so far: utime + stime of /proc/<pid>/stat. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime is field 14, stime field 15
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

export async function runDeskphoneBench(
  runs = Number(process.env['BENCH_DESKPHONE_RUNS'] ?? 20),
): Promise<DeskphoneBenchResult> {
  if (!Number.isInteger(runs) || runs < 20) throw new Error('runDeskphoneBench needs at least 20 calls');
  // the phone's microphone: speech at 8 kHz (ausine only plays at 48 kHz, G.711 needs 8 kHz)
  const work = mkdtempSync(join(tmpdir(), 'sb-bench-desk-'));
  const speech = join(work, 'speech-8k-x40.wav');
  execFileSync('sox', [
    makeSpeechWav(join(work, 'speech.wav')),
    '-r',
    '8000',
    '-c',
    '1',
    '-b',
    '16',
    speech,
    'repeat',
    '39',
  ]);
  const stack = await startUcStack({ withVoicemail: false });
  let desk: BaresipClient | undefined;
  const app = createPhone(
    { users: await stack.sipUsers(), wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain },
    stack.users[0]!.number,
  );
  try {
    const incoming: Call[] = [];
    app.engine.onDidReceiveCall((call) => {
      incoming.push(call);
      void call.answer();
    });
    if ((await app.engine.start()).status !== 'registered') throw new Error('the app did not register');
    const phoneUser = stack.users[1]!.number;
    desk = await BaresipClient.start({
      user: phoneUser,
      password: await stack.sipPasswordOf(phoneUser),
      domain: stack.kamailio.domain,
      proxy: { host: '127.0.0.1', udpPort: stack.kamailio.process.udpPort },
      audio: { wav: speech },
    });
    const pid = stack.kamailio.rtpengine.pid;
    if (pid === undefined) throw new Error('rtpengine is not running');
    const setups: number[] = [];
    const cpuPercents: number[] = [];
    let cpuTotalMs = 0;
    let wallTotalMs = 0;
    const warmup = 2;
    for (let i = 0; i < runs + warmup; i++) {
      const established = desk.events.filter((e) => e.type === 'CALL_ESTABLISHED').length;
      const closed = desk.events.filter((e) => e.type === 'CALL_CLOSED').length;
      const t0 = performance.now();
      await desk.command('dial', `sip:${stack.users[0]!.number}@${stack.kamailio.domain}`);
      await desk.waitForEvent(
        'the phone connected',
        () => desk!.events.filter((e) => e.type === 'CALL_ESTABLISHED').length > established,
      );
      const setup = performance.now() - t0;
      const call = incoming.at(-1)!;
      await waitFor('the app connected', () => call.state === CallState.Established);
      await waitFor(
        `audio at the app (call ${i + 1})`,
        () => (app.media.stats(call.mediaSessionId!)?.rxAudioPackets ?? 0) > 10,
        10_000,
        50,
        () => JSON.stringify(app.media.stats(call.mediaSessionId!)) + '\n' + stack.kamailio.rtpengine.logTail(30),
      );
      const cpu0 = cpuMs(pid);
      const w0 = performance.now();
      await sleep(MEDIA_WINDOW_MS);
      const cpu1 = cpuMs(pid);
      const wall = performance.now() - w0;
      await call.hangup();
      await desk.waitForEvent(
        'the phone hung up',
        () => desk!.events.filter((e) => e.type === 'CALL_CLOSED').length > closed,
      );
      if (i >= warmup) {
        setups.push(setup);
        cpuPercents.push(((cpu1 - cpu0) / wall) * 100);
        cpuTotalMs += cpu1 - cpu0;
        wallTotalMs += wall;
      }
      await sleep(200);
    }
    const setup = figure(setups);
    const cpu = figure(cpuPercents);
    // over all windows: finer than one window's 10 ms ticks
    const overall = (cpuTotalMs / wallTotalMs) * 100;
    console.log(
      `${'call setup desk phone -> app user (dial -> 200 OK)'.padEnd(52)} median ${setup.median.toFixed(1)} ms  p95 ${setup.p95.toFixed(1)} ms  min ${setup.min.toFixed(1)}  max ${setup.max.toFixed(1)}  n=${runs}`,
    );
    console.log(
      `${'rtpengine CPU per bridged call (G.711 <-> DTLS-SRTP)'.padEnd(52)} ${overall.toFixed(2)} % of a core = ${((overall / 100) * 1000).toFixed(1)} CPU ms per call-second over ${(wallTotalMs / 1000).toFixed(0)} s of calls (per call: median ${cpu.median.toFixed(2)} %, p95 ${cpu.p95.toFixed(2)} %; ${MEDIA_WINDOW_MS / 1000} s windows, /proc tick ${1000 / CLK_TCK} ms)  n=${runs}`,
    );
    return { setup, cpuPercentPerCall: overall, runs };
  } finally {
    await desk?.stop();
    await app.dispose();
    await stack.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  runDeskphoneBench().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
