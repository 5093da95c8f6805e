/**
 * SPEC F3 "conference from consultation" (issue #14 item 8) through the real stack: three
 * web-shell clients in three Chromiums, each microphone playing its own tone (Alice 500 Hz,
 * Bruno 900 Hz, Chloé 1400 Hz, in bursts). Alice calls Bruno, consults Chloé (Bruno on hold),
 * then presses Conference: her media host mixes the two calls, so each of the three hears the
 * other two — and nobody hears their own tone back. Alice's mute silences only her own voice. Alice leaves: Bruno and Chloé are connected
 * to each other (attended transfer) and keep hearing each other.
 */
// the renderer's window globals (window.__ucMediaTest, the e2e media hook)
import type {} from '../../src-renderer/src/global';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoUsers } from '../../server/src/features/accounts/demo-users';
import { toneShareOf } from '../../src-renderer/src/media-host/tone-share';
import { BaresipClient } from '../support/baresip-client';
import { launchChromium } from '../support/chromium';
import { waitRegistered } from '../support/two-clients';
import { toneWav } from '../support/tone-wav';
import { startUcStack, type UcStack } from '../support/uc-stack-fixture';
import { logIn, openWebShellClient, type WebShellClient } from '../support/web-shell-client';

interface Party {
  name: string;
  number: string;
  tone: number;
  browser: Browser;
  client: WebShellClient;
}

describe('three-party call from a consultation', () => {
  let work: string;
  let stack: UcStack;
  let desk: BaresipClient | undefined;
  const parties: Party[] = [];
  const party = (name: string): Party => parties.find((p) => p.name === name)!;
  const page = (name: string): Page => party(name).client.page;
  const tones = () => parties.map((p) => p.tone);

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'sb-e2e-3p-'));
    // Chloé logs in from the app too: no forced password change on the way
    stack = await startUcStack({ users: loadDemoUsers().map((u) => ({ ...u, mustChangePassword: false })) });
    const setup = [
      { name: 'alice', number: '100', tone: 500, on: 0.3, off: 0.2 },
      { name: 'bruno', number: '101', tone: 900, on: 0.4, off: 0.3 },
      { name: 'chloe', number: '102', tone: 1400, on: 0.25, off: 0.25 },
    ];
    for (const s of setup) {
      const browser = await launchChromium({ fakeAudioWav: toneWav(join(work, `${s.name}.wav`), s.tone, s.on, s.off) });
      const client = await openWebShellClient(browser, s.name);
      parties.push({ name: s.name, number: s.number, tone: s.tone, browser, client });
      await logIn(client.page, { user: s.number, password: `Welcome${s.number}!`, server: stack.serverAddress });
    }
    for (const p of parties) await waitRegistered(p.client.page);
  }, 120_000);

  afterAll(async () => {
    await desk?.stop();
    for (const p of parties) {
      await p.client.close().catch(() => undefined);
      await p.browser.close().catch(() => undefined);
    }
    await stack?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const items = (name: string, state?: string) =>
    page(name).locator(state ? `[data-testid="call-item"][data-state="${state}"]` : '[data-testid="call-item"]');

  async function answerIncoming(name: string): Promise<void> {
    await page(name).getByTestId('incoming-popup').waitFor({ state: 'visible', timeout: 15_000 });
    await page(name).getByTestId('incoming-answer').click();
    await items(name, 'established').first().waitFor({ timeout: 15_000 });
  }

  /** Records 6 s at every party at once; the share of each party's tone in what each one hears. */
  async function listenAll(): Promise<Record<string, Record<string, number>>> {
    const listening = parties;
    await Promise.all(listening.map((p) => p.client.page.evaluate(() => window.__ucMediaTest!.startRecording())));
    await page('alice').waitForTimeout(6_000);
    const heard: Record<string, Record<string, number>> = {};
    const freqs = tones();
    await Promise.all(
      listening.map(async (p) => {
        const { tones: shares } = await p.client.page.evaluate((f) => window.__ucMediaTest!.stopRecording(f), freqs);
        heard[p.name] = Object.fromEntries(parties.map((q, i) => [q.name, shares[i] ?? 0]));
      }),
    );
    console.log(
      `three-party tone shares (listener: {speaker: share}): ${JSON.stringify(heard, (_k, v: unknown) => (typeof v === 'number' ? Number(v.toFixed(3)) : v))}`,
    );
    return heard;
  }

  /** clearly present: each speaker is alone in some windows, so its share is well above this */
  const PRESENT = 0.15;
  /** absent: leakage of a bin next to other tones and codec noise stays far below this */
  const ABSENT = 0.05;

  it('Alice calls Bruno, consults Chloé, joins them: each of the three hears the other two', async () => {
    await page('alice').getByTestId('dial-input').fill('101');
    await page('alice').getByTestId('dial-input').press('Enter');
    await answerIncoming('bruno');
    await items('alice', 'established').waitFor({ timeout: 15_000 });
    const brunoCallId = await items('alice', 'established').getAttribute('data-call-id');

    // consultation: Bruno held, Chloé called
    await page('alice').getByTestId('call-consult').click();
    await items('alice', 'held').waitFor({ timeout: 10_000 });
    await page('alice').getByTestId('dial-input').fill('102');
    await page('alice').getByTestId('dial-input').press('Enter');
    await answerIncoming('chloe');
    await expect.poll(() => items('alice', 'established').count(), { timeout: 15_000 }).toBe(1);
    await page('alice').waitForTimeout(1_500);

    const before = await listenAll();
    // before the conference, Chloé and Bruno do not hear each other (Bruno is on hold)
    expect(before.chloe!.alice).toBeGreaterThan(PRESENT);
    expect(before.chloe!.bruno).toBeLessThan(ABSENT);
    expect(before.bruno!.chloe).toBeLessThan(ABSENT);

    await page('alice').locator(`[data-call-id="${brunoCallId}"] [data-testid="call-conference"]`).click();
    await expect.poll(() => page('alice').getByTestId('call-in-conference').count(), { timeout: 10_000 }).toBe(2);
    await expect.poll(() => items('alice', 'established').count(), { timeout: 10_000 }).toBe(2);
    expect(await page('alice').getByTestId('call-in-conference').first().textContent()).toContain('3');
    mkdirSync('test-results/three-party', { recursive: true });
    await page('alice').screenshot({ path: 'test-results/three-party/alice-in-conference.png' });
    await page('alice').waitForTimeout(1_500);

    const heard = await listenAll();
    for (const listener of parties) {
      for (const speaker of parties) {
        const share = heard[listener.name]![speaker.name]!;
        if (speaker === listener) expect(share, `${listener.name} hears themself`).toBeLessThan(ABSENT);
        else expect(share, `${listener.name} hears ${speaker.name}`).toBeGreaterThan(PRESENT);
      }
    }
  }, 120_000);

  it('Alice mutes: her microphone goes silent on both legs, Bruno and Chloé still hear each other', async () => {
    await page('alice').getByTestId('call-mute').first().click();
    await expect.poll(() => page('alice').getByTestId('call-unmute').count(), { timeout: 10_000 }).toBe(2);
    await page('alice').waitForTimeout(500);
    const heard = await listenAll();
    expect(heard.bruno!.alice).toBeLessThan(ABSENT);
    expect(heard.chloe!.alice).toBeLessThan(ABSENT);
    expect(heard.bruno!.chloe).toBeGreaterThan(PRESENT);
    expect(heard.chloe!.bruno).toBeGreaterThan(PRESENT);
    await page('alice').getByTestId('call-unmute').first().click();
    await expect.poll(() => page('alice').getByTestId('call-mute').count(), { timeout: 10_000 }).toBe(2);
  }, 60_000);

  it('Alice leaves: Bruno and Chloé stay connected to each other', async () => {
    await page('alice').getByTestId('call-conference-leave').first().click();
    await expect.poll(() => items('alice').count(), { timeout: 15_000 }).toBe(0);
    // the attended transfer replaced their calls with Alice by one between them
    await expect.poll(() => items('bruno', 'established').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => items('chloe', 'established').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => items('bruno').count(), { timeout: 15_000 }).toBe(1);
    await page('bruno').waitForTimeout(1_500);
    await Promise.all(['bruno', 'chloe'].map((n) => page(n).evaluate(() => window.__ucMediaTest!.startRecording())));
    await page('bruno').waitForTimeout(5_000);
    const freqs = tones();
    const [atBruno, atChloe] = await Promise.all(
      ['bruno', 'chloe'].map((n) => page(n).evaluate((f) => window.__ucMediaTest!.stopRecording(f), freqs)),
    );
    console.log(
      `after Alice left: Bruno hears ${JSON.stringify(atBruno!.tones)}, Chloé hears ${JSON.stringify(atChloe!.tones)}`,
    );
    expect(atBruno!.tones[2]).toBeGreaterThan(PRESENT);
    expect(atBruno!.tones[0]).toBeLessThan(ABSENT);
    expect(atChloe!.tones[1]).toBeGreaterThan(PRESENT);
    expect(atChloe!.tones[0]).toBeLessThan(ABSENT);
    await page('bruno').getByTestId('call-hangup').first().click();
    await expect.poll(() => items('chloe', 'established').count(), { timeout: 15_000 }).toBe(0);
  }, 90_000);

  it('with a desk phone (baresip, plain RTP through rtpengine) as the consulted party; it hangs up, the other call goes on', async () => {
    const DESK_TONE = 1800;
    desk = await BaresipClient.start({
      user: '103',
      password: await stack.sipPasswordOf('103'),
      domain: stack.kamailio.domain,
      proxy: { host: '127.0.0.1', udpPort: stack.kamailio.process.udpPort },
      audio: { toneHz: DESK_TONE, record: true },
    });
    await expect.poll(() => items('bruno').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => items('chloe').count(), { timeout: 15_000 }).toBe(0);

    // Alice calls Chloé, holds her and calls the desk phone
    await page('alice').getByTestId('dial-input').fill('102');
    await page('alice').getByTestId('dial-input').press('Enter');
    await answerIncoming('chloe');
    await items('alice', 'established').waitFor({ timeout: 15_000 });
    const chloeCallId = await items('alice', 'established').getAttribute('data-call-id');
    await page('alice').getByTestId('call-consult').click();
    await items('alice', 'held').waitFor({ timeout: 10_000 });
    const incoming = desk.events.filter((e) => e.type === 'CALL_INCOMING').length;
    await page('alice').getByTestId('dial-input').fill('103');
    await page('alice').getByTestId('dial-input').press('Enter');
    await desk.waitForEvent(
      'the desk phone rings',
      () => desk!.events.filter((e) => e.type === 'CALL_INCOMING').length > incoming,
    );
    await desk.command('accept');
    await expect.poll(() => items('alice', 'established').count(), { timeout: 15_000 }).toBe(1);

    await page('alice').locator(`[data-call-id="${chloeCallId}"] [data-testid="call-conference"]`).click();
    await expect.poll(() => page('alice').getByTestId('call-in-conference').count(), { timeout: 10_000 }).toBe(2);
    await page('alice').waitForTimeout(2_000);

    const freqs = [party('alice').tone, party('chloe').tone, DESK_TONE];
    const mark = desk.heardMark();
    await Promise.all(['alice', 'chloe'].map((n) => page(n).evaluate(() => window.__ucMediaTest!.startRecording())));
    await page('alice').waitForTimeout(6_000);
    const [atAlice, atChloe] = await Promise.all(
      ['alice', 'chloe'].map((n) => page(n).evaluate((f) => window.__ucMediaTest!.stopRecording(f), freqs)),
    );
    const heard = desk.heardAudio(mark);
    const atDesk = freqs.map((f) => toneShareOf(heard.samples, heard.sampleRate, f, 20));
    console.log(
      `with a desk phone (shares of alice/chloe/desk tones): Alice ${JSON.stringify(atAlice!.tones)}, Chloé ${JSON.stringify(atChloe!.tones)}, desk ${JSON.stringify(atDesk)}`,
    );
    expect(atAlice!.tones[1]).toBeGreaterThan(PRESENT);
    expect(atAlice!.tones[2]).toBeGreaterThan(PRESENT);
    expect(atChloe!.tones[0]).toBeGreaterThan(PRESENT);
    expect(atChloe!.tones[2]).toBeGreaterThan(PRESENT);
    expect(atChloe!.tones[1]).toBeLessThan(ABSENT);
    expect(atDesk[0]).toBeGreaterThan(PRESENT);
    expect(atDesk[1]).toBeGreaterThan(PRESENT);
    expect(atDesk[2]).toBeLessThan(ABSENT);

    // the desk phone hangs up: Alice and Chloé go on as an ordinary call (no conference mark)
    await desk.command('hangup');
    await expect.poll(() => page('alice').getByTestId('call-in-conference').count(), { timeout: 10_000 }).toBe(0);
    await expect
      .poll(() => page('alice').locator(`[data-call-id="${chloeCallId}"]`).getAttribute('data-state'), {
        timeout: 10_000,
      })
      .toBe('established');
    await page('chloe').evaluate(() => window.__ucMediaTest!.startRecording());
    await page('chloe').waitForTimeout(4_000);
    const after = await page('chloe').evaluate((f) => window.__ucMediaTest!.stopRecording(f), freqs);
    console.log(`after the desk phone left, Chloé hears ${JSON.stringify(after.tones)}`);
    expect(after.tones[0]).toBeGreaterThan(PRESENT);
    expect(after.tones[2]).toBeLessThan(ABSENT);
    await page('alice').locator(`[data-call-id="${chloeCallId}"] [data-testid="call-hangup"]`).click();
    await expect.poll(() => items('chloe', 'established').count(), { timeout: 15_000 }).toBe(0);
  }, 120_000);
});
