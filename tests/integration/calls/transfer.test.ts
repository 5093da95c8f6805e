/**
 * Deflection (302 followed by Kamailio, SPEC F2) and blind transfer (REFER,
 * SPEC F3) between real SIP engines on a real Kamailio, media through werift.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Inviter, UserAgent, type Invitation } from 'sip.js';
import { startKamailio, type KamailioFixture } from '../../support/kamailio-fixture';
import { createPhone, sleep, waitFor, type TestPhone } from '../../support/engine-harness';
import type { Call } from '../../../src-main/core/features/calls/sip/call';
import { CallStateError } from '../../../src-main/core/features/calls/sip/call';

describe('deflect and blind transfer through Kamailio', () => {
  let k: KamailioFixture;
  let alice: TestPhone; // 100
  let bob: TestPhone; // 101
  let carol: TestPhone; // 102
  const incoming = new Map<string, Call[]>();

  beforeAll(async () => {
    k = await startKamailio();
    alice = createPhone(k, '100');
    bob = createPhone(k, '101');
    carol = createPhone(k, '102');
    for (const [name, phone] of [
      ['alice', alice],
      ['bob', bob],
      ['carol', carol],
    ] as const) {
      incoming.set(name, []);
      phone.engine.onDidReceiveCall((c) => incoming.get(name)!.push(c));
    }
    const states = await Promise.all([alice.engine.start(), bob.engine.start(), carol.engine.start()]);
    expect(states.map((s) => s.status)).toEqual(['registered', 'registered', 'registered']);
  });

  afterAll(async () => {
    await alice?.dispose();
    await bob?.dispose();
    await carol?.dispose();
    await k?.stop();
  });

  const rx = (p: TestPhone, c: Call): number => p.media.stats(c.mediaSessionId!)?.rxAudioPackets ?? 0;

  async function nextIncoming(name: string, before: number): Promise<Call> {
    await waitFor(`incoming call at ${name}`, () => incoming.get(name)!.length > before);
    return incoming.get(name)!.at(-1)!;
  }

  it('a ringing call deflected by the callee rings the target, which talks with the caller', async () => {
    const bobBefore = incoming.get('bob')!.length;
    const carolBefore = incoming.get('carol')!.length;
    const out = alice.engine.dial('101');
    const atBob = await nextIncoming('bob', bobBefore);
    await waitFor('ringing-out at alice', () => out.state === 'ringing-out');

    await atBob.deflect(bob.engine.sipUri('102'));
    expect(atBob.state).toBe('terminated');
    expect(atBob.endReason).toBe('deflected');

    const atCarol = await nextIncoming('carol', carolBefore);
    expect(atCarol.peer).toBe('100'); // the original caller, not the deflecting callee
    // RFC 5806: the new callee learns who deflected the call
    const diversion = (atCarol.session as Invitation).request.getHeader('Diversion') ?? '';
    expect(diversion).toMatch(/sip:101@/);
    expect(diversion).toMatch(/reason=deflection/);
    expect(out.state).not.toBe('terminated');

    await atCarol.answer();
    await waitFor(
      'established caller and target',
      () => out.state === 'established' && atCarol.state === 'established',
    );
    await waitFor('RTP both ways', () => rx(alice, out) > 20 && rx(carol, atCarol) > 20, 10_000);
    await out.hangup();
    await waitFor('target sees the hang-up', () => atCarol.state === 'terminated');
  });

  it('an answered call blind-transferred by the callee connects the caller to the target', async () => {
    const bobBefore = incoming.get('bob')!.length;
    const carolBefore = incoming.get('carol')!.length;
    const created: Call[] = [];
    const sub = alice.engine.onDidCreateCall((c) => created.push(c as Call));
    try {
      const out = alice.engine.dial('101');
      const atBob = await nextIncoming('bob', bobBefore);
      await atBob.answer();
      await waitFor('alice-bob established', () => out.state === 'established' && atBob.state === 'established');

      await atBob.transfer(bob.engine.sipUri('102'));
      await waitFor('bob leg ended', () => atBob.state === 'terminated');
      expect(atBob.endReason).toBe('transferred');

      const atCarol = await nextIncoming('carol', carolBefore);
      expect(atCarol.peer).toBe('100');
      // Alice followed the REFER with a new outgoing call carrying Referred-By (RFC 3892)
      const followed = created.find((c) => c !== out);
      expect(followed?.direction).toBe('outgoing');
      expect(followed?.peer).toBe('102');
      expect((atCarol.session as Invitation).request.getHeader('Referred-By') ?? '').toMatch(/sip:101@/);
      await waitFor('old leg ended at alice', () => out.state === 'terminated');

      await atCarol.answer();
      await waitFor('alice-carol established', () => followed!.state === 'established');
      await waitFor('RTP both ways', () => rx(alice, followed!) > 20 && rx(carol, atCarol) > 20, 10_000);
      await atCarol.hangup();
      await waitFor('alice sees the hang-up', () => followed!.state === 'terminated');
    } finally {
      sub();
    }
  });

  it('attended transfer: the callee consults a third party, then connects caller and third party (Replaces)', async () => {
    const bobBefore = incoming.get('bob')!.length;
    const carolBefore = incoming.get('carol')!.length;
    const created: Call[] = [];
    const atCarolAll: Call[] = [];
    const unsubscribe = alice.engine.onDidCreateCall((c) => created.push(c as Call));
    const unsubscribeCarol = carol.engine.onDidCreateCall((c) => atCarolAll.push(c as Call));
    try {
      const out = alice.engine.dial('101');
      const fromAlice = await nextIncoming('bob', bobBefore);
      await fromAlice.answer();
      await waitFor('alice-bob established', () => out.state === 'established');
      // consultation: Alice on hold, Bob calls Carol
      await fromAlice.setHold(true);
      const consult = bob.engine.dial('102');
      const atCarol = await nextIncoming('carol', carolBefore);
      await atCarol.answer();
      await waitFor('bob-carol established', () => consult.state === 'established');

      await fromAlice.transferToCall(consult);
      await waitFor(
        "both of bob's calls ended",
        () => fromAlice.state === 'terminated' && consult.state === 'terminated',
      );
      expect(fromAlice.endReason).toBe('transferred');
      // Carol's phone took Alice's INVITE with Replaces without ringing and dropped Bob's dialog
      expect(incoming.get('carol')!.length).toBe(carolBefore + 1);
      const followed = created.find((c) => c !== out)!;
      await waitFor('alice-carol established', () => followed?.state === 'established', 10_000);
      expect(followed.peer).toBe('102');
      await waitFor('carol old leg ended', () => atCarol.state === 'terminated');
      expect(atCarol.endReason).toBe('transferred');
      expect(out.state).toBe('terminated');
      const carolCalls = atCarolAll.filter((c) => c.state !== 'terminated');
      expect(carolCalls).toHaveLength(1);
      expect(carolCalls[0]!.state).toBe('established');
      expect(carolCalls[0]!.peer).toBe('100');
      await waitFor('RTP alice<->carol', () => rx(alice, followed) > 20 && rx(carol, carolCalls[0]!) > 20, 10_000);
      await followed.hangup();
      await waitFor('carol sees the hang-up', () => carolCalls[0]!.state === 'terminated');
    } finally {
      unsubscribe();
      unsubscribeCarol();
    }
  });

  it('does not follow a REFER outside the SIP domain: the transfer fails, the call goes on', async () => {
    const bobBefore = incoming.get('bob')!.length;
    const out = alice.engine.dial('101');
    const atBob = await nextIncoming('bob', bobBefore);
    await atBob.answer();
    await waitFor('established', () => out.state === 'established');
    await expect(atBob.transfer('sip:102@elsewhere.example')).rejects.toThrow(/403/);
    expect([out.state, atBob.state]).toEqual(['established', 'established']);
    await out.hangup();
    await waitFor('ended', () => atBob.state === 'terminated');
  });

  it('an INVITE with Replaces not referred by the replaced party rings instead of taking the call over', async () => {
    const bobBefore = incoming.get('bob')!.length;
    const out = alice.engine.dial('101');
    const atBob = await nextIncoming('bob', bobBefore);
    await atBob.answer();
    await waitFor('established', () => out.state === 'established');
    // Carol somehow learnt the dialog ids and tries to take Alice's place
    const dialog = atBob.session.dialog!;
    const carolUa = (carol.engine as unknown as { ua: UserAgent }).ua;
    const intruder = new Inviter(carolUa, UserAgent.makeURI(bob.engine.sipUri('101'))!, {
      extraHeaders: [`Replaces: ${dialog.callId};to-tag=${dialog.localTag};from-tag=${dialog.remoteTag}`],
      sessionDescriptionHandlerOptions: { hold: false } as object,
    });
    void intruder.invite().catch(() => undefined);
    const ringing = await nextIncoming('bob', bobBefore + 1);
    expect(ringing.state).toBe('ringing-in');
    expect(ringing.peer).toBe('102');
    expect([out.state, atBob.state]).toEqual(['established', 'established']);
    await ringing.reject();
    await out.hangup();
    await waitFor('ended', () => atBob.state === 'terminated');
  });

  it('a deflection from one of two ringing devices stops the other at once and rings the target', async () => {
    const bob2 = createPhone(k, '101');
    const atBob2: Call[] = [];
    bob2.engine.onDidReceiveCall((c) => atBob2.push(c));
    try {
      expect((await bob2.engine.start()).status).toBe('registered');
      const bobBefore = incoming.get('bob')!.length;
      const carolBefore = incoming.get('carol')!.length;
      const out = alice.engine.dial('101');
      const atBob = await nextIncoming('bob', bobBefore);
      await waitFor('second device rings', () => atBob2.length === 1);
      const deflectedAt = Date.now();
      await atBob.deflect(bob.engine.sipUri('102'));
      const atCarol = await nextIncoming('carol', carolBefore);
      // not after the other device's ring timeout: the proxy cancelled it (RFC 3261 §16.7)
      expect(Date.now() - deflectedAt).toBeLessThan(3_000);
      await waitFor('second device stopped ringing', () => atBob2[0]!.state === 'terminated');
      expect(atBob2[0]!.endReason).toBe('cancelled');
      await atCarol.reject();
      await waitFor('caller told', () => out.state === 'terminated');
    } finally {
      await bob2.dispose();
    }
  });

  it('refuses a deflection outside the SIP domain: the caller gets 403, nobody else rings', async () => {
    const bobBefore = incoming.get('bob')!.length;
    const carolBefore = incoming.get('carol')!.length;
    const out = alice.engine.dial('101');
    const atBob = await nextIncoming('bob', bobBefore);
    await atBob.deflect('sip:102@elsewhere.example');
    await waitFor('caller told', () => out.state === 'terminated');
    expect(out.endReason).toBe('failed');
    await sleep(300);
    expect(incoming.get('carol')!.length).toBe(carolBefore);
  });

  it('refuses to deflect an answered call or transfer a ringing one (state errors, call unchanged)', async () => {
    const bobBefore = incoming.get('bob')!.length;
    const out = alice.engine.dial('101');
    const atBob = await nextIncoming('bob', bobBefore);
    await expect(atBob.transfer(bob.engine.sipUri('102'))).rejects.toBeInstanceOf(CallStateError);
    expect(atBob.state).toBe('ringing-in');
    await atBob.answer();
    await waitFor('established', () => out.state === 'established');
    await expect(atBob.deflect(bob.engine.sipUri('102'))).rejects.toBeInstanceOf(CallStateError);
    expect(atBob.state).toBe('established');
    await out.hangup();
    await waitFor('ended', () => atBob.state === 'terminated');
  });
});
