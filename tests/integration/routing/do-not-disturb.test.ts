/**
 * Do not disturb works (issue #8, SPEC B1/B2): a call to a user in DND rings
 * none of their devices and goes to their voicemail — or is refused busy when
 * the voicemail service is not there — and the caller is told why (181 with
 * Diversion reason=do-not-disturb, RFC 5806). Through the real UC server
 * (presence, the call-routing endpoint) and Kamailio (route[CALL_ROUTING]).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_ROUTE_PATH } from '../../../server/src/features/routing/routing-routes';
import { routingSecretOf } from '../../../server/src/features/routing/call-routing';
import { CallState } from '../../../src-main/core/features/calls/sip/call-state';
import { journalResultFor } from '../../../src-main/core/features/calls/journal/journal-result';
import type { Call } from '../../../src-main/core/features/calls/sip/call';
import { createPhone, sleep, waitFor, type TestPhone } from '../../support/engine-harness';
import { loginAccessToken } from '../../support/login-access-token';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

describe('do not disturb', () => {
  let stack: UcStack;
  let alice: TestPhone;
  let brunoDesk: TestPhone;
  let brunoLaptop: TestPhone;
  let brunoToken: string;
  let rings = 0;

  const setPresence = async (state: string): Promise<void> => {
    const res = await fetch(`${stack.apiUrl}/me/presence`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${brunoToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ state }),
    });
    expect(res.status).toBe(200);
  };

  /** Alice calls 101; resolves with the call once it is answered or over. */
  const callBruno = async (): Promise<Call> => {
    const call = alice.engine.dial('101');
    await waitFor(
      'call answered or over',
      () => call.state === CallState.Established || call.state === CallState.Terminated,
      15_000,
    );
    return call;
  };

  beforeAll(async () => {
    stack = await startUcStack();
    const k = { wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain, users: await stack.sipUsers() };
    alice = createPhone(k, '100');
    brunoDesk = createPhone(k, '101');
    brunoLaptop = createPhone(k, '101');
    for (const p of [alice, brunoDesk, brunoLaptop]) expect((await p.engine.start()).status).toBe('registered');
    for (const p of [brunoDesk, brunoLaptop]) {
      p.engine.onDidReceiveCall((c) => {
        rings += 1;
        void c.reject('busy').catch(() => undefined);
      });
    }
    brunoToken = await loginAccessToken(stack.apiUrl, '101', 'Welcome101!');
  });

  afterAll(async () => {
    for (const p of [alice, brunoDesk, brunoLaptop]) await p?.dispose();
    await stack?.stop();
  });

  it('rings every device of a user who is not in DND', async () => {
    await setPresence('office');
    rings = 0;
    const call = alice.engine.dial('101');
    await waitFor('both devices ring', () => rings === 2, 10_000);
    await waitFor('call over', () => call.state === CallState.Terminated, 10_000);
  });

  it('sends a call to a user in DND to voicemail without ringing any device, and tells the caller why', async () => {
    await setPresence('dnd');
    rings = 0;
    const call = await callBruno();
    expect(call.state).toBe(CallState.Established);
    // answered by the voicemail service, not by a device of Bruno, and the caller knows why
    expect(call.answeredByVoicemail).toBe(true);
    expect(call.divertedBecause).toBe('do-not-disturb');
    expect(journalResultFor('outgoing', call.answeredAt, 'local-hangup', true, call.divertedBecause)).toEqual({
      result: 'answered',
      reason: 'do-not-disturb',
    });
    await sleep(500);
    expect(rings).toBe(0);
    await call.hangup();
    await waitFor('hung up', () => call.state === CallState.Terminated, 10_000);
  });

  it('only Kamailio may ask for call routes', async () => {
    const url = `${stack.apiUrl}${CALL_ROUTE_PATH}?callee=101`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { 'x-uc-routing-secret': 'guess' } })).status).toBe(401);
    const ok = await fetch(url, { headers: { 'x-uc-routing-secret': routingSecretOf(stack.ctx!.config) } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ action: 'voicemail', reason: 'do-not-disturb' });
  });

  it('refuses the call busy when the voicemail service is not registered', async () => {
    await setPresence('dnd');
    const health = stack.ctx!.agents.list().find((a) => a.name === 'voicemail');
    expect(health?.status).toBe('registered');
    // what GET /health would show with Kamailio unreachable for the service
    stack.ctx!.agents.register('voicemail', () => ({ ...health!, status: 'unreachable', issue: 'connection-lost' }));
    rings = 0;
    const call = await callBruno();
    expect(call.state).toBe(CallState.Terminated);
    expect(call.endReason).toBe('do-not-disturb');
    expect(rings).toBe(0);
  });
});
