/**
 * Simultaneous ring of an external number (SPEC J3 "simultaneous ring", issue #12 item 6) through the
 * SIP trunk, real UC server + Kamailio + rtpengine: Bruno (101) has his mobile ring with his devices.
 * Alice (100, a WebRTC app) calls 101: Bruno's app rings AND the carrier (a real baresip on 127.0.0.2
 * behind the trunk, IP trust, plain RTP) gets the call — with Bruno's DID as caller and as diverting
 * party, never an extension. The carrier answering wins: Bruno's app stops ringing ("completed
 * elsewhere") and Alice hears the carrier. Bruno's app answering wins too: the carrier's leg is
 * cancelled.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultForwardingRules, type ForwardingRules } from '../../../src-preload/contract/forwarding';
import { addDid, addTrunk, readDialPlanSettings } from '../../../server/src/features/trunks';
import type { Call } from '../../../src-main/core/features/calls/sip/call';
import { CallState } from '../../../src-main/core/features/calls/sip/call-state';
import { BaresipClient, type BaresipEvent } from '../../support/baresip-client';
import { createPhone, waitFor, type TestPhone } from '../../support/engine-harness';
import { loginAccessToken } from '../../support/login-access-token';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

const MOBILE = '+33611223344';
/** Bruno's (101) DID; Alice's (100) is +33123456789 */
const BRUNO_DID = '+33123456790';

describe('simultaneous ring of an external number through the trunk', () => {
  let stack: UcStack;
  let carrier: BaresipClient;
  let alice: TestPhone;
  let bruno: TestPhone;
  const brunoCalls: Call[] = [];
  const seen = new Set<BaresipEvent>();

  const putRules = async (change: (r: ForwardingRules) => void): Promise<void> => {
    const token = await loginAccessToken(stack.apiUrl, '101', 'Welcome101!');
    const r = defaultForwardingRules('UTC');
    change(r);
    const res = await fetch(`${stack.apiUrl}/me/forwarding`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(r),
    });
    expect(res.status, await res.clone().text()).toBe(200);
  };

  /** Alice calls 101; waits until both Bruno's app and the carrier ring. */
  const callBruno = async (): Promise<{ call: Call; atBruno: Call }> => {
    const before = brunoCalls.length;
    const call = alice.engine.dial('101');
    seen.add(
      await carrier.waitForEvent('the carrier rings', (e) => e.type === 'CALL_INCOMING' && !seen.has(e), 15_000),
    );
    await waitFor('Bruno’s app rings', () => brunoCalls.length === before + 1, 10_000);
    const atBruno = brunoCalls.at(-1)!;
    expect(atBruno.state).toBe(CallState.RingingIn);
    return { call, atBruno };
  };

  beforeAll(async () => {
    stack = await startUcStack({ withVoicemail: false });
    carrier = await BaresipClient.start({
      // baresip 1.0 answers only calls to its own user: the number rung
      user: MOBILE,
      password: '',
      domain: '127.0.0.2',
      proxy: { host: '127.0.0.1', udpPort: stack.kamailio.process.udpPort },
      audio: { toneHz: 440 },
      address: '127.0.0.2',
      register: false,
      sipTrace: true,
    });
    const db = stack.ctx!.db;
    await addTrunk(
      db,
      { name: 'carrier', address: `127.0.0.2:${carrier.sipPort}`, sources: ['127.0.0.2'], numberFormat: 'e164' },
      Date.now(),
    );
    const plan = await readDialPlanSettings(db);
    await addDid(db, { did: '+33123456789', account: '100' }, plan, Date.now());
    await addDid(db, { did: BRUNO_DID, account: '101' }, plan, Date.now());
    const k = { wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain, users: await stack.sipUsers() };
    alice = createPhone(k, '100');
    bruno = createPhone(k, '101');
    for (const p of [alice, bruno]) expect((await p.engine.start()).status).toBe('registered');
    bruno.engine.onDidReceiveCall((c) => brunoCalls.push(c));
    await putRules((r) => (r.alsoRing = { enabled: true, number: MOBILE }));
  }, 60_000);

  afterAll(async () => {
    if (process.env.SB_TRUNK_LOG) console.log(stack.kamailio.process.logTail?.(300));
    await carrier?.stop();
    for (const p of [alice, bruno]) await p?.dispose();
    await stack?.stop();
  });

  beforeEach(() => {
    for (const e of carrier.events) seen.add(e);
  });

  it('both ring; the carrier answers and wins: the app stops ringing, the caller hears the carrier', async () => {
    const { call, atBruno } = await callBruno();
    // the carrier sees Bruno's DID as caller and as diverting party, no extension
    const invite = carrier
      .tracedSipMessages()
      .filter((m) => m.direction === 'received' && m.startLine.startsWith('INVITE '))
      .at(-1)!;
    expect(invite.startLine).toMatch(new RegExp(`^INVITE sip:\\${MOBILE}@127\\.0\\.0\\.2`));
    const header = (name: string): string[] =>
      invite.headers.filter((h) => h.toLowerCase().startsWith(`${name.toLowerCase()}:`));
    expect(header('From')[0]).toMatch(new RegExp(`<sip:\\${BRUNO_DID}@`));
    expect(header('P-Asserted-Identity')).toHaveLength(1);
    expect(header('P-Asserted-Identity')[0]).toMatch(new RegExp(`<sip:\\${BRUNO_DID}@`));
    expect(header('Diversion')[0]).toMatch(/;\s*reason=follow-me/);
    expect(invite.headers.join('\n')).not.toMatch(/sip:10[01]@/);

    await carrier.command('accept');
    await waitFor('the caller is connected', () => call.state === CallState.Established, 10_000);
    await waitFor('Bruno’s app stops ringing', () => atBruno.state === CallState.Terminated, 10_000);
    expect(atBruno.endReason).toBe('completed-elsewhere');
    await waitFor(
      'the carrier’s audio reaches the caller',
      () => (alice.media.stats(call.mediaSessionId!)?.rxAudioPackets ?? 0) > 25,
      10_000,
    );
    await call.hangup();
    seen.add(
      await carrier.waitForEvent('the carrier hangs up', (e) => e.type === 'CALL_CLOSED' && !seen.has(e), 10_000),
    );
  });

  it('both ring; the app answers and wins: the carrier’s leg is cancelled', async () => {
    const { call, atBruno } = await callBruno();
    await atBruno.answer();
    await waitFor('the caller is connected to Bruno', () => call.state === CallState.Established, 10_000);
    seen.add(
      await carrier.waitForEvent('the carrier stops ringing', (e) => e.type === 'CALL_CLOSED' && !seen.has(e), 10_000),
    );
    expect(call.state).toBe(CallState.Established);
    await call.hangup();
  });

  it('without the rule only the app rings', async () => {
    await putRules(() => undefined);
    const before = brunoCalls.length;
    const incomingBefore = carrier.events.filter((e) => e.type === 'CALL_INCOMING').length;
    const call = alice.engine.dial('101');
    await waitFor('Bruno’s app rings', () => brunoCalls.length === before + 1, 10_000);
    await brunoCalls.at(-1)!.answer();
    await waitFor('connected', () => call.state === CallState.Established, 10_000);
    expect(carrier.events.filter((e) => e.type === 'CALL_INCOMING').length).toBe(incomingBefore);
    await call.hangup();
  });
});
