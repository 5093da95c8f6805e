/**
 * A plain SIP phone in a conference (issue #14): baresip over UDP (RTP/AVP, G.711, no ICE, no
 * DTLS; rtpengine bridges it to the conference service's WebRTC leg) dials the dial-in number and
 * types its personal PIN on the keypad (RFC 4733 telephone-event); the app user joins with one
 * call to conf<id>. Each plays a speech WAV; what each hears through the Janus mixer is recorded
 * (baresip's sndfile dump, werift's received PCMU) and its loudness envelope is matched against
 * the speech's.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conferenceSchema, type Conference } from '../../../src-preload/contract/conferences';
import { CallState } from '../../../src-main/core/features/calls/sip/call-state';
import type { DemoUser } from '../../../server/src/features/accounts/demo-users';
import { CONFERENCE_DIAL_IN_NUMBER } from '../../../server/src/features/conferences';
import { bestLoopedCorrelation, readWav, rmsEnvelope, type PcmAudio } from '../../support/audio-envelope';
import { BaresipClient } from '../../support/baresip-client';
import { createPhone, sleep, waitFor, type TestPhone } from '../../support/engine-harness';
import { loginAccessToken } from '../../support/login-access-token';
import { makeSpeechWav } from '../../support/speech-wav';
import { until } from '../../support/sync-helpers';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';
import { WeriftMediaHost } from '../../support/werift-media-host';

const USERS: DemoUser[] = [
  { number: '100', password: 'Welcome100!', displayName: 'Alice App' },
  { number: '101', password: 'Welcome101!', displayName: 'Denis Deskphone' },
];
const WINDOW_MS = 50;
const MIN_CORRELATION = 0.6;

describe('a plain SIP phone dials in with its PIN and talks with an app user through Janus', () => {
  let stack: UcStack;
  let work: string;
  let reference: number[];
  let alice: TestPhone;
  let desk: BaresipClient;
  let room: Conference;
  let token: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'sb-confdesk-'));
    const speech = makeSpeechWav(join(work, 'speech-22k.wav'));
    const once = join(work, 'speech-8k.wav');
    const long = join(work, 'speech-8k-x20.wav');
    execFileSync('sox', [speech, '-r', '8000', '-c', '1', '-b', '16', once]);
    execFileSync('sox', [once, long, 'repeat', '19']);
    const speech8k = readWav(once);
    reference = rmsEnvelope(speech8k, WINDOW_MS);
    stack = await startUcStack({ users: USERS, withVoicemail: false, withConferences: true });
    const sip = { users: await stack.sipUsers(), wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain };
    alice = createPhone(sip, '100', {}, new WeriftMediaHost({ speech: speech8k.samples }));
    expect((await alice.engine.start()).status).toBe('registered');
    desk = await BaresipClient.start({
      user: '101',
      password: await stack.sipPasswordOf('101'),
      domain: stack.kamailio.domain,
      proxy: { host: '127.0.0.1', udpPort: stack.kamailio.process.udpPort },
      audio: { wav: long, record: true },
      address: '127.0.0.2',
      sipTrace: true,
    });
    token = await loginAccessToken(stack.apiUrl, '100', 'Welcome100!');
    const res = await fetch(`${stack.apiUrl}/conferences`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Desk sync', participants: [{ kind: 'internal', number: '101' }] }),
    });
    room = conferenceSchema.parse(await res.json());
  }, 90_000);

  afterAll(async () => {
    await desk?.stop();
    await alice?.dispose();
    await stack?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function stateOf(number: string): Promise<string | undefined> {
    const res = await fetch(`${stack.apiUrl}/conferences/${room.id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return conferenceSchema.parse(await res.json()).participants.find((p) => p.number === number)?.state;
  }
  function correlation(audio: PcmAudio): number {
    return bestLoopedCorrelation(rmsEnvelope(audio, WINDOW_MS), reference).correlation;
  }

  it('joins by PIN over RFC 4733, and each hears the other through the mixer', async () => {
    const aliceCall = alice.engine.dial(room.joinUri);
    await waitFor('Alice is in the room', () => aliceCall.state === CallState.Established, 15_000);
    await until('Alice waits alone', async () => (await stateOf('100')) === 'waiting', 20_000);

    await desk.command('dial', `sip:${CONFERENCE_DIAL_IN_NUMBER}@${stack.kamailio.domain}`);
    await desk.waitForEvent('the service answers the phone', (e) => e.type === 'CALL_ESTABLISHED', 15_000);
    await sleep(1_000);
    const pin = room.participants.find((p) => p.number === '101')!.pin!;
    await desk.command('sndcode', `${pin}#`);
    await until('the phone is in the room', async () => (await stateOf('101')) === 'active', 40_000);
    await sleep(1_500);

    const session = aliceCall.mediaSessionId!;
    alice.media.takeReceivedAudio(session);
    const mark = desk.heardMark();
    await sleep(5_000);
    const aliceHeard = alice.media.takeReceivedAudio(session);
    const deskHeard = desk.heardAudio(mark);
    expect(aliceHeard.samples.length / 8000).toBeGreaterThan(4);
    expect(deskHeard.samples.length / deskHeard.sampleRate).toBeGreaterThan(4);
    const heardByAlice = correlation(aliceHeard);
    const heardByDesk = correlation(deskHeard);
    console.log(
      `conference speech envelope correlation: app hears phone ${heardByAlice.toFixed(2)}, phone hears app ${heardByDesk.toFixed(2)}`,
    );
    expect(heardByAlice).toBeGreaterThan(MIN_CORRELATION);
    expect(heardByDesk).toBeGreaterThan(MIN_CORRELATION);

    await desk.command('hangup');
    await until('the phone left', async () => (await stateOf('101')) === 'idle', 15_000);
    await aliceCall.hangup();
  }, 120_000);
});
