/**
 * Forwarding to an external number through the SIP trunk (issue #12 items 3
 * and 6), real UC server + Kamailio; the carrier is a raw SIP endpoint on
 * 127.0.0.2 (tests/support/sip-carrier.ts) that challenges (digest) and then
 * answers busy. For an immediate forward (decided in the request route), a
 * forward on no answer (decided in the failure route) and the "mobile" target,
 * the carrier gets the number in the trunk's format, the forwarding user's DID
 * as caller ID (From and P-Asserted-Identity) and as diverting party with the
 * reason (Diversion, RFC 5806), and no internal extension in any header.
 */
import type { Invitation } from 'sip.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultForwardingRules, type ForwardingRules } from '../../../src-preload/contract/forwarding';
import { updateAccount } from '../../../server/src/features/accounts';
import { addDid, addTrunk, readDialPlanSettings, writeDialPlanSettings } from '../../../server/src/features/trunks';
import type { Call } from '../../../src-main/core/features/calls/sip/call';
import { CallState } from '../../../src-main/core/features/calls/sip/call-state';
import { createPhone, waitFor, type TestPhone } from '../../support/engine-harness';
import { loginAccessToken } from '../../support/login-access-token';
import { SipCarrier, type CarrierInvite } from '../../support/sip-carrier';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

const credentials = { username: 'switchboard-trunk', password: 'Carrier-Secret-1', realm: 'carrier.example' };
/** Bruno's (101) DID, national format of the trunk: 0123456790; Alice's (100): 0123456789 */
const BRUNO_DID = '0123456790';

describe('forwarding through the trunk', () => {
  let stack: UcStack;
  let carrier: SipCarrier;
  let alice: TestPhone;
  let bruno: TestPhone;
  let brunoToken: string;
  const brunoCalls: Call[] = [];

  const db = () => {
    const ctx = stack.ctx;
    if (!ctx) throw new Error('server stopped');
    return ctx.db;
  };

  const putRules = async (change: (r: ForwardingRules) => void): Promise<void> => {
    const r = defaultForwardingRules('UTC');
    change(r);
    const res = await fetch(`${stack.apiUrl}/me/forwarding`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${brunoToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(r),
    });
    expect(res.status, await res.clone().text()).toBe(200);
  };

  /** Alice calls 101; returns the authenticated INVITE the carrier got for that call. */
  const callBrunoOut = async (
    timeoutMs: number,
  ): Promise<{ call: Call; invite: CarrierInvite; all: CarrierInvite[] }> => {
    const before = carrier.invites.length;
    const call = alice.engine.dial('101');
    await waitFor('call over', () => call.state === CallState.Terminated, timeoutMs);
    const all = carrier.invites.slice(before);
    const invite = all.find((i) => i.authenticated);
    if (!invite) throw new Error(`no authenticated INVITE at the carrier (${all.length} INVITEs)`);
    return { call, invite, all };
  };

  /** The carrier sees the DID, the reason, and never an internal extension. */
  const expectForwardedAsBruno = (invite: CarrierInvite, number: string, reason: string): void => {
    const host = carrier.host.replaceAll('.', '\\.');
    expect(invite.requestUri).toBe(`sip:${number}@${carrier.host}:${carrier.port}`);
    expect(invite.header('From')).toMatch(new RegExp(`<sip:${BRUNO_DID}@${host}>`));
    const head = invite.text.split('\r\n\r\n')[0]!;
    const pais = head.split('\r\n').filter((l) => /^P-Asserted-Identity:/i.test(l));
    expect(pais).toEqual([`P-Asserted-Identity: <sip:${BRUNO_DID}@${carrier.host}>`]);
    const diversion = invite.header('Diversion') ?? '';
    expect(diversion).toMatch(new RegExp(`<sip:${BRUNO_DID}@${host}>`));
    expect(diversion).toMatch(new RegExp(`;\\s*reason=${reason}`));
    // neither the caller's nor the forwarding user's extension leaves, in any header
    expect(head).not.toMatch(/sip:10[01]@/);
    expect(head).not.toMatch(/<sip:10[01]@/);
  };

  beforeAll(async () => {
    stack = await startUcStack({ withVoicemail: false });
    carrier = await SipCarrier.start({ credentials });
    await writeDialPlanSettings(db(), { outsidePrefix: '0', country: 'FR' });
    await addTrunk(
      db(),
      {
        name: 'carrier',
        address: `${carrier.host}:${carrier.port}`,
        username: credentials.username,
        password: credentials.password,
        sources: [carrier.host],
        numberFormat: 'national',
      },
      Date.now(),
    );
    const plan = await readDialPlanSettings(db());
    await addDid(db(), { did: '+33 1 23 45 67 89', account: '100' }, plan, Date.now());
    await addDid(db(), { did: '+33 1 23 45 67 90', account: '101' }, plan, Date.now());
    await updateAccount(stack.ctx!, '101', { mobile: '+33 7 11 22 33 44' });
    const k = { wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain, users: await stack.sipUsers() };
    alice = createPhone(k, '100');
    bruno = createPhone(k, '101');
    for (const p of [alice, bruno]) expect((await p.engine.start()).status).toBe('registered');
    // Bruno's app rings and is never answered
    bruno.engine.onDidReceiveCall((c) => brunoCalls.push(c));
    brunoToken = await loginAccessToken(stack.apiUrl, '101', 'Welcome101!');
  });

  afterAll(async () => {
    if (process.env.SB_TRUNK_LOG) console.log(stack.kamailio.process.logTail?.(300));
    for (const p of [alice, bruno]) await p?.dispose();
    carrier?.close();
    await stack?.stop();
  });

  beforeEach(() => {
    brunoCalls.length = 0;
  });

  it('immediate to an external number: out through the trunk as the forwarding user, reason unconditional', async () => {
    await putRules(
      (r) => (r.immediate = { enabled: true, target: { kind: 'number', number: '+33612345678' }, window: null }),
    );
    const { call, invite, all } = await callBrunoOut(15_000);
    expect(all.map((i) => i.authenticated)).toEqual([false, true]);
    expectForwardedAsBruno(invite, '0612345678', 'unconditional');
    expect(brunoCalls).toHaveLength(0);
    // the carrier's answer reaches the caller
    expect(call.endReason).toBe('busy');
  });

  it('immediate to the mobile: the mobile number in the trunk format', async () => {
    await putRules((r) => (r.immediate = { enabled: true, target: { kind: 'mobile' }, window: null }));
    const { invite } = await callBrunoOut(15_000);
    expectForwardedAsBruno(invite, '0711223344', 'unconditional');
  });

  it('on no answer after 10 s (failure route): out through the trunk, reason no-answer', async () => {
    await putRules(
      (r) => (r.noAnswer = { enabled: true, target: { kind: 'number', number: '0612345678' }, seconds: 10 }),
    );
    const { call, invite, all } = await callBrunoOut(30_000);
    // Bruno's app rang first, with his caller's identity asserted as usual
    expect(brunoCalls).toHaveLength(1);
    expect((brunoCalls[0]!.session as Invitation).request.getHeader('P-Asserted-Identity')).toMatch(/<sip:100@/);
    expect(all.map((i) => i.authenticated)).toEqual([false, true]);
    expectForwardedAsBruno(invite, '0612345678', 'no-answer');
    expect(call.endReason).toBe('busy');
  });

  it('a carrier call to the DID forwarded out again shows the DID, not the outside caller', async () => {
    await putRules((r) => (r.immediate = { enabled: true, target: { kind: 'mobile' }, window: null }));
    const before = carrier.invites.length;
    const callId = carrier.callIn(stack.kamailio.process.udpPort, BRUNO_DID, '0698765432');
    await waitFor(
      'forwarded INVITE at the carrier',
      () => carrier.invites.slice(before).some((i) => i.authenticated),
      10_000,
    );
    const invite = carrier.invites.slice(before).find((i) => i.authenticated)!;
    expectForwardedAsBruno(invite, '0711223344', 'unconditional');
    expect(invite.header('Call-ID')).not.toBe(undefined);
    await waitFor('carrier told busy', () => carrier.responsesOf(callId).some((r) => r.includes(' 486 ')), 10_000);
  });
});
