/**
 * The reachability soak (issue #8): several clients stay registered through
 * the real stack — UC server, Kamailio, the voicemail service — for a long
 * time, and a caller rings each of them every `callIntervalMs`. A phone that
 * silently stops ringing shows up as a call that did not ring.
 *
 * Clients of two kinds, both real:
 * - web shell: the app's core (AppCore, its SipEngine) behind a web shell,
 *   with its page open in Debian's Chromium as the media host, logged in
 *   through the UC server like a user;
 * - werift: a bare SipEngine with the werift media host (as a desk phone
 *   would be: a second, independent device of the network).
 * The voicemail service is a target too: its mailbox must answer every round.
 *
 * `scaled` shrinks every timer that keeps a registration alive (REGISTER
 * expiry, the clients' and Kamailio's keep-alives), so a few minutes go
 * through as many refreshes and keep-alive rounds as hours would.
 */
import type { Browser } from 'playwright-core';
import { SipEngine, type SipEngineOptions } from '../../src-main/core/features/calls/sip/sip-engine';
import { CallState } from '../../src-main/core/features/calls/sip/call-state';
import type { Call } from '../../src-main/core/features/calls/sip/call';
import type { DemoUser } from '../../server/src/features/accounts/demo-users';
import { createPhone, sleep, waitFor, type TestPhone } from '../support/engine-harness';
import { launchChromium } from '../support/chromium';
import { startUcStack, type UcStack } from '../support/uc-stack-fixture';
import { openWebShellClient, type WebShellClient } from '../support/web-shell-client';

export interface SoakOptions {
  /** how long the clients stay registered, minutes */
  minutes: number;
  /** a call to each client every … ms (default 30 s) */
  callIntervalMs?: number;
  /** clients whose engine runs in the app's core behind a web shell + Chromium (default 2) */
  webClients?: number;
  /** bare SipEngines with werift media (default 2) */
  weriftClients?: number;
  /** shrink expiry and keep-alive timers (the short soak of `npm test`) */
  scaled?: boolean;
  /** progress lines (default console.log) */
  log?: (line: string) => void;
}

export interface ClientReport {
  name: string;
  kind: 'web-shell' | 'werift' | 'voicemail';
  placed: number;
  rang: number;
  /** REGISTER refreshes (the registrar kept the binding alive) */
  refreshes: number;
  /** REGISTERs that had to re-establish the binding after the first one (recoveries) */
  reRegistrations: number;
  reconnects: number;
  keepAliveFailures: number;
  bindingLosses: number;
  /** times the client's status left `registered` */
  dropouts: number;
  /** why calls did not ring, if any */
  failures: string[];
}

export interface SoakReport {
  minutes: number;
  rounds: number;
  clients: ClientReport[];
  /** calls that rang / calls placed, all clients */
  reachability: number;
}

/** Timers of the short soak: what takes 5 minutes and 10 s in production takes 20 s and 2 s here. */
const SCALED = {
  registerExpires: 20,
  keepAlive: { intervalMs: 2_000, timeoutMs: 2_000 },
  contactKeepAlive: { intervalS: 2, timeoutS: 6 },
};

interface SoakClient {
  report: ClientReport;
  engine: () => SipEngine | undefined;
  /** resolves true once the next incoming call rang here (it is then refused) */
  expectRing: () => { rang: () => boolean; dispose: () => void };
  close: () => Promise<void>;
}

function soakUsers(count: number): DemoUser[] {
  return Array.from({ length: count }, (_, i) => ({
    number: String(700 + i),
    password: `Soak-${700 + i}x`,
    displayName: i === 0 ? 'Soak caller' : `Soak client ${i}`,
    mustChangePassword: false,
  }));
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  const webCount = options.webClients ?? 2;
  const weriftCount = options.weriftClients ?? 2;
  const interval = options.callIntervalMs ?? 30_000;
  const scaled = options.scaled ?? false;
  const users = soakUsers(1 + webCount + weriftCount);
  const engineTimers: Partial<SipEngineOptions> = scaled
    ? { registerExpires: SCALED.registerExpires, keepAlive: SCALED.keepAlive }
    : {};

  let stack: UcStack | undefined;
  let browser: Browser | undefined;
  const clients: SoakClient[] = [];
  let caller: TestPhone | undefined;
  try {
    stack = await startUcStack({
      users,
      ...(scaled ? { contactKeepAlive: SCALED.contactKeepAlive } : {}),
      voicemail: {
        ...(scaled ? { keepAlive: SCALED.keepAlive, registerExpiresS: SCALED.registerExpires } : {}),
        // the soak hangs up during the greeting on purpose; only the agent's errors matter here
        logger: (level, message) => {
          if (level === 'error') log(`soak: ${message}`);
        },
      },
    });
    // plain SIP clients register with the provisioned SIP secrets, not the account passwords (issue #10)
    const k = { wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain, users: await stack.sipUsers() };
    caller = createPhone(k, users[0]!.number, engineTimers);
    if ((await caller.engine.start()).status !== 'registered') throw new Error('the soak caller could not register');

    if (webCount > 0) browser = await launchChromium();
    for (let i = 0; i < webCount; i++) {
      clients.push(await webShellClient(browser!, stack, users[1 + i]!, engineTimers));
    }
    for (let i = 0; i < weriftCount; i++) {
      clients.push(await weriftClient(k, users[1 + webCount + i]!, engineTimers));
    }
    const voicemail = voicemailTarget(users[1]!.number);
    const started = Date.now();
    let rounds = 0;
    log(
      `soak: ${webCount} web-shell + ${weriftCount} werift clients + voicemail, a call to each every ${interval / 1000} s for ${options.minutes} min${scaled ? ' (scaled timers)' : ''}`,
    );
    while (Date.now() - started < options.minutes * 60_000) {
      const roundStart = Date.now();
      rounds += 1;
      for (const client of clients) await ringOnce(caller, client);
      await reachVoicemail(caller, voicemail);
      const elapsed = Math.round((Date.now() - started) / 1000);
      const rang = [...clients.map((c) => c.report), voicemail]
        .map((r) => `${r.name} ${r.rang}/${r.placed}`)
        .join('  ');
      log(`soak: ${String(elapsed).padStart(5)} s  round ${rounds}  ${rang}`);
      const wait = interval - (Date.now() - roundStart);
      if (wait > 0) await sleep(wait);
    }
    for (const client of clients) fillCounters(client);
    const all = [...clients.map((c) => c.report), voicemail];
    const placed = all.reduce((n, r) => n + r.placed, 0);
    const rang = all.reduce((n, r) => n + r.rang, 0);
    const vmHealth = stack.ctx?.agents.list().find((a) => a.name === 'voicemail');
    if (vmHealth) {
      voicemail.refreshes = vmHealth.counters.refreshes;
      voicemail.reRegistrations = Math.max(0, vmHealth.counters.registrations - 1);
      voicemail.reconnects = vmHealth.counters.reconnects;
      voicemail.keepAliveFailures = vmHealth.counters.keepAliveFailures;
      voicemail.bindingLosses = vmHealth.counters.bindingLosses;
    }
    return { minutes: options.minutes, rounds, clients: all, reachability: placed === 0 ? 0 : rang / placed };
  } finally {
    for (const client of clients) await client.close().catch(() => undefined);
    await caller?.dispose().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await stack?.stop().catch(() => undefined);
  }
}

/** The report as a table, one line per client. */
export function formatSoakReport(report: SoakReport): string {
  const head =
    'client                 kind       rang/placed  refreshes  re-registrations  reconnects  keep-alive failures  binding losses  dropouts';
  const lines = report.clients.map((c) =>
    [
      c.name.padEnd(22),
      c.kind.padEnd(10),
      `${c.rang}/${c.placed}`.padStart(11),
      String(c.refreshes).padStart(10),
      String(c.reRegistrations).padStart(17),
      String(c.reconnects).padStart(11),
      String(c.keepAliveFailures).padStart(20),
      String(c.bindingLosses).padStart(15),
      String(c.dropouts).padStart(9),
    ].join(' '),
  );
  const failures = report.clients.flatMap((c) => c.failures.map((f) => `  ${c.name}: ${f}`));
  return [
    `soak: ${report.minutes} min, ${report.rounds} rounds, reachability ${(report.reachability * 100).toFixed(1)} % of calls rang`,
    head,
    ...lines,
    ...(failures.length ? ['calls that did not ring:', ...failures.slice(0, 20)] : []),
  ].join('\n');
}

// ------------------------------------------------------------ clients

function emptyReport(name: string, kind: ClientReport['kind']): ClientReport {
  return {
    name,
    kind,
    placed: 0,
    rang: 0,
    refreshes: 0,
    reRegistrations: 0,
    reconnects: 0,
    keepAliveFailures: 0,
    bindingLosses: 0,
    dropouts: 0,
    failures: [],
  };
}

function watchDropouts(engine: SipEngine, report: ClientReport): void {
  let registered = engine.registration.status === 'registered';
  engine.onDidChangeRegistration((s) => {
    // stopping at the end of the soak is not a dropout
    if (registered && s.status !== 'registered' && s.status !== 'stopped') report.dropouts += 1;
    registered = s.status === 'registered';
  });
}

function fillCounters(client: SoakClient): void {
  const counters = client.engine()?.registrationCounters;
  if (!counters) return;
  client.report.refreshes = counters.refreshes;
  client.report.reRegistrations = Math.max(0, counters.registrations - 1);
  client.report.reconnects = counters.reconnects;
  client.report.keepAliveFailures = counters.keepAliveFailures;
  client.report.bindingLosses = counters.bindingLosses;
}

async function webShellClient(
  browser: Browser,
  stack: UcStack,
  user: DemoUser,
  timers: Partial<SipEngineOptions>,
): Promise<SoakClient> {
  let engine: SipEngine | undefined;
  const report = emptyReport(`web ${user.number}`, 'web-shell');
  const client: WebShellClient = await openWebShellClient(browser, `soak-${user.number}`, {
    createEngine: (o) => {
      engine = new SipEngine({ ...o, ...timers });
      watchDropouts(engine, report);
      return engine;
    },
  });
  const state = await client.backend.invoke('session.login', {
    server: stack.serverAddress,
    user: user.number,
    password: user.password,
  });
  if (state.status !== 'registered') throw new Error(`soak client ${user.number} did not register: ${state.status}`);
  return {
    report,
    engine: () => engine,
    expectRing: () => {
      let rang = false;
      const off = client.backend.onEvent(({ channel, payload }) => {
        if (channel !== 'calls.onDidChange') return;
        for (const call of payload as Array<{ id: string; state: string; direction: string }>) {
          if (call.direction === 'incoming' && call.state === 'ringing-in' && !rang) {
            rang = true;
            void client.backend.invoke('calls.reject', { callId: call.id }).catch(() => undefined);
          }
        }
      });
      return { rang: () => rang, dispose: off };
    },
    close: () => client.close(),
  };
}

async function weriftClient(
  k: { wsUrl: string; domain: string; users: readonly DemoUser[] },
  user: DemoUser,
  timers: Partial<SipEngineOptions>,
): Promise<SoakClient> {
  const phone = createPhone(k, user.number, timers);
  const report = emptyReport(`werift ${user.number}`, 'werift');
  watchDropouts(phone.engine, report);
  if ((await phone.engine.start()).status !== 'registered')
    throw new Error(`soak client ${user.number} did not register`);
  return {
    report,
    engine: () => phone.engine,
    expectRing: () => {
      let rang = false;
      const off = phone.engine.onDidReceiveCall((call) => {
        rang = true;
        void call.reject('busy').catch(() => undefined);
      });
      return { rang: () => rang, dispose: off };
    },
    close: () => phone.dispose(),
  };
}

function voicemailTarget(mailbox: string): ClientReport & { mailbox: string } {
  return { ...emptyReport(`voicemail (vm${mailbox})`, 'voicemail'), mailbox };
}

// ------------------------------------------------------------ calls

const RING_TIMEOUT_MS = 10_000;

/** One call to `client`: counted as rung when its incoming call shows up within 10 s. */
async function ringOnce(caller: TestPhone, client: SoakClient): Promise<void> {
  const number = client.report.name.split(' ')[1]!;
  client.report.placed += 1;
  if (caller.engine.registration.status !== 'registered') {
    client.report.failures.push(`caller not registered (${caller.engine.registration.issue ?? ''})`);
    return;
  }
  const ring = client.expectRing();
  let call: Call | undefined;
  try {
    call = caller.engine.dial(number);
    const placed = call;
    await waitFor('ring', () => ring.rang() || placed.state === CallState.Terminated, RING_TIMEOUT_MS, 20).catch(
      () => undefined,
    );
    if (ring.rang()) client.report.rang += 1;
    else client.report.failures.push(`${new Date().toISOString()}: ${placed.endReason ?? 'no ring within 10 s'}`);
  } finally {
    ring.dispose();
    await endCall(call);
  }
}

/** One call to the voicemail service: counted when the mailbox answers (greeting playing). */
async function reachVoicemail(caller: TestPhone, target: ClientReport & { mailbox: string }): Promise<void> {
  target.placed += 1;
  if (caller.engine.registration.status !== 'registered') {
    target.failures.push('caller not registered');
    return;
  }
  let call: Call | undefined;
  try {
    call = caller.engine.dial(`vm${target.mailbox}`);
    const placed = call;
    await waitFor(
      'voicemail answers',
      () => placed.state === CallState.Established || placed.state === CallState.Terminated,
      RING_TIMEOUT_MS,
      20,
    ).catch(() => undefined);
    if (placed.state === CallState.Established) target.rang += 1;
    else target.failures.push(`${new Date().toISOString()}: ${placed.endReason ?? 'no answer within 10 s'}`);
  } finally {
    await endCall(call);
  }
}

async function endCall(call: Call | undefined): Promise<void> {
  if (!call) return;
  if (call.state !== CallState.Terminated) await call.hangup().catch(() => undefined);
  await waitFor('call ended', () => call.state === CallState.Terminated, 10_000, 20).catch(() => undefined);
}
