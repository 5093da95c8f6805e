/**
 * `npm run bench`: prints the speed figures of issue #2 against a local
 * Kamailio (started here on random 127.0.0.1 ports). Figures, never a pass/
 * fail: medians (and p95) over >= 20 runs.
 *
 *  1. transport open -> registered: SipEngine.start() (WebSocket connect +
 *     REGISTER with digest challenge) until `registered`.
 *  2. INVITE -> established: the caller's calls.dial until its call is
 *     `established`, callee answering as soon as it rings (auto-answer), with
 *     real WebRTC offer/answer in Chromium on both sides. Stricter than the
 *     name: it also counts creating the offer before the INVITE leaves.
 *  3. answer -> first audio packet: callee's calls.answer until the caller's
 *     media host sees the first inbound RTP audio (getStats polled every 20 ms).
 *     Next to it the peer (issue #17): a plain sip.js page with the stock
 *     Web.SessionDescriptionHandler (peer-sipjs-bench.ts), same Kamailio and
 *     users, and the ratio; plus one typical peer call's timeline.
 *  4. web-shell cold start -> usable dial field: spawning `start-web-shell`
 *     until the dial field is enabled in Chromium after logging in.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import type { CallView, EventChannel, EventPayloads } from '../../src-preload/contract/ipc-contract';
import { FakeMediaHost } from '../support/fake-media-host';
import type { AppCore } from '../../src-main/core/app/app-core';
import { composeAppCore } from '../../src-main/core/app/compose-app-core';
import { SipEngine } from '../../src-main/core/features/calls/sip/sip-engine';
import { startWebShell } from '../../src-main/web-shell/web-shell-server';
import { getFreePort } from '../../server/stack/free-port';
import { startUcStack, type UcStack } from '../support/uc-stack-fixture';
import { runFavoritesBench } from './favorites-bench';
import { benchPeerCalls, formatTimeline, servePeerPage } from './peer-sipjs-bench';
import { runHotkeyBench } from './hotkey-bench';
import { runPopupBench } from './popup-bench';
import { runPresenceBench } from './presence-bench';
import { runConferenceBench } from './conference-bench';
import { runConversationsBench } from './conversations-bench';
import { runDeflectBench } from './deflect-bench';
import { runDeskphoneBench } from './deskphone-bench';
import { runLampsBench } from './lamps-bench';
import { runTrunkBench } from './trunk-bench';
import { runSearchBench } from './search-bench';
import { runSyncBench } from './sync-bench';
import { launchChromium } from '../support/chromium';
import { makeSpeechWav } from '../support/speech-wav';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5);
const REPO = fileURLToPath(new URL('../../', import.meta.url));

function stats(values: number[]): { median: number; p95: number; min: number; max: number } {
  const s = [...values].sort((x, y) => x - y);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  return { median: at(0.5), p95: at(0.95), min: s[0]!, max: s[s.length - 1]! };
}

function report(name: string, values: number[], target?: number): void {
  const { median, p95, min, max } = stats(values);
  const goal = target === undefined ? '' : `  (target <= ${target} ms: ${median <= target ? 'met' : 'NOT met'})`;
  console.log(
    `${name.padEnd(44)} median ${median.toFixed(0).padStart(5)} ms  p95 ${p95.toFixed(0).padStart(5)} ms  min ${min.toFixed(0)}  max ${max.toFixed(0)}  n=${values.length}${goal}`,
  );
}

function waitFor<T>(what: string, ms: number, subscribe: (done: (value: T) => void) => () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
    }, ms);
    const off = subscribe((value) => {
      clearTimeout(timer);
      off();
      resolve(value);
    });
  });
}

// No media in the registration bench: every request fails.
const noMedia = new FakeMediaHost();
noMedia.connected = false;

async function benchRegistration(stack: UcStack): Promise<number[]> {
  const k = stack.kamailio;
  const user = stack.users[4]!;
  // SIP registers with the account's provisioned secret, not its password (issue #10)
  const sipPassword = await stack.sipPasswordOf(user.number);
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const engine = new SipEngine({
      wsUrl: k.wsUrl,
      domain: k.domain,
      user: user.number,
      password: sipPassword,
      mediaHost: noMedia,
      iceServers: [],
    });
    const t0 = performance.now();
    const state = await engine.start();
    const t1 = performance.now();
    await engine.stop();
    if (state.status !== 'registered') throw new Error(`registration ${i} ended ${state.status}`);
    out.push(t1 - t0);
  }
  return out;
}

function onEvent<E extends EventChannel>(
  core: AppCore,
  channel: E,
  listener: (p: EventPayloads[E]) => void,
): () => void {
  return core.onEvent(({ channel: c, payload }) => {
    if ((c as EventChannel) === channel) listener(payload as unknown as EventPayloads[E]);
  });
}

async function benchCalls(k: UcStack, browser: Browser): Promise<{ established: number[]; firstAudio: number[] }> {
  const server = k.serverAddress;
  const dirs: string[] = [];
  const shells = [];
  for (const user of [k.users[0]!, k.users[1]!]) {
    const dataDir = mkdtempSync(join(tmpdir(), 'sb-bench-'));
    dirs.push(dataDir);
    const shell = await startWebShell({
      port: 0,
      createBackend: (mediaHost) => composeAppCore({ dataDir, mediaHost }),
    });
    const page = await (await browser.newContext()).newPage();
    await page.goto(shell.url);
    await shell.backend.invoke('session.login', { server, user: user.number, password: user.password });
    await page.getByTestId('dial-input').waitFor({ state: 'visible', timeout: 15_000 });
    shells.push(shell);
  }
  const [a, b] = shells as [(typeof shells)[0], (typeof shells)[0]];
  const established: number[] = [];
  const firstAudio: number[] = [];
  let answeredAt = 0;
  const offAnswer = onEvent(b.backend, 'calls.onDidChange', (calls: CallView[]) => {
    const ringing = calls.find((c) => c.state === 'ringing-in');
    if (ringing && answeredAt === 0) {
      answeredAt = performance.now();
      void b.backend.invoke('calls.answer', { callId: ringing.id });
    }
  });
  try {
    for (let i = 0; i < RUNS; i++) {
      answeredAt = 0;
      const estab = waitFor<number>('established', 10_000, (done) =>
        onEvent(a.backend, 'calls.onDidChange', (calls) => {
          if (calls.some((c) => c.state === 'established')) done(performance.now());
        }),
      );
      const audio = waitFor<number>('first audio', 10_000, (done) =>
        a.mediaHost.onEvent('firstAudio', () => done(performance.now())),
      );
      const t0 = performance.now();
      const { callId } = await a.backend.invoke('calls.dial', { target: '101' });
      established.push((await estab) - t0);
      firstAudio.push((await audio) - answeredAt);
      const ended = waitFor<void>('call end', 10_000, (done) =>
        onEvent(b.backend, 'calls.onDidChange', (calls) => {
          if (!calls.some((c) => c.state !== 'terminated')) done();
        }),
      );
      await a.backend.invoke('calls.hangup', { callId });
      await ended;
      await new Promise((r) => setTimeout(r, 300));
    }
  } finally {
    offAnswer();
    for (const s of shells) await s.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
  return { established, firstAudio };
}

async function benchColdStart(k: UcStack, browser: Browser): Promise<number[]> {
  const server = k.serverAddress;
  const out: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const port = await getFreePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'sb-cold-'));
    const t0 = performance.now();
    const child = spawn(
      join(REPO, 'node_modules/.bin/tsx'),
      ['src-main/web-shell/start-web-shell.ts', '--port', String(port), '--data-dir', dataDir],
      {
        cwd: REPO,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    try {
      const url = await waitFor<string>('web shell URL', 20_000, (done) => {
        const onData = (chunk: Buffer) => {
          const m = /(http:\/\/127\.0\.0\.1:\d+\/#k=[\w-]+)/.exec(chunk.toString());
          if (m) done(m[1]!);
        };
        child.stdout!.on('data', onData);
        return () => child.stdout!.off('data', onData);
      });
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url);
      await page.getByTestId('login-user').fill('100');
      await page.getByTestId('login-password').fill('Welcome100!');
      await page.getByTestId('login-server').fill(server);
      await page.getByTestId('login-submit').click();
      await page.waitForSelector('[data-testid="dial-input"]:not([disabled])', { timeout: 15_000 });
      out.push(performance.now() - t0);
      await context.close();
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return out;
}

/** Which parts run: env BENCH_ONLY=calls,popup,deflect,search,sync,hotkey,favorites,lamps,presence,trunk,conversations,deskphone,conferences (default all). */
const ONLY = new Set(
  (
    process.env.BENCH_ONLY ??
    'calls,popup,deflect,search,sync,hotkey,favorites,lamps,presence,trunk,conversations,deskphone,conferences'
  )
    .split(',')
    .map((x) => x.trim()),
);

async function benchCallFigures(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'sb-bench-'));
  const peerPage = await servePeerPage();
  const stack = await startUcStack({ wsAllowedOrigins: [peerPage.origin] });
  const browser = await launchChromium({ fakeAudioWav: makeSpeechWav(join(work, 'speech.wav')) });
  try {
    console.log(
      `calls: UC server ${stack.apiUrl}, Kamailio ${stack.kamailio.wsUrl}, ${RUNS} runs per call figure, ${COLD_RUNS} cold starts`,
    );
    report('transport open -> registered', await benchRegistration(stack));
    const calls = await benchCalls(stack, browser);
    report('INVITE -> established (dial -> established)', calls.established, 250);
    // the peer (issue #17): a plain sip.js page, same Kamailio, same users, same definition
    const peer = await benchPeerCalls(peerPage, stack, browser, RUNS);
    report('  peer: plain sip.js page, same figure', peer.established);
    const ours = stats(calls.established);
    const theirs = stats(peer.established);
    console.log(
      `  ratio Switchboard / peer: median ${(ours.median / theirs.median).toFixed(2)}  p95 ${(ours.p95 / theirs.p95).toFixed(2)} (<= 1.00 is the goal)`,
    );
    console.log("  peer, one typical call (ms after dial, on the caller's clock):");
    console.log(formatTimeline('caller', peer.typical.caller));
    console.log(formatTimeline('callee', peer.typical.callee));
    report('answer -> first audio packet', calls.firstAudio, 300);
    report('web-shell cold start -> usable dial field', await benchColdStart(stack, browser));
  } finally {
    await browser.close();
    await stack.stop();
    await peerPage.close();
    rmSync(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(`Switchboard bench (${new Date().toISOString()})\n`);
  if (ONLY.has('calls')) await benchCallFigures();
  if (ONLY.has('popup')) {
    console.log('');
    await runPopupBench();
  }
  if (ONLY.has('deflect')) {
    console.log('');
    await runDeflectBench();
  }
  if (ONLY.has('hotkey')) {
    console.log('');
    await runHotkeyBench();
  }
  if (ONLY.has('sync')) {
    console.log('');
    await runSyncBench({ entries: 100_000, changes: 30, pageLimit: 5000 });
  }
  if (ONLY.has('search')) {
    console.log('');
    await runSearchBench();
  }
  if (ONLY.has('favorites')) {
    console.log('');
    await runFavoritesBench();
  }
  if (ONLY.has('lamps')) {
    console.log('');
    await runLampsBench();
  }
  if (ONLY.has('presence')) {
    console.log('');
    await runPresenceBench();
  }
  if (ONLY.has('trunk')) {
    console.log('');
    await runTrunkBench();
  }
  if (ONLY.has('conversations')) {
    console.log('');
    await runConversationsBench();
  }
  if (ONLY.has('deskphone')) {
    console.log('');
    await runDeskphoneBench();
  }
  if (ONLY.has('conferences')) {
    console.log('');
    await runConferenceBench();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error('bench failed:', err instanceof Error ? err.stack : err);
    process.exit(1);
  },
);
