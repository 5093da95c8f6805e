/**
 * The riskiest path, end to end: two web-shell clients in Chromium call each
 * other through a real Kamailio with real WebRTC; A's microphone plays a
 * speech WAV and B must hear it (loudness-envelope correlation >= 0.8).
 */
// the renderer's window globals (window.__ucMediaTest, the e2e media hook)
import type {} from '../../src-renderer/src/global';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startUcStack, type UcStack } from '../support/uc-stack-fixture';
import { launchChromium } from '../support/chromium';
import { makeSpeechWav } from '../support/speech-wav';
import { bestLoopedCorrelation, readWav, rmsEnvelope } from '../support/audio-envelope';
import { logIn, openWebShellClient, type WebShellClient } from '../support/web-shell-client';

async function record(page: Page, ms: number): Promise<number[]> {
  await page.evaluate(() => window.__ucMediaTest!.startRecording());
  await page.waitForTimeout(ms);
  const { rms } = await page.evaluate(() => window.__ucMediaTest!.stopRecording());
  return rms;
}

const inboundPackets = (page: Page) => page.evaluate(() => window.__ucMediaTest!.inboundPackets());

describe('audio call between two web-shell clients through Kamailio', () => {
  let stack: UcStack;
  let browser: Browser;
  let a: WebShellClient;
  let b: WebShellClient;
  let work: string;
  let wav: string;
  let server: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'sb-e2e-'));
    wav = makeSpeechWav(join(work, 'speech.wav'));
    stack = await startUcStack();
    server = stack.serverAddress;
    browser = await launchChromium({ fakeAudioWav: wav });
    a = await openWebShellClient(browser, 'a');
    b = await openWebShellClient(browser, 'b');
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await browser?.close();
    await stack?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('logs both users in and shows them registered', async () => {
    await logIn(a.page, { user: '100', password: 'Welcome100!', server });
    await logIn(b.page, { user: '101', password: 'Welcome101!', server });
    await expect
      .poll(() => a.page.getByTestId('registration-status').getAttribute('data-status'), { timeout: 15_000 })
      .toBe('registered');
    await expect
      .poll(() => b.page.getByTestId('registration-status').getAttribute('data-status'), { timeout: 15_000 })
      .toBe('registered');
  });

  it('A dials B, B answers in the popup, B hears A', async () => {
    await a.page.getByTestId('dial-input').fill('101');
    await a.page.getByTestId('dial-input').press('Enter');
    const popup = b.page.getByTestId('incoming-popup');
    await popup.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await popup.textContent()).toContain('100');
    await b.page.getByTestId('incoming-answer').click();
    for (const page of [a.page, b.page]) {
      await expect
        .poll(() => page.getByTestId('call-item').first().getAttribute('data-state'), { timeout: 10_000 })
        .toBe('established');
    }
    // let the jitter buffer settle, then record what B plays out
    await expect.poll(() => inboundPackets(b.page), { timeout: 10_000 }).toBeGreaterThan(50);
    const received = await record(b.page, 7000);
    const reference = rmsEnvelope(readWav(wav), 20);
    const { correlation } = bestLoopedCorrelation(received, reference);
    console.log(`audio envelope correlation B<-A: ${correlation.toFixed(3)} over ${received.length} windows`);
    expect(correlation).toBeGreaterThanOrEqual(0.8);
  });

  it('hold stops media and resume restarts it', async () => {
    await a.page.getByTestId('call-hold').click();
    await expect
      .poll(() => a.page.getByTestId('call-item').first().getAttribute('data-state'), { timeout: 10_000 })
      .toBe('held');
    await b.page.waitForTimeout(1000);
    const heldStart = await inboundPackets(b.page);
    await b.page.waitForTimeout(1500);
    expect(await inboundPackets(b.page)).toBe(heldStart);

    await a.page.getByTestId('call-resume').click();
    await expect
      .poll(() => a.page.getByTestId('call-item').first().getAttribute('data-state'), { timeout: 10_000 })
      .toBe('established');
    const resumed = await inboundPackets(b.page);
    await expect.poll(() => inboundPackets(b.page), { timeout: 10_000 }).toBeGreaterThan(resumed + 25);
  });

  it('mute silences A at B, unmute brings the voice back', async () => {
    await a.page.getByTestId('call-mute').click();
    await a.page.waitForTimeout(500);
    const muted = await record(b.page, 2500);
    const mutedPeak = Math.max(...muted);
    await a.page.getByTestId('call-unmute').click();
    await a.page.waitForTimeout(500);
    const unmuted = await record(b.page, 4000);
    const unmutedPeak = Math.max(...unmuted);
    console.log(`peak RMS at B: muted ${mutedPeak.toFixed(4)}, unmuted ${unmutedPeak.toFixed(4)}`);
    expect(mutedPeak).toBeLessThan(0.01);
    expect(unmutedPeak).toBeGreaterThan(mutedPeak * 10);
  });

  it('A hangs up; both journals show the answered call', async () => {
    await a.page.getByTestId('call-hangup').click();
    for (const page of [a.page, b.page]) {
      await expect.poll(() => page.getByTestId('call-item').count(), { timeout: 10_000 }).toBe(0);
      const item = page.getByTestId('journal-item').first();
      await item.waitFor({ state: 'visible', timeout: 10_000 });
      expect(await item.getAttribute('data-result')).toBe('answered');
    }
    expect(await a.page.getByTestId('journal-item').first().textContent()).toContain('101');
    expect(await b.page.getByTestId('journal-item').first().textContent()).toContain('100');
  });

  it('a wrong password shows "authentication failed" and nothing crashes', async () => {
    const c = await openWebShellClient(browser, 'c');
    try {
      await logIn(c.page, { user: '102', password: 'wrong-password', server });
      await expect
        .poll(() => c.page.getByTestId('login-error').textContent(), { timeout: 15_000 })
        .toMatch(/authentication failed/i);
      // the form stays usable: the right password now logs in (102 must change it first)
      await c.page.getByTestId('login-password').fill('Welcome102!');
      await c.page.getByTestId('login-submit').click();
      await c.page.getByTestId('pw-new').waitFor({ state: 'visible', timeout: 15_000 });
    } finally {
      await c.close();
    }
  });
});
