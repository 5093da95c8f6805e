/**
 * Calls through a SIP trunk (issue #12 item 3), real UC server + Kamailio; the
 * carrier is a raw SIP endpoint on 127.0.0.2 (tests/support/sip-carrier.ts):
 * - an app user's call to an external number leaves with the Request-URI in the
 *   trunk's number format, From and P-Asserted-Identity = the user's DID (never
 *   the extension), answering the carrier's digest challenge; the carrier's
 *   answer reaches the caller;
 * - emergency numbers go out first, even over an internal user of that number,
 *   and from a user without a DID;
 * - a user without an outside number, or no trunk at all: a clear refusal;
 * - the carrier's call to a DID rings the mapped user, caller shown external in
 *   +E.164; an unknown DID is 404; a source that is not the trunk reaches nobody.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../../server/src/features/accounts';
import {
  addDid,
  addTrunk,
  readDialPlanSettings,
  removeTrunk,
  writeDialPlanSettings,
} from '../../../server/src/features/trunks';
import type { Call } from '../../../src-main/core/features/calls/sip/call';
import { CallState } from '../../../src-main/core/features/calls/sip/call-state';
import { BaresipClient } from '../../support/baresip-client';
import { createPhone, sleep, waitFor, type TestPhone } from '../../support/engine-harness';
import { SipCarrier } from '../../support/sip-carrier';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

const credentials = { username: 'switchboard-trunk', password: 'Carrier-Secret-1', realm: 'carrier.example' };

describe('SIP trunk', () => {
  let stack: UcStack;
  let carrier: SipCarrier;
  let stranger: SipCarrier;
  let alice: TestPhone;
  let bruno: TestPhone;
  const aliceCalls: Call[] = [];

  const db = () => {
    const ctx = stack.ctx;
    if (!ctx) throw new Error('server stopped');
    return ctx.db;
  };

  /** Dials from `phone` and waits for the call to end (the carrier never answers 200). */
  const dialOut = async (phone: TestPhone, target: string): Promise<Call> => {
    const before = carrier.invites.length;
    const call = phone.engine.dial(target);
    await waitFor('call over', () => call.state === CallState.Terminated, 15_000);
    return Object.assign(call, { invitesBefore: before });
  };

  beforeAll(async () => {
    stack = await startUcStack({ withVoicemail: false });
    carrier = await SipCarrier.start({ credentials });
    stranger = await SipCarrier.start({ host: '127.0.0.3' });
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
    await addDid(db(), { did: '+33 1 23 45 67 89', account: '100' }, await readDialPlanSettings(db()), Date.now());
    // an internal user whose number is also an emergency number
    await createAccount(stack.ctx!, { number: '112', displayName: 'Salle 112', password: 'Init-112xy!' });
    const k = { wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain, users: await stack.sipUsers() };
    alice = createPhone(k, '100');
    bruno = createPhone(k, '101');
    for (const p of [alice, bruno]) expect((await p.engine.start()).status).toBe('registered');
    alice.engine.onDidReceiveCall((c) => {
      aliceCalls.push(c);
      void c.reject('busy').catch(() => undefined);
    });
    bruno.engine.onDidReceiveCall((c) => void c.reject('busy').catch(() => undefined));
  });

  afterAll(async () => {
    if (process.env.SB_TRUNK_LOG) console.log(stack.kamailio.process.logTail?.(200));
    for (const p of [alice, bruno]) await p?.dispose();
    carrier?.close();
    stranger?.close();
    await stack?.stop();
  });

  it('sends a call to an external number out through the trunk as the user DID, with digest auth', async () => {
    const call = await dialOut(alice, '+33612345678');
    const invites = carrier.invites.filter((i) => i.header('Call-ID') === carrier.invites.at(-1)?.header('Call-ID'));
    // challenged once, then answered with the trunk's credentials
    expect(invites.map((i) => i.authenticated)).toEqual([false, true]);
    const invite = invites[1]!;
    expect(invite.requestUri).toBe(`sip:0612345678@${carrier.host}:${carrier.port}`);
    expect(invite.header('From')).toMatch(new RegExp(`<sip:0123456789@${carrier.host.replaceAll('.', '\\.')}>`));
    expect(invite.header('P-Asserted-Identity')).toBe(`<sip:0123456789@${carrier.host}>`);
    // the extension never leaves: not in From, PAI or anywhere in the headers
    expect(invite.text.split('\r\n\r\n')[0]).not.toMatch(/sip:100@/);
    expect(Number(invite.header('CSeq')?.split(' ')[0])).toBeGreaterThan(
      Number(invites[0]!.header('CSeq')?.split(' ')[0]),
    );
    // the carrier's answer reaches the caller
    expect(call.endReason).toBe('busy');
    // both offers (challenged branch, authenticated branch) were bridged; the refusal ends the bridge
    for (let i = 0; (await stack.kamailio.rtpengine.callIds()).length > 0; i++) {
      if (i > 50) throw new Error('rtpengine kept the refused call');
      await sleep(100);
    }
  });

  it('reads the outside prefix and national numbers the same way', async () => {
    for (const dialed of ['00612345678', '0612345678']) {
      await dialOut(alice, dialed);
      expect(carrier.invites.at(-1)!.requestUri).toBe(`sip:0612345678@${carrier.host}:${carrier.port}`);
    }
  });

  it('sends 112 straight out, over an internal user numbered 112 and from a user without a DID', async () => {
    const call = await dialOut(bruno, '112');
    const invite = carrier.invites.at(-1)!;
    expect(invite.authenticated).toBe(true);
    expect(invite.requestUri).toBe(`sip:112@${carrier.host}:${carrier.port}`);
    expect(invite.header('From')).not.toMatch(/sip:101@/);
    expect(call.endReason).toBe('busy');
    await dialOut(alice, '0112');
    expect(carrier.invites.at(-1)!.requestUri).toBe(`sip:112@${carrier.host}:${carrier.port}`);
    // an internal call still reaches the internal user
    const before = carrier.invites.length;
    const internal = await dialOut(alice, '101');
    expect(carrier.invites.length).toBe(before);
    expect(internal.endReason).toBe('busy');
  });

  it('sends 112 dialed on a desk phone (baresip over UDP) straight out through the trunk', async () => {
    const deskPhone = await BaresipClient.start({
      user: '101',
      password: await stack.sipPasswordOf('101'),
      domain: stack.kamailio.domain,
      proxy: { host: '127.0.0.1', udpPort: stack.kamailio.process.udpPort },
    });
    try {
      const before = carrier.invites.length;
      await deskPhone.command('dial', `sip:112@${stack.kamailio.domain}`);
      await waitFor('112 at the carrier', () => carrier.invites.slice(before).some((i) => i.authenticated), 10_000);
      const invite = carrier.invites.slice(before).find((i) => i.authenticated)!;
      expect(invite.requestUri).toBe(`sip:112@${carrier.host}:${carrier.port}`);
      expect(invite.text.split('\r\n\r\n')[0]).not.toMatch(/sip:101@/);
      await deskPhone.waitForEvent('the carrier answer reaches the phone', (e) => e.type === 'CALL_CLOSED');
    } finally {
      await deskPhone.stop();
    }
  });

  it('rings a colleague dialed by their public number (DID) without a trip through the carrier', async () => {
    aliceCalls.length = 0;
    const before = carrier.invites.length;
    const call = await dialOut(bruno, '0123456789');
    expect(carrier.invites.length).toBe(before);
    expect(aliceCalls).toHaveLength(1);
    expect(aliceCalls[0]!.external).toBe(false);
    expect(call.endReason).toBe('busy');
  });

  it('refuses an external call from a user without an outside number, and says why', async () => {
    const before = carrier.invites.length;
    const call = await dialOut(bruno, '+33612345678');
    expect(carrier.invites.length).toBe(before);
    expect(call.endReason).toBe('no-outside-line');
  });

  it('rings the user of a DID for the carrier, with the caller in +E.164 shown as external', async () => {
    aliceCalls.length = 0;
    const callId = carrier.callIn(stack.kamailio.process.udpPort, '0123456789', '0698765432');
    await waitFor('Alice rings', () => aliceCalls.length === 1, 10_000);
    expect(aliceCalls[0]!.peer).toBe('+33698765432');
    expect(aliceCalls[0]!.external).toBe(true);
    await waitFor('carrier told busy', () => carrier.responsesOf(callId).some((r) => r.includes(' 486 ')), 10_000);
  });

  it('answers 404 to the carrier for an unknown DID, and lets no other source reach a DID', async () => {
    aliceCalls.length = 0;
    const unknown = carrier.callIn(stack.kamailio.process.udpPort, '0199999999', '0698765432');
    await waitFor('404', () => carrier.responsesOf(unknown).some((r) => r.includes(' 404 ')), 10_000);
    const foreign = stranger.callIn(stack.kamailio.process.udpPort, '0123456789', '0698765432');
    await waitFor('refused', () => stranger.responsesOf(foreign).some((r) => / [4-6]\d\d /.test(r)), 10_000);
    expect(aliceCalls).toHaveLength(0);
  });

  it('refuses external calls clearly when no trunk is configured', async () => {
    expect(await removeTrunk(db(), 'carrier')).toBe(true);
    const before = carrier.invites.length;
    const call = await dialOut(alice, '+33612345678');
    expect(carrier.invites.length).toBe(before);
    expect(call.endReason).toBe('no-outside-line');
  });
});
