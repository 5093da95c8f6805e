/**
 * Registration against a real Kamailio: wrong credentials stop retrying,
 * an unreachable server is retried, and a Kamailio crash + restart is
 * survived without user action (both engines re-register by themselves).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKamailio, type KamailioFixture } from '../../support/kamailio-fixture';
import { createPhone, registerCount, sleep, waitFor, type TestPhone } from '../../support/engine-harness';
import type { RegistrationState } from '../../../src-main/core/features/calls/sip/sip-engine';

describe('SIP registration', () => {
  let k: KamailioFixture;
  const phones: TestPhone[] = [];
  const phone = (...args: Parameters<typeof createPhone>): TestPhone => {
    const p = createPhone(...args);
    phones.push(p);
    return p;
  };

  beforeAll(async () => {
    k = await startKamailio();
  });

  afterAll(async () => {
    for (const p of phones) await p.dispose();
    await k?.stop();
  });

  it('registers and unregisters cleanly', async () => {
    const p = phone(k, '104');
    const states: string[] = [];
    p.engine.onDidChangeRegistration((s) => states.push(s.status));
    expect(await p.engine.start()).toEqual({ status: 'registered' });
    await p.engine.stop();
    expect(p.engine.registration.status).toBe('stopped');
    expect(states).toEqual(['connecting', 'registered', 'stopped']);
    // stop() sent an un-REGISTER (Expires 0 / expires=0 on the contact).
    const last = p.sent.filter((m) => m.startsWith('REGISTER ')).at(-1)!;
    expect(last).toMatch(/expires=0|Expires: 0/i);
  });

  it('reports auth-failed for a wrong password and does not retry', async () => {
    const p = phone(k, '105', { password: 'wrong-password', backoff: { baseMs: 100, capMs: 200 } });
    const r = await p.engine.start();
    expect(r.status).toBe('auth-failed');
    expect(r.detail).toMatch(/REGISTER 40[13]/);
    const count = registerCount(p.sent);
    // one unauthenticated REGISTER and one with credentials, nothing more
    expect(count).toBe(2);
    await sleep(1500); // many backoff periods of 100–200 ms
    expect(registerCount(p.sent)).toBe(count);
    expect(p.engine.registration.status).toBe('auth-failed');
  });

  it('retries an unreachable server with backoff and registers once it is up, then survives a crash and restart', async () => {
    const a = phone(k, '102', { backoff: { baseMs: 200, capMs: 1000 } });
    const b = phone(k, '103', { backoff: { baseMs: 200, capMs: 1000 } });
    const statuses = (): string =>
      `a: ${JSON.stringify(a.engine.registration)}, b: ${JSON.stringify(b.engine.registration)}`;

    // Server down before the first attempt.
    await k.kill();
    const seen: RegistrationState[] = [];
    a.engine.onDidChangeRegistration((s) => seen.push(s));
    const startedAt = Date.now();
    const first = await a.engine.start();
    expect(first.status).toBe('unreachable');
    expect(first.nextRetryAt).toBeGreaterThanOrEqual(startedAt);
    expect(first.nextRetryAt).toBeLessThanOrEqual(Date.now() + 1000);
    await sleep(800);
    expect(seen.filter((s) => s.status === 'unreachable').length).toBeGreaterThan(1); // it kept trying
    expect(a.engine.registration.status).toBe('unreachable');

    await k.restart();
    await waitFor(
      'a registered after server start',
      () => a.engine.registration.status === 'registered',
      10_000,
      50,
      statuses,
    );
    expect((await b.engine.start()).status).toBe('registered');

    // Crash: both notice, then both come back by themselves after the restart.
    await k.kill();
    await waitFor(
      'both unreachable',
      () => a.engine.registration.status === 'unreachable' && b.engine.registration.status === 'unreachable',
      10_000,
      50,
      statuses,
    );
    await sleep(500);
    await k.restart();
    await waitFor(
      'both registered again',
      () => a.engine.registration.status === 'registered' && b.engine.registration.status === 'registered',
      15_000,
      50,
      statuses,
    );

    // The registrations are real: a call goes through.
    const incoming: string[] = [];
    b.engine.onDidReceiveCall((c) => {
      incoming.push(c.peer);
      void c.reject('busy');
    });
    const call = a.engine.dial('103');
    await waitFor('call reached b', () => call.state === 'terminated', 10_000);
    expect(incoming).toEqual(['102']);
    expect(call.endReason).toBe('busy');
  });
});
