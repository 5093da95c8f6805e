/**
 * Voicemail end to end (SPEC H1/H2, G4): Alice (100) calls Bruno's mailbox
 * from Chromium with a speech WAV as microphone, speaks and hangs up; the
 * real voicemail service records it. Bruno's page shows "Voice message" with
 * the new counter at 1, plays it (the recording matches the speech), marks it
 * listened (counter 0) and new again, calls Alice back and deletes it. A
 * second message arrives through the popup's "Voicemail" (deflect) button.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginResponseSchema } from '../../src-preload/contract/session/session-http';
import { voicemailListResponseSchema, type Voicemail } from '../../src-preload/contract/voicemail/voicemail-http';
import { decodeWav } from '../../server/src/features/voicemail/wav-codec';
import { bestLoopedCorrelation, readWav, rmsEnvelope } from '../support/audio-envelope';
import { makeSpeechWav } from '../support/speech-wav';
import { openTwoClients, type TwoClients } from '../support/two-clients';

/** greeting (2.3 s) + beep (0.4 s) + margin */
const PROMPT_MS = 3_000;
const SPEAK_MS = 5_000;

describe('voicemail in the web shell', () => {
  let clients: TwoClients;
  let work: string;
  let wav: string;
  let brunoToken: string;

  async function api(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${clients.stack.apiUrl}${path}`, { ...init, headers: { authorization: `Bearer ${brunoToken}` } });
  }

  async function mailbox(): Promise<Voicemail[]> {
    const res = await api('/voicemails');
    expect(res.status).toBe(200);
    return voicemailListResponseSchema.parse(await res.json()).voicemails;
  }

  async function waitEstablished(page: Page): Promise<void> {
    await expect
      .poll(() => page.getByTestId('call-item').first().getAttribute('data-state'), { timeout: 15_000 })
      .toBe('established');
  }

  async function hangUpAndWait(page: Page): Promise<void> {
    await page.getByTestId('call-hangup').first().click();
    await expect.poll(() => page.getByTestId('call-item').count(), { timeout: 10_000 }).toBe(0);
  }

  const newCount = (page: Page) =>
    page
      .getByTestId('voicemail-new-count')
      .getAttribute('data-count', { timeout: 500 })
      .catch(() => '0');

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'sb-e2e-vm-'));
    wav = makeSpeechWav(join(work, 'speech.wav'));
    clients = await openTwoClients({ fakeAudioWav: wav });
    const res = await fetch(`${clients.stack.apiUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: '101', password: 'Welcome101!' }),
    });
    brunoToken = loginResponseSchema.parse(await res.json()).accessToken;
  });

  afterAll(async () => {
    await clients?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('Alice leaves a message in Bruno mailbox; Bruno sees it as new with the counter at 1', async () => {
    const { alice, bruno } = clients;
    expect(await bruno.page.getByTestId('voicemail-item').count()).toBe(0);
    await alice.page.getByTestId('dial-input').fill(`sip:vm101@${clients.stack.kamailio.domain}`);
    await alice.page.getByTestId('dial-input').press('Enter');
    await waitEstablished(alice.page);
    await alice.page.waitForTimeout(PROMPT_MS + SPEAK_MS);
    await hangUpAndWait(alice.page);

    const item = bruno.page.getByTestId('voicemail-item');
    await item.first().waitFor({ state: 'visible', timeout: 10_000 });
    expect(await item.count()).toBe(1);
    expect(await item.first().getAttribute('data-listened')).toBe('false');
    expect(await item.first().textContent()).toContain('Voice message');
    expect(await bruno.page.getByTestId('voicemail-caller').first().textContent()).toContain('Alice Martin');
    expect(await newCount(bruno.page)).toBe('1');
    // the engine's counter (tray, badges) follows
    expect((await bruno.backend.invoke('counters.get', {})).newVoicemails).toBe(1);
    // Alice's own mailbox is empty
    expect(await alice.page.getByTestId('voicemail-item').count()).toBe(0);
  });

  it('the recording is what Alice said', async () => {
    const [vm] = await mailbox();
    expect(vm).toBeDefined();
    expect(vm!.durationMs).toBeGreaterThan(SPEAK_MS - 1_500);
    expect(vm!.durationMs).toBeLessThan(SPEAK_MS + PROMPT_MS);
    const res = await api(`/voicemails/${vm!.id}/audio`);
    expect(res.headers.get('content-type')).toBe('audio/wav');
    const recorded = decodeWav(new Uint8Array(await res.arrayBuffer()));
    const received = rmsEnvelope(
      { sampleRate: recorded.sampleRate, samples: Float32Array.from(recorded.samples, (x) => x / 32768) },
      20,
    );
    const reference = rmsEnvelope(readWav(wav), 20);
    const { correlation } = bestLoopedCorrelation(received, reference);
    console.log(`voicemail envelope correlation: ${correlation.toFixed(3)} over ${received.length} windows`);
    expect(correlation).toBeGreaterThanOrEqual(0.75);
  });

  it('Bruno plays it (marked listened, counter 0), marks it new again and listened again', async () => {
    const page = clients.bruno.page;
    const item = page.getByTestId('voicemail-item').first();
    await item.getByTestId('voicemail-play').click();
    const audio = page.getByTestId('voicemail-audio');
    await audio.waitFor({ state: 'attached', timeout: 10_000 });
    expect(await audio.getAttribute('src')).toMatch(/^blob:/);
    // the player decoded the WAV: its duration is the message's
    const [vm] = await mailbox();
    await expect
      .poll(() => audio.evaluate((el) => (el as HTMLAudioElement).duration), { timeout: 10_000 })
      .toBeGreaterThan(0);
    const seconds = await audio.evaluate((el) => (el as HTMLAudioElement).duration);
    expect(Math.abs(seconds * 1000 - vm!.durationMs)).toBeLessThan(100);
    await expect.poll(() => item.getAttribute('data-listened'), { timeout: 10_000 }).toBe('true');
    await expect.poll(() => newCount(page), { timeout: 10_000 }).toBe('0');
    expect((await mailbox())[0]!.listened).toBe(true);

    await item.getByTestId('voicemail-toggle-listened').click();
    await expect.poll(() => newCount(page), { timeout: 10_000 }).toBe('1');
    expect((await mailbox())[0]!.listened).toBe(false);
    await item.getByTestId('voicemail-toggle-listened').click();
    await expect.poll(() => newCount(page), { timeout: 10_000 }).toBe('0');
    expect((await clients.bruno.backend.invoke('counters.get', {})).newVoicemails).toBe(0);
  });

  it('Bruno calls Alice back from the message', async () => {
    const { alice, bruno } = clients;
    await bruno.page.getByTestId('voicemail-item').first().getByTestId('voicemail-call-back').click();
    const popup = alice.page.getByTestId('incoming-popup');
    await popup.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await popup.textContent()).toContain('101');
    await hangUpAndWait(bruno.page);
    await popup.waitFor({ state: 'hidden', timeout: 10_000 });
  });

  it('Bruno deletes it after confirming', async () => {
    const page = clients.bruno.page;
    await page.getByTestId('voicemail-item').first().getByTestId('voicemail-delete').click();
    const dialog = page.getByTestId('voicemail-delete-dialog');
    await dialog.waitFor({ state: 'visible' });
    // cancel keeps it
    await page.getByTestId('voicemail-delete-dialog-cancel').click();
    expect(await page.getByTestId('voicemail-item').count()).toBe(1);
    await page.getByTestId('voicemail-item').first().getByTestId('voicemail-delete').click();
    await page.getByTestId('voicemail-delete-dialog-ok').click();
    await expect.poll(() => page.getByTestId('voicemail-item').count(), { timeout: 10_000 }).toBe(0);
    expect(await mailbox()).toEqual([]);
  });

  it('a call Bruno deflects to his voicemail leaves a message too', async () => {
    const { alice, bruno } = clients;
    await alice.page.getByTestId('dial-input').fill('101');
    await alice.page.getByTestId('dial-input').press('Enter');
    const popup = bruno.page.getByTestId('incoming-popup');
    await popup.waitFor({ state: 'visible', timeout: 10_000 });
    await bruno.page.getByTestId('incoming-deflect').click();
    await waitEstablished(alice.page);
    await alice.page.waitForTimeout(PROMPT_MS + 1_500);
    await hangUpAndWait(alice.page);
    const item = bruno.page.getByTestId('voicemail-item');
    await item.first().waitFor({ state: 'visible', timeout: 10_000 });
    expect(await newCount(bruno.page)).toBe('1');
    const [vm] = await mailbox();
    expect(vm).toMatchObject({ callerNumber: '100', listened: false });
  });

  it('in the Menu view the Voicemail tab carries the counter, and a notification click opens it', async () => {
    const { bruno } = clients;
    await bruno.backend.invoke('settings.update', { view: 'menu' });
    const tabBadge = bruno.page.getByTestId('menu-voicemail-new');
    await tabBadge.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await tabBadge.textContent()).toBe('1');
    await bruno.page.getByTestId('menu-calls').click();
    await bruno.page.getByTestId('voicemail-section').waitFor({ state: 'detached', timeout: 5_000 });
    // what the desktop/web notification does when clicked
    bruno.backend.reportNotificationActivation({ kind: 'voicemail', peer: '100' });
    await bruno.page.getByTestId('voicemail-section').waitFor({ state: 'visible', timeout: 5_000 });
    expect(await bruno.page.getByTestId('menu-voicemail').getAttribute('aria-current')).toBe('page');
    expect(await bruno.page.getByTestId('voicemail-item').count()).toBe(1);
  });
});
