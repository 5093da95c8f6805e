/**
 * Audio through the SIP trunk (issue #12 item 3): the carrier is a real baresip (plain RTP, G.711)
 * on 127.0.0.2 that does not register — the "public network" behind the trunk (IP trust) — and the
 * app user is a real SIP engine whose werift media host speaks ICE + DTLS-SRTP like a browser;
 * rtpengine bridges the two. Audio is checked both ways by the loudness envelope of a speech WAV
 * (espeak-ng) played by both ends and recorded at the other, for a call out (app → external
 * number) and a call in (carrier → DID → app).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDid, addTrunk, readDialPlanSettings } from '../../../server/src/features/trunks';
import type { Call } from '../../../src-main/core/features/calls/sip/call';
import { CallState } from '../../../src-main/core/features/calls/sip/call-state';
import { bestLoopedCorrelation, readWav, rmsEnvelope, type PcmAudio } from '../../support/audio-envelope';
import { BaresipClient } from '../../support/baresip-client';
import { createPhone, sleep, waitFor, type TestPhone } from '../../support/engine-harness';
import { makeSpeechWav } from '../../support/speech-wav';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';
import { WeriftMediaHost } from '../../support/werift-media-host';

const WINDOW_MS = 50;
const MIN_CORRELATION = 0.7;

describe('audio through the trunk (baresip carrier, plain RTP) <-> app (WebRTC)', () => {
  let stack: UcStack;
  let work: string;
  let reference: number[];
  let alice: TestPhone;
  let carrier: BaresipClient;
  const incoming: Call[] = [];
  const seen = new Set<object>();

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'sb-trunk-audio-'));
    const speech = makeSpeechWav(join(work, 'speech-22k.wav'));
    const once = join(work, 'speech-8k.wav');
    const long = join(work, 'speech-8k-x10.wav');
    execFileSync('sox', [speech, '-r', '8000', '-c', '1', '-b', '16', once]);
    execFileSync('sox', [once, long, 'repeat', '9']);
    const speech8k = readWav(once);
    reference = rmsEnvelope(speech8k, WINDOW_MS);

    stack = await startUcStack({ withVoicemail: false });
    const sip = { users: await stack.sipUsers(), wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain };
    alice = createPhone(sip, '100', {}, new WeriftMediaHost({ speech: speech8k.samples }));
    alice.engine.onDidReceiveCall((c) => incoming.push(c));
    expect((await alice.engine.start()).status).toBe('registered');
    carrier = await BaresipClient.start({
      // baresip 1.0 answers only calls to its own user (catchall does not take them): the number dialed
      user: '+33612345678',
      password: '',
      domain: '127.0.0.2',
      proxy: { host: '127.0.0.1', udpPort: stack.kamailio.process.udpPort },
      audio: { wav: long, record: true },
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
    await addDid(db, { did: '+33123456789', account: '100' }, await readDialPlanSettings(db), Date.now());
  }, 60_000);

  afterAll(async () => {
    if (process.env.SB_SDP_DEBUG) console.error(stack?.kamailio.process.logTail(150), carrier?.output);
    await carrier?.stop();
    await alice?.dispose();
    await stack?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const correlation = (audio: PcmAudio): number =>
    bestLoopedCorrelation(rmsEnvelope(audio, WINDOW_MS), reference).correlation;

  async function appHears(call: Call, ms = 4_000): Promise<number> {
    await waitFor('audio reaches the app', () => (alice.media.stats(call.mediaSessionId!)?.rxAudioPackets ?? 0) > 10);
    alice.media.takeReceivedAudio(call.mediaSessionId!);
    await sleep(ms);
    const audio = alice.media.takeReceivedAudio(call.mediaSessionId!);
    expect(audio.samples.length / 8000).toBeGreaterThan((ms / 1000) * 0.8);
    return correlation(audio);
  }

  async function carrierHears(ms = 4_000): Promise<number> {
    const from = carrier.heardMark();
    await sleep(ms);
    const audio = carrier.heardAudio(from);
    expect(audio.samples.length / audio.sampleRate).toBeGreaterThan((ms / 1000) * 0.8);
    return correlation(audio);
  }

  async function hangup(call: Call): Promise<void> {
    if (call.state !== CallState.Terminated) await call.hangup();
    await carrier.waitForEvent('the carrier call ends', (e) => e.type === 'CALL_CLOSED' && !seen.has(e));
    for (const e of carrier.events) seen.add(e);
    // the BYE ended the bridge: nothing left in rtpengine
    for (let i = 0; (await stack.kamailio.rtpengine.callIds()).length > 0; i++) {
      if (i > 50) throw new Error('rtpengine kept the call after the BYE');
      await sleep(100);
    }
  }

  it('app user -> external number through the trunk: audio both ways', async () => {
    const call = alice.engine.dial('+33612345678');
    const ring = await carrier.waitForEvent(
      'the carrier gets the call',
      (e) => e.type === 'CALL_INCOMING' && !seen.has(e),
    );
    expect(ring.peeruri).toMatch(/^sip:\+33123456789@127\.0\.0\.2/);
    await carrier.command('accept');
    await waitFor('the call is established', () => call.state === CallState.Established, 10_000);
    const heardByApp = await appHears(call);
    const heardByCarrier = await carrierHears();
    console.log(`app -> trunk: app heard ${heardByApp.toFixed(3)}, carrier heard ${heardByCarrier.toFixed(3)}`);
    expect(heardByApp).toBeGreaterThanOrEqual(MIN_CORRELATION);
    expect(heardByCarrier).toBeGreaterThanOrEqual(MIN_CORRELATION);
    await hangup(call);
  });

  it('carrier -> DID -> app user: rings as external +E.164, audio both ways', async () => {
    const before = incoming.length;
    await carrier.command('dial', `sip:+33123456789@127.0.0.1:${stack.kamailio.process.udpPort}`);
    await waitFor('alice rings', () => incoming.length > before, 10_000);
    const call = incoming.at(-1)!;
    expect(call.external).toBe(true);
    expect(call.peer).toBe('+33612345678');
    await call.answer();
    await carrier.waitForEvent('the carrier is connected', (e) => e.type === 'CALL_ESTABLISHED' && !seen.has(e));
    const heardByApp = await appHears(call);
    const heardByCarrier = await carrierHears();
    console.log(`trunk -> app: app heard ${heardByApp.toFixed(3)}, carrier heard ${heardByCarrier.toFixed(3)}`);
    expect(heardByApp).toBeGreaterThanOrEqual(MIN_CORRELATION);
    expect(heardByCarrier).toBeGreaterThanOrEqual(MIN_CORRELATION);
    await hangup(call);
  });
});
