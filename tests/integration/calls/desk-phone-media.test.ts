/**
 * Media between the app and a plain SIP desk phone through rtpengine (issue #12): the desk phone is
 * baresip over UDP (RTP/AVP, G.711, no ICE, no DTLS), the app users are real SIP engines whose
 * werift media host speaks ICE + DTLS-SRTP like a browser. Kamailio bridges each call that has one
 * WebRTC side and one plain side through rtpengine (started by the UC stack fixture) and leaves the
 * others alone. Audio is checked both ways by the loudness envelope of a speech WAV (espeak-ng)
 * played by both ends and recorded at the other (baresip's sndfile dump, werift's received PCMU).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Call } from '../../../src-main/core/features/calls/sip/call';
import { CallState } from '../../../src-main/core/features/calls/sip/call-state';
import type { DemoUser } from '../../../server/src/features/accounts/demo-users';
import { bestLoopedCorrelation, readWav, rmsEnvelope, type PcmAudio } from '../../support/audio-envelope';
import { BaresipClient } from '../../support/baresip-client';
import { createPhone, sleep, waitFor, type TestPhone } from '../../support/engine-harness';
import { makeSpeechWav } from '../../support/speech-wav';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';
import { WeriftMediaHost } from '../../support/werift-media-host';

const USERS: DemoUser[] = [
  { number: '100', password: 'Welcome100!', displayName: 'Alice App' },
  { number: '101', password: 'Welcome101!', displayName: 'Denis Deskphone' },
  { number: '102', password: 'Welcome102!', displayName: 'Carla App' },
];

const WINDOW_MS = 50;
const MIN_CORRELATION = 0.7;

describe('desk phone (baresip, plain RTP) <-> app (WebRTC) through rtpengine', () => {
  let stack: UcStack;
  let work: string;
  let reference: number[];
  let alice: TestPhone; // 100, the app
  let carla: TestPhone; // 102, another app user
  let desk: BaresipClient; // 101, the desk phone
  const incoming = new Map<string, Call[]>();

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'sb-desk-'));
    // one spoken sentence at 8 kHz (the app's loop, the reference) and ten of them (the phone's file)
    const speech = makeSpeechWav(join(work, 'speech-22k.wav'));
    const once = join(work, 'speech-8k.wav');
    const long = join(work, 'speech-8k-x10.wav');
    execFileSync('sox', [speech, '-r', '8000', '-c', '1', '-b', '16', once]);
    execFileSync('sox', [once, long, 'repeat', '9']);
    const speech8k = readWav(once);
    reference = rmsEnvelope(speech8k, WINDOW_MS);

    stack = await startUcStack({ users: USERS, withVoicemail: false });
    const sip = { users: await stack.sipUsers(), wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain };
    alice = createPhone(sip, '100', {}, new WeriftMediaHost({ speech: speech8k.samples }));
    carla = createPhone(sip, '102', {}, new WeriftMediaHost({ speech: speech8k.samples }));
    for (const [name, phone] of [
      ['alice', alice],
      ['carla', carla],
    ] as const) {
      incoming.set(name, []);
      phone.engine.onDidReceiveCall((c) => incoming.get(name)!.push(c));
    }
    expect((await alice.engine.start()).status).toBe('registered');
    expect((await carla.engine.start()).status).toBe('registered');
    desk = await BaresipClient.start({
      user: '101',
      password: await stack.sipPasswordOf('101'),
      domain: stack.kamailio.domain,
      proxy: { host: '127.0.0.1', udpPort: stack.kamailio.process.udpPort },
      audio: { wav: long, record: true },
      address: '127.0.0.2',
      sipTrace: true,
    });
  }, 60_000);

  afterAll(async () => {
    if (process.env.SB_SDP_DEBUG) console.error(stack?.kamailio.rtpengine.logTail(150), desk?.output);
    await desk?.stop();
    await alice?.dispose();
    await carla?.dispose();
    await stack?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function nextIncoming(name: string, before: number): Promise<Call> {
    await waitFor(`incoming call at ${name}`, () => incoming.get(name)!.length > before);
    return incoming.get(name)!.at(-1)!;
  }

  function correlation(audio: PcmAudio): number {
    return bestLoopedCorrelation(rmsEnvelope(audio, WINDOW_MS), reference).correlation;
  }

  /** The app hears the phone's speech for `ms` (what arrived meanwhile). */
  async function appHears(phone: TestPhone, call: Call, ms = 4_000): Promise<number> {
    // ICE and DTLS first
    await waitFor('audio reaches the app', () => (phone.media.stats(call.mediaSessionId!)?.rxAudioPackets ?? 0) > 10);
    phone.media.takeReceivedAudio(call.mediaSessionId!);
    await sleep(ms);
    const audio = phone.media.takeReceivedAudio(call.mediaSessionId!);
    expect(audio.samples.length / 8000).toBeGreaterThan((ms / 1000) * 0.8);
    return correlation(audio);
  }

  /** The phone hears the app's speech for `ms`. */
  async function phoneHears(ms = 4_000): Promise<number> {
    const from = desk.heardMark();
    await sleep(ms);
    const audio = desk.heardAudio(from);
    expect(audio.samples.length / audio.sampleRate).toBeGreaterThan((ms / 1000) * 0.8);
    return correlation(audio);
  }

  /**
   * After a resume: the phone receives the app's G.711 again (64 kbit/s). baresip 1.0 stops its
   * sndfile dump when a hold restarts its player, so its own bit rate counter says it here.
   */
  async function phoneReceivesAgain(): Promise<void> {
    const since = desk.output.length;
    await sleep(1_500);
    await waitFor(
      'the phone receives audio again',
      () => (desk.audioBitrates(since)?.rx ?? 0) > 50_000,
      5_000,
      100,
      () => JSON.stringify(desk.audioBitrates(since)),
    );
  }

  /** The SIP messages the desk phone received (its trace), from `start` on. */
  function deskReceived(start: number): string {
    return desk.output.slice(start);
  }

  async function hangupAll(call: Call): Promise<void> {
    if (call.state !== CallState.Terminated) await call.hangup();
    await desk.waitForEvent('the desk phone call ends', (e) => e.type === 'CALL_CLOSED' && !closedSeen.has(e));
    for (const e of desk.events) if (e.type === 'CALL_CLOSED' || e.type === 'CALL_INCOMING') closedSeen.add(e);
  }
  const closedSeen = new Set<object>();

  it('desk phone -> app user: the phone gets no WebRTC, the app no plain RTP, audio both ways', async () => {
    const before = incoming.get('alice')!.length;
    const traceAt = desk.output.length;
    await desk.command('dial', `sip:100@${stack.kamailio.domain}`);
    const atAlice = await nextIncoming('alice', before);
    await atAlice.answer();
    await desk.waitForEvent('the desk phone is connected', (e) => e.type === 'CALL_ESTABLISHED');
    await waitFor('alice is connected', () => atAlice.state === CallState.Established);

    // the 200 OK the phone got is plain RTP from rtpengine: no ICE, no DTLS fingerprint
    const answer = /SIP\/2\.0 200 OK[\s\S]*?(v=0[\s\S]*?)(?:\n\n|$)/.exec(deskReceived(traceAt))?.[1] ?? '';
    expect(answer).toMatch(/m=audio \d+ RTP\/AVP /);
    expect(answer).not.toMatch(/a=fingerprint|a=ice-ufrag|a=candidate/);
    expect(await stack.kamailio.rtpengine.callIds()).toHaveLength(1);

    const heardByApp = await appHears(alice, atAlice);
    const heardByPhone = await phoneHears();
    console.log(`desk -> app: app heard ${heardByApp.toFixed(3)}, phone heard ${heardByPhone.toFixed(3)}`);
    expect(heardByApp).toBeGreaterThanOrEqual(MIN_CORRELATION);
    expect(heardByPhone).toBeGreaterThanOrEqual(MIN_CORRELATION);

    await hangupAll(atAlice);
    expect(await stack.kamailio.rtpengine.callIds()).toEqual([]);
  });

  it('app user -> desk phone: audio both ways; hold and resume by the app and by the phone', async () => {
    const call = alice.engine.dial('101');
    await desk.waitForEvent('the desk phone rings', (e) => e.type === 'CALL_INCOMING' && !closedSeen.has(e));
    await desk.command('accept');
    await waitFor('alice is connected', () => call.state === CallState.Established);
    expect(await appHears(alice, call)).toBeGreaterThanOrEqual(MIN_CORRELATION);
    expect(await phoneHears()).toBeGreaterThanOrEqual(MIN_CORRELATION);

    // hold by the app: a re-INVITE through rtpengine; the phone hears nothing, then the app again
    await call.setHold(true);
    await waitFor('alice holds', () => call.held);
    await sleep(500);
    const heldFrom = desk.heardMark();
    await sleep(1_500);
    expect(desk.heardAudio(heldFrom).samples.length / 8000).toBeLessThan(0.3);
    await call.setHold(false);
    await waitFor('alice resumes', () => !call.held && call.state === CallState.Established);
    await phoneReceivesAgain();
    expect(await appHears(alice, call, 3_000)).toBeGreaterThanOrEqual(MIN_CORRELATION);

    // hold by the phone: its re-INVITE (sendonly) goes the other way through rtpengine
    const rxBefore = alice.media.stats(call.mediaSessionId!)!.rxAudioPackets;
    await desk.command('hold');
    await waitFor('the app sees the remote hold', () => call.remoteHeld, 10_000);
    await sleep(500);
    const rxHeld = alice.media.stats(call.mediaSessionId!)!.rxAudioPackets;
    await sleep(1_500);
    expect(alice.media.stats(call.mediaSessionId!)!.rxAudioPackets - rxHeld).toBeLessThan(15);
    expect(rxHeld).toBeGreaterThan(rxBefore - 1);
    await desk.command('resume');
    await waitFor('the app sees the resume', () => !call.remoteHeld, 10_000);
    expect(await appHears(alice, call, 3_000)).toBeGreaterThanOrEqual(MIN_CORRELATION);
    await phoneReceivesAgain();

    await hangupAll(call);
    expect(await stack.kamailio.rtpengine.callIds()).toEqual([]);
  });

  it('the app user transfers a desk phone call (blind) to another app user: they talk', async () => {
    const before = incoming.get('alice')!.length;
    await desk.command('dial', `sip:100@${stack.kamailio.domain}`);
    const atAlice = await nextIncoming('alice', before);
    await atAlice.answer();
    await waitFor('alice is connected', () => atAlice.state === CallState.Established);

    const carlaBefore = incoming.get('carla')!.length;
    await atAlice.transfer(alice.engine.sipUri('102'));
    const atCarla = await nextIncoming('carla', carlaBefore);
    await atCarla.answer();
    await waitFor('carla is connected', () => atCarla.state === CallState.Established);
    await waitFor('alice is out of the call', () => atAlice.state === CallState.Terminated, 10_000);

    expect(await appHears(carla, atCarla)).toBeGreaterThanOrEqual(MIN_CORRELATION);
    expect(await phoneHears()).toBeGreaterThanOrEqual(MIN_CORRELATION);
    await hangupAll(atCarla);
  });

  it('app user -> app user stays end to end: the callee gets the caller own DTLS fingerprint, rtpengine nothing', async () => {
    const before = incoming.get('carla')!.length;
    const sentAt = alice.sent.length;
    const call = alice.engine.dial('102');
    const atCarla = await nextIncoming('carla', before);
    await atCarla.answer();
    await waitFor('alice is connected', () => call.state === CallState.Established);
    const invite = alice.sent.slice(sentAt).find((m) => m.startsWith('INVITE '))!;
    const fingerprint = /a=fingerprint:\S+ (\S+)/.exec(invite)?.[1];
    expect(fingerprint).toBeDefined();
    // what the callee's media got is the caller's own offer: same fingerprint, the caller's ICE candidates
    const offerAtCarla = carla.media.remoteSdp(atCarla.mediaSessionId!) ?? '';
    expect(offerAtCarla).toContain(fingerprint);
    expect(offerAtCarla).toMatch(/UDP\/TLS\/RTP\/SAVPF/);
    const callId = /^Call-ID: *(\S+)/im.exec(invite)?.[1];
    expect(callId).toBeDefined();
    expect(await stack.kamailio.rtpengine.callIds()).not.toContain(callId);
    await waitFor('RTP alice -> carla', () => (carla.media.stats(atCarla.mediaSessionId!)?.rxAudioPackets ?? 0) > 20);
    await call.hangup();
    await waitFor('carla hung up', () => atCarla.state === CallState.Terminated);
  });
});
