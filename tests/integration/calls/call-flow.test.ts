/**
 * Two real SIP engines registered on a real Kamailio, media through werift
 * (ICE + DTLS-SRTP on 127.0.0.1): call set-up, RTP both ways, hold/resume
 * (RFC 3264), DTMF (RFC 4733 and SIP INFO), hang-up and failure reasons.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKamailio, type KamailioFixture } from '../../support/kamailio-fixture';
import { createPhone, sleep, waitFor, type TestPhone } from '../../support/engine-harness';
import type { Call } from '../../../src-main/core/features/calls/sip/call';

describe('SIP calls through Kamailio with werift media', () => {
  let k: KamailioFixture;
  let alice: TestPhone; // 100
  let bob: TestPhone; // 101
  const incoming: Call[] = [];

  beforeAll(async () => {
    k = await startKamailio();
    alice = createPhone(k, '100');
    bob = createPhone(k, '101');
    bob.engine.onDidReceiveCall((c) => incoming.push(c));
    const [a, b] = await Promise.all([alice.engine.start(), bob.engine.start()]);
    expect(a.status).toBe('registered');
    expect(b.status).toBe('registered');
  });

  afterAll(async () => {
    await alice?.dispose();
    await bob?.dispose();
    await k?.stop();
  });

  const rx = (p: TestPhone, c: Call): number => p.media.stats(c.mediaSessionId!)?.rxAudioPackets ?? 0;

  async function connect(): Promise<{ out: Call; inc: Call }> {
    const before = incoming.length;
    const out = alice.engine.dial('101');
    expect(out.state).toBe('dialing');
    await waitFor('incoming call at bob', () => incoming.length > before);
    const inc = incoming[incoming.length - 1]!;
    expect(inc.state).toBe('ringing-in');
    expect(inc.peer).toBe('100');
    expect(inc.peerName).toBe(k.users.find((u) => u.number === '100')!.displayName);
    await waitFor('ringing-out at alice', () => out.state === 'ringing-out');
    await inc.answer();
    await waitFor('established both sides', () => out.state === 'established' && inc.state === 'established');
    expect(out.answeredAt).toBeGreaterThanOrEqual(out.startedAt);
    return { out, inc };
  }

  it('carries RTP both ways, stops it on hold, resumes it, and hangs up on both sides', async () => {
    const { out, inc } = await connect();
    await waitFor('RTP at both ends', () => rx(alice, out) > 25 && rx(bob, inc) > 25, 10_000);
    const a0 = rx(alice, out);
    const b0 = rx(bob, inc);
    await sleep(500);
    expect(rx(alice, out)).toBeGreaterThan(a0 + 10);
    expect(rx(bob, inc)).toBeGreaterThan(b0 + 10);

    // Hold: re-INVITE with a=inactive, no media either way.
    await out.setHold(true);
    expect(out.state).toBe('held');
    expect(out.held).toBe(true);
    await waitFor('remote hold seen by bob', () => inc.remoteHeld);
    expect(out.toView()).toMatchObject({ state: 'held', held: true });
    await sleep(200); // packets already in flight
    const a1 = rx(alice, out);
    const b1 = rx(bob, inc);
    await sleep(1000);
    expect(rx(alice, out) - a1).toBeLessThanOrEqual(1);
    expect(rx(bob, inc) - b1).toBeLessThanOrEqual(1);

    // Resume: media flows again both ways.
    await out.setHold(false);
    expect(out.state).toBe('established');
    expect(out.held).toBe(false);
    await waitFor('remote resume seen by bob', () => !inc.remoteHeld);
    const a2 = rx(alice, out);
    const b2 = rx(bob, inc);
    await waitFor('RTP again', () => rx(alice, out) > a2 + 20 && rx(bob, inc) > b2 + 20, 5_000);

    // Mute: packets keep flowing but carry silence; unmute brings the tone back.
    const silentAtBob = (): number => bob.media.stats(inc.mediaSessionId!)!.rxSilentPackets;
    expect(silentAtBob()).toBe(0);
    await out.setMuted(true);
    expect(out.toView().muted).toBe(true);
    expect(alice.media.stats(out.mediaSessionId!)!.muted).toBe(true);
    await waitFor('silence at bob', () => silentAtBob() > 20);
    await out.setMuted(false);
    await sleep(200);
    const s0 = silentAtBob();
    const r0 = rx(bob, inc);
    await waitFor('tone again at bob', () => rx(bob, inc) > r0 + 20);
    expect(silentAtBob() - s0).toBeLessThanOrEqual(1);
    expect(out.toView().muted).toBe(false);

    await out.hangup();
    await waitFor('terminated both sides', () => out.state === 'terminated' && inc.state === 'terminated');
    expect(out.endReason).toBe('local-hangup');
    expect(inc.endReason).toBe('remote-hangup');
    expect(out.endedAt).toBeGreaterThanOrEqual(out.answeredAt!);
    expect(alice.engine.calls).toEqual([]);
    expect(bob.engine.calls).toEqual([]);
    expect(alice.media.openSessionIds()).toEqual([]);
    expect(bob.media.openSessionIds()).toEqual([]);
  });

  it('sends DTMF as RFC 4733 telephone-events that the far end decodes', async () => {
    const { out, inc } = await connect();
    await waitFor('RTP', () => rx(bob, inc) > 10);
    const infosBefore = alice.sent.filter((m) => m.startsWith('INFO ')).length;
    await out.sendDtmf('159#*0');
    await waitFor('digits at bob', () => bob.media.stats(inc.mediaSessionId!)!.rxDigits === '159#*0', 5_000);
    expect(alice.sent.filter((m) => m.startsWith('INFO ')).length).toBe(infosBefore);
    await inc.hangup();
    await waitFor('terminated', () => out.state === 'terminated');
    expect(out.endReason).toBe('remote-hangup');
    expect(inc.endReason).toBe('local-hangup');
  });

  it('falls back to SIP INFO (application/dtmf-relay) when told to', async () => {
    const carol = createPhone(k, '102', { dtmfMode: 'info' });
    try {
      expect((await carol.engine.start()).status).toBe('registered');
      const before = incoming.length;
      const out = carol.engine.dial('101');
      await waitFor('incoming', () => incoming.length > before);
      const inc = incoming[incoming.length - 1]!;
      const digits: string[] = [];
      inc.onDidReceiveDtmf((d) => digits.push(d));
      await inc.answer();
      await waitFor('established', () => out.state === 'established');
      await out.sendDtmf('42*');
      await waitFor('INFO digits at bob', () => digits.join('') === '42*', 5_000);
      const infos = carol.sent.filter((m) => m.startsWith('INFO '));
      expect(infos).toHaveLength(3);
      expect(infos[0]).toMatch(/Content-Type: application\/dtmf-relay/i);
      expect(infos[0]).toMatch(/Signal=4/);
      expect(bob.media.stats(inc.mediaSessionId!)!.rxDigits).toBe('');
      await out.hangup();
      await waitFor('terminated', () => inc.state === 'terminated');
    } finally {
      await carol.dispose();
    }
  });

  it('ends a call to an unknown user with not-found', async () => {
    const out = alice.engine.dial('199');
    await waitFor('terminated', () => out.state === 'terminated');
    expect(out.endReason).toBe('not-found');
    expect(out.answeredAt).toBeUndefined();
  });

  it('reports busy and declined rejections, and a cancelled call on both sides', async () => {
    let before = incoming.length;
    const busy = alice.engine.dial('101');
    await waitFor('incoming', () => incoming.length > before);
    await incoming[incoming.length - 1]!.reject('busy');
    await waitFor('busy', () => busy.state === 'terminated');
    expect(busy.endReason).toBe('busy');
    expect(incoming[incoming.length - 1]!.endReason).toBe('rejected');

    before = incoming.length;
    const declined = alice.engine.dial('101');
    await waitFor('incoming', () => incoming.length > before);
    await incoming[incoming.length - 1]!.reject('decline');
    await waitFor('declined', () => declined.state === 'terminated');
    expect(declined.endReason).toBe('rejected');

    before = incoming.length;
    const cancelled = alice.engine.dial('101');
    await waitFor('incoming', () => incoming.length > before);
    const inc = incoming[incoming.length - 1]!;
    await waitFor('ringing-out', () => cancelled.state === 'ringing-out');
    await cancelled.hangup();
    await waitFor('cancelled both sides', () => cancelled.state === 'terminated' && inc.state === 'terminated');
    expect(cancelled.endReason).toBe('cancelled');
    expect(inc.endReason).toBe('cancelled');
  });

  it('handles two simultaneous calls independently', async () => {
    const dave = createPhone(k, '103');
    try {
      expect((await dave.engine.start()).status).toBe('registered');
      const first = await connect();
      const before = incoming.length;
      const second = dave.engine.dial('101');
      await waitFor('second incoming', () => incoming.length > before);
      const inc2 = incoming[incoming.length - 1]!;
      expect(inc2.peer).toBe('103');
      await first.inc.setHold(true);
      await waitFor('alice sees she is held', () => first.out.remoteHeld);
      expect(first.out.held).toBe(false);
      expect(first.inc.held).toBe(true);
      await inc2.answer();
      await waitFor('second established', () => second.state === 'established');
      expect(bob.engine.calls.map((c) => c.state).sort()).toEqual(['established', 'held']);
      await waitFor('RTP on the second call', () => rx(dave, second) > 20 && rx(bob, inc2) > 20);
      await second.hangup();
      await first.out.hangup();
      await waitFor('all ended', () => bob.engine.calls.length === 0);
      expect(first.inc.endReason).toBe('remote-hangup');
      expect(inc2.endReason).toBe('remote-hangup');
    } finally {
      await dave.dispose();
    }
  });
});
