/**
 * The mailbox address phones are given (issue #12 item 5): `sip:voicemail@<domain>` (also MWI's
 * Message-Account) is the caller's own mailbox. Listening by phone needs a PIN (issue #16), so the
 * voicemail service answers its owner with the "no PIN yet, use the app" prompt (English, French),
 * hangs up and records nothing — where it used to answer 404 "No Such Mailbox".
 *
 * And a desk phone (baresip, plain RTP, its own device credentials) leaves a message: rtpengine bridges
 * its G.711 to the service's WebRTC; the stored WAV follows the speech the phone played.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoUser } from '../../../server/src/features/accounts/demo-users';
import { CallState } from '../../../src-main/core/features/calls/sip/call-state';
import { addDevice } from '../../../server/src/features/devices';
import { createPhone, sleep, waitFor, type TestPhone } from '../../support/engine-harness';
import { bestLoopedCorrelation, readWav, rmsEnvelope } from '../../support/audio-envelope';
import { BaresipClient } from '../../support/baresip-client';
import { SipUdpClient } from '../../support/sip-udp-client';
import { makeSpeechWav } from '../../support/speech-wav';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

const USERS: DemoUser[] = [
  { number: '100', password: 'Welcome100!', displayName: 'Alice Desk' },
  { number: '101', password: 'Welcome101!', displayName: 'Bruno Phone' },
];

describe('sip:voicemail@domain: the caller’s own mailbox', () => {
  let stack: UcStack;
  let alice: TestPhone;
  let bruno: TestPhone;
  const clients: SipUdpClient[] = [];
  let deskPhone: BaresipClient | undefined;
  let work: string;

  beforeAll(async () => {
    stack = await startUcStack({ users: USERS });
    const sip = { users: await stack.sipUsers(), wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain };
    alice = createPhone(sip, '100');
    expect((await alice.engine.start()).status).toBe('registered');
    bruno = createPhone(sip, '101');
    expect((await bruno.engine.start()).status).toBe('registered');
  }, 60_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await deskPhone?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
    await alice?.dispose();
    await bruno?.dispose();
    await stack?.stop();
  });

  it('answers the owner with the "no PIN yet" prompt, hangs up, and records nothing', async () => {
    const call = alice.engine.dial('voicemail');
    await waitFor('the mailbox answers', () => call.state === CallState.Established, 15_000);
    await waitFor(
      'the prompt plays',
      () => (alice.media.stats(call.mediaSessionId!)?.rxAudioPackets ?? 0) > 100,
      10_000,
    );
    // the prompt is 13.3 s (assets/voicemail/no-pin-en-fr.wav); then the service hangs up
    await waitFor('the service hangs up after the prompt', () => call.state === CallState.Terminated, 25_000);
    expect(call.endReason).toBe('remote-hangup');
    const stored = await stack.ctx!.db.selectFrom('voicemails').selectAll().execute();
    expect(stored).toEqual([]);
  }, 60_000);

  it("the desk phone's MWI subscription gets the mailbox state (Message-Account sip:voicemail@…), then again on refresh", async () => {
    // 101 leaves 100 a message (greeting 2.3 s + beep, then about a second of audio)
    const call = bruno.engine.dial('vm100');
    await waitFor('the mailbox answers 101', () => call.state === CallState.Established, 15_000);
    await sleep(4_000);
    await call.hangup();
    const deadline = Date.now() + 10_000;
    while ((await stack.ctx!.db.selectFrom('voicemails').select('id').execute()).length === 0) {
      if (Date.now() > deadline) throw new Error('no voicemail stored for 100 within 10 s');
      await sleep(100);
    }

    const { device, password } = await addDevice(stack.ctx!, '100', 'Desk phone');
    const phone = await SipUdpClient.open(
      { host: '127.0.0.1', port: stack.kamailio.process.udpPort },
      { user: device.sip_user, password },
    );
    clients.push(phone);
    const subscribe = {
      method: 'SUBSCRIBE',
      uri: 'sip:100@127.0.0.1',
      from: '<sip:100@127.0.0.1>;tag=mwi-vm',
      to: '<sip:100@127.0.0.1>',
      callId: 'mwi-voicemail-test',
      cseq: 1,
      headers: [`Contact: ${phone.contact('100')}`, 'Event: message-summary', 'Expires: 10'],
    };
    const waiting = (m: { method?: string; body: string }): boolean =>
      m.method === 'NOTIFY' && /Messages-Waiting: yes/.test(m.body);
    // the publication follows the stored message: the first NOTIFY may come before it
    const created = await phone.send(subscribe);
    expect(created.status).toBe(200);
    const first = await phone.waitForRequest('a NOTIFY with the waiting message', waiting, 15_000);
    expect(first.body).toContain('Message-Account: sip:voicemail@127.0.0.1');
    expect(first.body).toMatch(/Voice-Message: 1\/0/);
    const seen = phone.requests.length;
    const toTag = /;tag=([^;>\s]+)/.exec(created.header('To') ?? '')?.[1];
    const target = /<([^>]+)>/.exec(created.header('Contact') ?? '')?.[1];
    const refreshed = await phone.send({ ...subscribe, uri: target!, to: `<sip:100@127.0.0.1>;tag=${toTag}`, cseq: 3 });
    expect(refreshed.status).toBe(200);
    await phone.waitForRequest('the NOTIFY of the refresh', (m) => waiting(m) && phone.requests.indexOf(m) >= seen);
  }, 60_000);

  it('a desk phone leaves a message (plain RTP bridged by rtpengine): the stored audio is what it said', async () => {
    work = mkdtempSync(join(tmpdir(), 'sb-devvm-'));
    const once = join(work, 'speech-8k.wav');
    const long = join(work, 'speech-8k-x10.wav');
    execFileSync('sox', [makeSpeechWav(join(work, 'speech-22k.wav')), '-r', '8000', '-c', '1', '-b', '16', once]);
    execFileSync('sox', [once, long, 'repeat', '9']);
    const { device, password } = await addDevice(stack.ctx!, '101', 'Desk phone');
    deskPhone = await BaresipClient.start({
      user: '101',
      authUser: device.sip_user,
      password,
      domain: '127.0.0.1',
      proxy: { host: '127.0.0.1', udpPort: stack.kamailio.process.udpPort },
      audio: { wav: long },
    });
    const before = await stack.ctx!.db.selectFrom('voicemails').select('id').execute();
    const mark = deskPhone.events.length;
    await deskPhone.command('dial', 'sip:vm100@127.0.0.1');
    await deskPhone.waitForEvent(
      'the mailbox answers the desk phone',
      (e) => e.type === 'CALL_ESTABLISHED' && deskPhone!.events.indexOf(e) >= mark,
      15_000,
    );
    // greeting + beep (2.7 s), then about 5 s of speech
    await sleep(8_000);
    await deskPhone.command('hangup');
    const deadline = Date.now() + 10_000;
    let stored = await stack.ctx!.db.selectFrom('voicemails').selectAll().execute();
    while (stored.length === before.length) {
      if (Date.now() > deadline) throw new Error('no message stored within 10 s');
      await sleep(100);
      stored = await stack.ctx!.db.selectFrom('voicemails').selectAll().execute();
    }
    const message = stored.find((row) => !before.some((b) => b.id === row.id))!;
    // the device calls as its user
    expect(message.caller_number).toBe('101');
    expect(message.duration_ms).toBeGreaterThan(3_000);
    const recorded = readWav(join(stack.ctx!.config.dataDir, message.path));
    const reference = rmsEnvelope(readWav(once), 50);
    const { correlation } = bestLoopedCorrelation(rmsEnvelope(recorded, 50), reference);
    console.log(
      `desk phone -> voicemail: ${(message.duration_ms / 1000).toFixed(1)} s stored, envelope correlation ${correlation.toFixed(2)}`,
    );
    expect(correlation).toBeGreaterThan(0.7);

    // the number it is given for its own mailbox: answered with the owner's prompt, then hung up
    const own = deskPhone.events.length;
    await deskPhone.command('dial', 'sip:voicemail@127.0.0.1');
    await deskPhone.waitForEvent(
      'its own mailbox answers',
      (e) => e.type === 'CALL_ESTABLISHED' && deskPhone!.events.indexOf(e) >= own,
      15_000,
    );
    await deskPhone.waitForEvent(
      'the service hangs up after the 13 s prompt',
      (e) => e.type === 'CALL_CLOSED' && deskPhone!.events.indexOf(e) >= own,
      25_000,
    );
    const account101 = await stack
      .ctx!.db.selectFrom('accounts')
      .select('id')
      .where('number', '=', '101')
      .executeTakeFirstOrThrow();
    expect(
      await stack.ctx!.db.selectFrom('voicemails').select('id').where('account_id', '=', account101.id).execute(),
    ).toEqual([]);
  }, 90_000);
});
