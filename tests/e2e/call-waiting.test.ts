/**
 * Call waiting (issue #15) through the real stack: Bruno (101, web shell in Chromium, his
 * microphone plays a speech WAV) talks with Alice (100, web shell); Chloé (102, a werift phone on
 * the same Kamailio) calls Bruno. The second call rings with the waiting tone and shows in the
 * calls panel and the popup; answering it holds Alice (she receives no more audio from Bruno,
 * Chloé does); rejecting it leaves Bruno and Alice talking.
 */
// the renderer's window globals (window.__ucMediaTest, the e2e media hook)
import type {} from '../../src-renderer/src/global';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createPhone, sleep, waitFor, type TestPhone } from '../support/engine-harness';
import { makeSpeechWav } from '../support/speech-wav';
import { openTwoClients, type TwoClients } from '../support/two-clients';
import type { WebShellClient } from '../support/web-shell-client';
import type { Call } from '../../src-main/core/features/calls/sip/call';

const inboundPackets = (page: Page) => page.evaluate(() => window.__ucMediaTest!.inboundPackets());
const ringTone = (page: Page) => page.evaluate(() => window.__ucMediaTest!.devices().ringTone);

describe('call waiting in the web shell', () => {
  let work: string;
  let clients: TwoClients;
  let alice: WebShellClient;
  let bruno: WebShellClient;
  let chloe: TestPhone;

  const item = (page: Page, state: string) => page.locator(`[data-testid="call-item"][data-state="${state}"]`);

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'sb-e2e-wait-'));
    clients = await openTwoClients({ fakeAudioWav: makeSpeechWav(join(work, 'speech.wav')) });
    ({ alice, bruno } = clients);
    chloe = createPhone({ ...clients.stack.kamailio, users: await clients.stack.sipUsers() }, '102');
    expect((await chloe.engine.start()).status).toBe('registered');
  }, 90_000);

  afterAll(async () => {
    await chloe?.dispose();
    await clients?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** Alice calls Bruno, Bruno answers; Alice hears Bruno. */
  async function aliceTalksWithBruno(): Promise<void> {
    await alice.page.getByTestId('dial-input').fill('101');
    await alice.page.getByTestId('dial-input').press('Enter');
    await bruno.page.getByTestId('incoming-popup').waitFor({ state: 'visible', timeout: 15_000 });
    // the only call: the full ring tone, not the waiting tone
    await expect.poll(() => ringTone(bruno.page), { timeout: 5_000 }).toBe('ring');
    await bruno.page.getByTestId('incoming-answer').click();
    await item(alice.page, 'established').waitFor({ timeout: 15_000 });
    const start = await inboundPackets(alice.page);
    await expect.poll(() => inboundPackets(alice.page), { timeout: 10_000 }).toBeGreaterThan(start + 50);
  }

  /** Chloé calls Bruno during his call: it waits (tone, panel, popup). */
  async function chloeCallsBruno(): Promise<Call> {
    const call = chloe.engine.dial('101');
    await item(bruno.page, 'ringing-in').waitFor({ timeout: 15_000 });
    expect(await bruno.page.getByTestId('call-item').count()).toBe(2);
    const popup = bruno.page.getByTestId('incoming-popup');
    await popup.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await popup.getAttribute('data-waiting')).toBe('true');
    expect(await popup.textContent()).toContain('102');
    await expect.poll(() => ringTone(bruno.page), { timeout: 5_000 }).toBe('waiting');
    return call;
  }

  async function hangUpEverything(): Promise<void> {
    for (let i = 0; i < 4 && (await bruno.page.getByTestId('call-hangup').count()) > 0; i++) {
      await bruno.page.getByTestId('call-hangup').first().click();
      await sleep(300);
    }
    await expect.poll(() => bruno.page.getByTestId('call-item').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => alice.page.getByTestId('call-item').count(), { timeout: 15_000 }).toBe(0);
  }

  it('answering the waiting call holds the first: audio only on the answered call', async () => {
    await aliceTalksWithBruno();
    const atChloe = await chloeCallsBruno();
    const aliceAtBruno = await item(bruno.page, 'established').getAttribute('data-call-id');

    await bruno.page.getByTestId('incoming-answer').click();
    await waitFor('Chloé answered', () => atChloe.state === 'established', 15_000);
    await expect
      .poll(() => bruno.page.locator(`[data-call-id="${aliceAtBruno}"]`).getAttribute('data-state'), {
        timeout: 10_000,
      })
      .toBe('held');
    // never two unheld calls
    expect(await item(bruno.page, 'established').count()).toBe(1);
    await expect.poll(() => ringTone(bruno.page), { timeout: 5_000 }).toBe('none');

    // Chloé receives Bruno's audio
    await waitFor(
      'Bruno audio at Chloé',
      () => (chloe.media.stats(atChloe.mediaSessionId!)?.rxAudioPackets ?? 0) > 50,
      15_000,
    );
    // Alice receives nothing any more: no RTP from Bruno while she is held (a=inactive)
    await alice.page.waitForTimeout(1000);
    const heldStart = await inboundPackets(alice.page);
    await alice.page.waitForTimeout(2000);
    expect(await inboundPackets(alice.page)).toBe(heldStart);
    const chloeBefore = chloe.media.stats(atChloe.mediaSessionId!)!.rxAudioPackets;
    await waitFor(
      'more Bruno audio at Chloé',
      () => chloe.media.stats(atChloe.mediaSessionId!)!.rxAudioPackets > chloeBefore + 50,
      10_000,
    );

    await atChloe.hangup();
    await hangUpEverything();
  });

  it('rejecting the waiting call leaves Bruno and Alice talking', async () => {
    await aliceTalksWithBruno();
    const atChloe = await chloeCallsBruno();
    await bruno.page.getByTestId('incoming-reject').click();
    await waitFor('Chloé refused', () => atChloe.state === 'terminated', 10_000);
    expect(atChloe.endReason).toBe('rejected');
    await expect.poll(() => bruno.page.getByTestId('call-item').count(), { timeout: 10_000 }).toBe(1);
    expect(await item(bruno.page, 'established').count()).toBe(1);
    expect(await item(alice.page, 'established').count()).toBe(1);
    await expect.poll(() => ringTone(bruno.page), { timeout: 5_000 }).toBe('none');
    const before = await inboundPackets(alice.page);
    await expect.poll(() => inboundPackets(alice.page), { timeout: 10_000 }).toBeGreaterThan(before + 50);
    await hangUpEverything();
  });
});
