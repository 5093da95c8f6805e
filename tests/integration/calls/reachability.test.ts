/**
 * A phone must stay reachable (issue #8): against a real Kamailio, every way
 * a registration can silently die is noticed within seconds, shown as not
 * registered, and repaired without user action — and callers get an honest
 * answer meanwhile.
 *
 * - a flow that goes silent (half-open TCP) → the client's keep-alive notices, reconnects, re-registers;
 * - the binding removed at the registrar → the reg event (RFC 3680) says so at once, the client registers again;
 * - a client that stops answering → Kamailio's contact keep-alive (usrloc ka_mode) drops it: callers get 480;
 * - a colleague with no device → 480 "not reachable"; a number that is nobody's → 404.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKamailio, type KamailioFixture } from '../../support/kamailio-fixture';
import { createPhone, waitFor, type TestPhone } from '../../support/engine-harness';
import { FreezableTcpProxy } from '../../support/freezable-tcp-proxy';
import type { Call } from '../../../src-main/core/features/calls/sip/call';
import { CallState } from '../../../src-main/core/features/calls/sip/call-state';
import type { RegistrationState } from '../../../src-main/core/features/calls/sip/sip-engine';

/** Fast timers so the test sees in seconds what a user would see in tens of seconds. */
const FAST_KEEPALIVE = { intervalMs: 1_000, timeoutMs: 1_000 };
const FAST_BACKOFF = { baseMs: 100, capMs: 500, minMs: 50 };

describe('reachability: registrations never silently drop', () => {
  let k: KamailioFixture;
  let proxy: FreezableTcpProxy;
  const phones: TestPhone[] = [];

  const phone = (number: string, overrides: Parameters<typeof createPhone>[2] = {}): TestPhone => {
    const p = createPhone(k, number, { keepAlive: FAST_KEEPALIVE, backoff: FAST_BACKOFF, ...overrides });
    phones.push(p);
    return p;
  };

  const kamcmd = (...args: string[]): string =>
    execFileSync('kamcmd', ['-s', `unix:${k.process.ctlSocket}`, ...args], { encoding: 'utf8' });

  /** Places a call from `from` to `number` and resolves with how it ended up: rang at `to`, or the failure reason. */
  async function callOutcome(from: TestPhone, number: string, to?: TestPhone): Promise<string> {
    let rang = false;
    const off = to?.engine.onDidReceiveCall((c) => {
      rang = true;
      void c.reject('busy').catch(() => undefined);
    });
    const call: Call = from.engine.dial(number);
    try {
      await waitFor(`call to ${number} to ring or end`, () => rang || call.state === CallState.Terminated, 15_000);
      if (rang) return 'rang';
      return call.endReason ?? 'ended';
    } finally {
      off?.();
      if (call.state !== CallState.Terminated) await call.hangup().catch(() => undefined);
      await waitFor('call ended', () => call.state === CallState.Terminated, 10_000);
    }
  }

  beforeAll(async () => {
    k = await startKamailio({ contactKeepAlive: { intervalS: 1, timeoutS: 3 } });
    const port = Number(new URL(k.wsUrl).port);
    proxy = await FreezableTcpProxy.start({ host: '127.0.0.1', port });
  });

  afterAll(async () => {
    for (const p of phones) await p.dispose();
    await proxy?.close();
    await k?.stop();
  });

  it('a flow that goes silent is found dead by the keep-alive within seconds, and the phone reconnects and rings again', async () => {
    const caller = phone('100');
    const callee = phone('101', { wsUrl: `ws://127.0.0.1:${proxy.port}` });
    expect((await caller.engine.start()).status).toBe('registered');
    expect((await callee.engine.start()).status).toBe('registered');
    const seen: RegistrationState[] = [];
    callee.engine.onDidChangeRegistration((s) => seen.push(s));
    expect(await callOutcome(caller, '101', callee)).toBe('rang');

    const frozenAt = Date.now();
    proxy.freeze();
    await waitFor('callee no longer registered', () => callee.engine.registration.status !== 'registered', 5_000);
    const noticedMs = Date.now() - frozenAt;
    expect(noticedMs).toBeLessThan(3_500); // interval (≤ 1 s) + timeout (1 s) + slack
    expect(seen.find((s) => s.status === 'unreachable')?.issue).toBe('keep-alive-timeout');

    await waitFor('callee registered again', () => callee.engine.registration.status === 'registered', 10_000);
    expect(callee.engine.registrationCounters.keepAliveFailures).toBe(1);
    expect(proxy.accepted).toBe(2); // a new connection, not the frozen one
    expect(await callOutcome(caller, '101', callee)).toBe('rang');
    console.log(`[reachability] silent flow noticed after ${noticedMs} ms, registered again on a new connection`);
    await callee.engine.stop();
    await caller.engine.stop();
  });

  it('a binding removed at the registrar shows as not registered at once and is registered again', async () => {
    const caller = phone('102');
    const callee = phone('103');
    expect((await caller.engine.start()).status).toBe('registered');
    expect((await callee.engine.start()).status).toBe('registered');
    // the reg event subscription is up and has seen our contact active
    await waitFor('reg event NOTIFY received', () => kamcmd('ul.dump').includes('103'), 5_000);
    const seen: RegistrationState[] = [];
    callee.engine.onDidChangeRegistration((s) => seen.push(s));
    await new Promise((r) => setTimeout(r, 500));

    kamcmd('ul.rm', 'location', 's:103');
    await waitFor('callee told its binding is gone', () => seen.some((s) => s.status === 'unreachable'), 3_000);
    expect(seen.find((s) => s.status === 'unreachable')?.issue).toBe('binding-removed');
    await waitFor('callee registered again', () => callee.engine.registration.status === 'registered', 5_000);
    expect(callee.engine.registrationCounters.bindingLosses).toBe(1);
    expect(await callOutcome(caller, '103', callee)).toBe('rang');
    await callee.engine.stop();
    await caller.engine.stop();
  });

  it('a client that stops answering is dropped by the proxy: callers hear "not reachable", not a call ringing into the void', async () => {
    const caller = phone('104');
    // no keep-alive of its own: it models a client that froze with its socket open
    const frozen = phone('105', { wsUrl: `ws://127.0.0.1:${proxy.port}`, keepAlive: false });
    expect((await caller.engine.start()).status).toBe('registered');
    expect((await frozen.engine.start()).status).toBe('registered');
    // frozen for good: its socket stays open and silent, and it opens no new one (a client that
    // reconnected on a fresh connection would be reachable again, which is another test's story)
    proxy.refuseNew = true;
    proxy.freeze();
    const frozenAt = Date.now();
    // usrloc pings every 1 s; a contact silent for 3 s gets 10 s of grace, then lookups skip it
    // true once no live binding of 105 is left: the AoR is gone, or each of its contacts says
    // "expired"/"deleted" or a non-positive count (ul.dump prints words, not numbers, once expired)
    const contactGivenUp = (): boolean => {
      const dump = kamcmd('ul.dump');
      const start = dump.search(/AoR: 105\b/);
      if (start < 0) return true;
      const next = dump.indexOf('AoR:', start + 4);
      const block = dump.slice(start, next < 0 ? undefined : next);
      const left = [...block.matchAll(/Expires: (\S+)/g)].map((m) => m[1]);
      return left.every((v) => v === 'expired' || v === 'deleted' || Number(v) <= 0);
    };
    try {
      await waitFor('contact given up by the proxy', contactGivenUp, 40_000, 250);
    } catch (error) {
      console.log(`[reachability] ul.dump when giving up:\n${kamcmd('ul.dump')}`);
      throw error;
    }
    expect(await callOutcome(caller, '105')).toBe('unavailable');
    console.log(`[reachability] a frozen client was dropped by the proxy after ${Date.now() - frozenAt} ms`);
    proxy.refuseNew = false;
    await frozen.engine.stop();
    await caller.engine.stop();
  });

  it('a colleague with no registered device is "not reachable" (480), an unknown number "not found" (404)', async () => {
    const caller = phone('100');
    expect((await caller.engine.start()).status).toBe('registered');
    expect(await callOutcome(caller, '101')).toBe('unavailable');
    expect(await callOutcome(caller, '999')).toBe('not-found');
    await caller.engine.stop();
  });
});
