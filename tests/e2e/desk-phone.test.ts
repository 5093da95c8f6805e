/**
 * A desk phone and the app in Chromium (issue #12): baresip over UDP (plain RTP/AVP, G.711) calls
 * the web-shell client and the other way round, through Kamailio and rtpengine. Chromium's fake
 * microphone plays a speech WAV, the phone plays the same sentence; each side records what it
 * hears and its loudness envelope must match the sentence's (correlation >= 0.8): audio crosses
 * the bridge both ways, DTLS-SRTP on the browser's side, plain RTP on the phone's.
 */
// the renderer's window globals (window.__ucMediaTest, the e2e media hook)
import type {} from '../../src-renderer/src/global';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startUcStack, type UcStack } from '../support/uc-stack-fixture';
import { launchChromium } from '../support/chromium';
import { makeSpeechWav } from '../support/speech-wav';
import { bestLoopedCorrelation, readWav, rmsEnvelope } from '../support/audio-envelope';
import { BaresipClient } from '../support/baresip-client';
import { logIn, openWebShellClient, type WebShellClient } from '../support/web-shell-client';
import { waitRegistered } from '../support/two-clients';

const MIN_CORRELATION = 0.8;

async function record(page: Page, ms: number): Promise<number[]> {
  await page.evaluate(() => window.__ucMediaTest!.startRecording());
  await page.waitForTimeout(ms);
  const { rms } = await page.evaluate(() => window.__ucMediaTest!.stopRecording());
  return rms;
}

const inboundPackets = (page: Page) => page.evaluate(() => window.__ucMediaTest!.inboundPackets());
const callState = (page: Page) => page.getByTestId('call-item').first().getAttribute('data-state');

describe('desk phone (baresip) <-> app in Chromium through rtpengine', () => {
  let stack: UcStack;
  let browser: Browser;
  let app: WebShellClient;
  let desk: BaresipClient;
  let work: string;
  let wav: string;
  let reference20ms: number[];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'sb-e2e-desk-'));
    wav = makeSpeechWav(join(work, 'speech.wav'));
    const once = join(work, 'speech-8k.wav');
    const long = join(work, 'speech-8k-x10.wav');
    execFileSync('sox', [wav, '-r', '8000', '-c', '1', '-b', '16', once]);
    execFileSync('sox', [once, long, 'repeat', '9']);
    reference20ms = rmsEnvelope(readWav(wav), 20);
    stack = await startUcStack();
    browser = await launchChromium({ fakeAudioWav: wav });
    app = await openWebShellClient(browser, 'app');
    await logIn(app.page, { user: '100', password: 'Welcome100!', server: stack.serverAddress });
    await waitRegistered(app.page);
    desk = await BaresipClient.start({
      user: '101',
      password: await stack.sipPasswordOf('101'),
      domain: stack.kamailio.domain,
      proxy: { host: '127.0.0.1', udpPort: stack.kamailio.process.udpPort },
      audio: { wav: long, record: true },
      sipTrace: true,
    });
  }, 90_000);

  afterAll(async () => {
    if (process.env.SB_SDP_DEBUG) console.error(desk?.output, stack?.kamailio.rtpengine.logTail(60));
    await desk?.stop();
    await app?.close();
    await browser?.close();
    await stack?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function phoneHeard(ms: number): Promise<number> {
    const mark = desk.heardMark();
    await app.page.waitForTimeout(ms);
    const heard = desk.heardAudio(mark);
    expect(heard.samples.length / heard.sampleRate).toBeGreaterThan((ms / 1000) * 0.8);
    return bestLoopedCorrelation(rmsEnvelope(heard, 50), rmsEnvelope(readWav(join(work, 'speech-8k.wav')), 50))
      .correlation;
  }

  it('the desk phone calls the app user: the app hears the phone and the phone hears the app', async () => {
    await desk.command('dial', `sip:100@${stack.kamailio.domain}`);
    const popup = app.page.getByTestId('incoming-popup');
    await popup.waitFor({ state: 'visible', timeout: 10_000 });
    await app.page.getByTestId('incoming-answer').click();
    await expect.poll(() => callState(app.page), { timeout: 10_000 }).toBe('established');
    await desk.waitForEvent('the phone is connected', (e) => e.type === 'CALL_ESTABLISHED');
    expect(await stack.kamailio.rtpengine.callIds()).toHaveLength(1);

    await expect.poll(() => inboundPackets(app.page), { timeout: 10_000 }).toBeGreaterThan(50);
    const heardByApp = bestLoopedCorrelation(await record(app.page, 6000), reference20ms).correlation;
    const heardByPhone = await phoneHeard(5000);
    console.log(`[desk e2e] phone -> app: app heard ${heardByApp.toFixed(3)}, phone heard ${heardByPhone.toFixed(3)}`);
    expect(heardByApp).toBeGreaterThanOrEqual(MIN_CORRELATION);
    expect(heardByPhone).toBeGreaterThanOrEqual(MIN_CORRELATION);

    await app.page.getByTestId('call-hangup').click();
    await desk.waitForEvent('the phone hangs up', (e) => e.type === 'CALL_CLOSED');
    await expect.poll(() => stack.kamailio.rtpengine.callIds(), { timeout: 5_000 }).toEqual([]);
  });

  it('the app user calls the desk phone: audio both ways, hold and resume from the app', async () => {
    const closedBefore = desk.events.filter((e) => e.type === 'CALL_CLOSED').length;
    const incomingBefore = desk.events.filter((e) => e.type === 'CALL_INCOMING').length;
    await app.page.getByTestId('dial-input').fill('101');
    await app.page.getByTestId('dial-input').press('Enter');
    await desk.waitForEvent(
      'the phone rings',
      () => desk.events.filter((e) => e.type === 'CALL_INCOMING').length > incomingBefore,
    );
    await desk.command('accept');
    await expect.poll(() => callState(app.page), { timeout: 10_000 }).toBe('established');

    await expect.poll(() => inboundPackets(app.page), { timeout: 10_000 }).toBeGreaterThan(50);
    const heardByApp = bestLoopedCorrelation(await record(app.page, 6000), reference20ms).correlation;
    const heardByPhone = await phoneHeard(5000);
    console.log(`[desk e2e] app -> phone: app heard ${heardByApp.toFixed(3)}, phone heard ${heardByPhone.toFixed(3)}`);
    expect(heardByApp).toBeGreaterThanOrEqual(MIN_CORRELATION);
    expect(heardByPhone).toBeGreaterThanOrEqual(MIN_CORRELATION);

    // hold from the app: Chromium's re-INVITE goes through rtpengine, nothing reaches the app
    await app.page.getByTestId('call-hold').click();
    await expect.poll(() => callState(app.page), { timeout: 10_000 }).toBe('held');
    await app.page.waitForTimeout(1000);
    const heldStart = await inboundPackets(app.page);
    await app.page.waitForTimeout(1500);
    expect((await inboundPackets(app.page)) - heldStart).toBeLessThan(10);
    await app.page.getByTestId('call-resume').click();
    await expect.poll(() => callState(app.page), { timeout: 10_000 }).toBe('established');
    const resumed = await inboundPackets(app.page);
    // a second of the jitter buffer settling again after the pause, as after the answer
    await expect.poll(() => inboundPackets(app.page), { timeout: 10_000 }).toBeGreaterThan(resumed + 100);
    const afterResume = bestLoopedCorrelation(await record(app.page, 5000), reference20ms).correlation;
    console.log(`[desk e2e] after resume: app heard ${afterResume.toFixed(3)}`);
    expect(afterResume).toBeGreaterThanOrEqual(MIN_CORRELATION);

    await desk.command('hangup');
    await desk.waitForEvent(
      'the phone hangs up',
      () => desk.events.filter((e) => e.type === 'CALL_CLOSED').length > closedBefore,
    );
    await expect.poll(() => stack.kamailio.rtpengine.callIds(), { timeout: 5_000 }).toEqual([]);
  });
});
