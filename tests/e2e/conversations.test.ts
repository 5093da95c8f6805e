/**
 * Conversations end to end (issue #13, SPEC E1–E3): the real stack (Kamailio reporting every call to the
 * UC server, the voicemail service) and Bruno (101) on two devices — two web shells in Chromium.
 * Alice (100) calls Bruno and he answers on device 1; Chloé (102) calls and gives up; Alice sends a
 * message; Chloé leaves a voicemail. Both devices show two conversations — Chloé first (missed call +
 * voicemail, 2 unread), then Alice (call + message, 1 unread) — from the server's call history.
 * Reading Chloé's on device 1 clears its counter on device 2; deleting one event, then a conversation,
 * then a message (for Bruno only: Alice keeps hers), then all (each confirmed) is followed by the other device.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CallState } from '../../src-main/core/features/calls/sip/call-state';
import { launchChromium } from '../support/chromium';
import { createPhone, sleep, waitFor, type TestPhone } from '../support/engine-harness';
import { loginAccessToken } from '../support/login-access-token';
import { waitRegistered } from '../support/two-clients';
import { startUcStack, type UcStack } from '../support/uc-stack-fixture';
import { logIn, openWebShellClient, type WebShellClient } from '../support/web-shell-client';

/** RTP packets (20 ms) of the voicemail greeting (2.28 s) and beep (0.4 s), with some margin. */
const PROMPT_PACKETS = 150;

describe('conversations on two devices of Bruno (web shell)', () => {
  let stack: UcStack;
  let browser: Browser;
  let device1: WebShellClient;
  let device2: WebShellClient;
  let alice: TestPhone;
  let chloe: TestPhone;

  const items = (page: Page) => page.locator('[data-testid="thread-item"]');
  /** "peer:unread" of every entry, top to bottom */
  const entries = async (page: Page): Promise<string> => {
    const list = items(page);
    const out: string[] = [];
    for (let i = 0; i < (await list.count()); i++) {
      const item = list.nth(i);
      out.push(`${await item.getAttribute('data-peer')}:${await item.getAttribute('data-unread')}`);
    }
    return out.join(' ');
  };
  const confirm = async (page: Page): Promise<void> => {
    await page.getByTestId('confirm-delete-ok').click();
    await page.getByTestId('confirm-delete').waitFor({ state: 'detached' });
  };

  beforeAll(async () => {
    stack = await startUcStack();
    browser = await launchChromium();
    device1 = await openWebShellClient(browser, 'bruno1');
    device2 = await openWebShellClient(browser, 'bruno2');
    for (const device of [device1, device2]) {
      await logIn(device.page, { user: '101', password: 'Welcome101!', server: stack.serverAddress });
      await waitRegistered(device.page);
      await device.backend.invoke('settings.update', { view: 'menu' });
      await device.page.getByTestId('menu-conversations').click();
    }
    const sip = { users: await stack.sipUsers(), wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain };
    alice = createPhone(sip, '100');
    chloe = createPhone(sip, '102');
    for (const p of [alice, chloe]) expect((await p.engine.start()).status).toBe('registered');
  }, 90_000);

  afterAll(async () => {
    await alice?.dispose();
    await chloe?.dispose();
    await device1?.close();
    await device2?.close();
    await browser?.close();
    await stack?.stop();
  });

  it('shows one entry per contact, in order, with the counters, on both devices', async () => {
    // Alice calls, Bruno answers on device 1
    const answered = alice.engine.dial('101');
    await device1.page.getByTestId('call-answer').first().click({ timeout: 15_000 });
    await waitFor('Alice talks to Bruno', () => answered.state === CallState.Established, 15_000);
    await sleep(500);
    await answered.hangup();
    // Chloé calls and gives up
    const missed = chloe.engine.dial('101');
    await waitFor('Chloé hears ringing', () => missed.state === CallState.RingingOut, 15_000);
    await missed.hangup();
    // Alice sends a message (through the UC API, as her app does)
    const token = await loginAccessToken(stack.apiUrl, '100', 'Welcome100!');
    const sent = await fetch(`${stack.apiUrl}/messages`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({ to: '101', text: 'Tu as deux minutes ?' }),
    });
    expect(sent.status).toBe(200);
    // Chloé leaves a voicemail
    const toMailbox = chloe.engine.dial('vm101');
    await waitFor('the mailbox answers', () => toMailbox.state === CallState.Established, 15_000);
    // the greeting and the beep have been heard (20 ms RTP packets), then a little more: a message is kept
    await waitFor(
      'the greeting and the beep',
      () => (chloe.media.stats(toMailbox.mediaSessionId!)?.rxAudioPackets ?? 0) > PROMPT_PACKETS,
      30_000,
    );
    await sleep(500);
    await toMailbox.hangup();

    for (const device of [device1, device2]) {
      await expect.poll(() => entries(device.page), { timeout: 20_000 }).toBe('102:2 100:1');
      expect(await device.page.getByTestId('menu-conversations-unread').textContent()).toBe('3');
    }
    const chloeItem = device2.page.locator('[data-testid="thread-item"][data-peer="102"]');
    expect(await chloeItem.getAttribute('data-last-kind')).toBe('voicemail');
    expect(await chloeItem.textContent()).toContain('Chloé Dubois');
  });

  it('the details merge calls, voicemails and messages; reading clears the counter on the other device', async () => {
    const { page } = device1;
    await page.locator('[data-testid="thread-item"][data-peer="102"]').click();
    const thread = page.getByTestId('thread');
    await thread.waitFor({ state: 'visible' });
    const kinds = thread.locator('[data-testid="thread-event"]');
    await expect.poll(async () => (await kinds.count()) >= 2, { timeout: 10_000 }).toBe(true);
    const shown = await kinds.evaluateAll((els) =>
      els.map((e) => `${e.getAttribute('data-kind')}:${e.getAttribute('data-result') ?? ''}`),
    );
    expect(shown).toContain('call:missed');
    expect(shown.at(-1)).toBe('voicemail:');
    await thread.getByTestId('thread-voicemail-play').click();
    await thread.getByTestId('thread-voicemail-audio').waitFor({ state: 'attached', timeout: 10_000 });
    // read here → the counter goes on device 2 too
    await expect.poll(() => entries(device2.page), { timeout: 15_000 }).toBe('102:0 100:1');
    await page.getByTestId('thread-close').click();
  });

  it('filter "missed" for this month shows one row; the CSV export parses back to the same events', async () => {
    const { page } = device1;
    const now = new Date();
    const month = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
    await page.getByTestId('history-filter-direction').selectOption('missed');
    await page.getByTestId('history-filter-month').fill(month);
    const rows = page.locator('[data-testid="history-row"]');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
    expect(await rows.first().getAttribute('data-peer')).toBe('102');
    // back to everything, and export it
    await page.getByTestId('history-filter-direction').selectOption('all');
    await page.getByTestId('history-filter-month').fill('');
    await items(page).first().waitFor({ state: 'visible' });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('history-export').click()]);
    expect(download.suggestedFilename()).toBe('conversations.csv');
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = parse(bytes.toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];
    const events = await device1.backend.invoke('conversations.events', { direction: 'all' });
    expect(parsed.map((r) => [r.Number, r.Direction, r.Result])).toEqual(
      events.map((e) => [
        e.peer,
        e.kind === 'voicemail' || e.direction === 'in' ? 'incoming' : 'outgoing',
        e.kind === 'call' ? e.result : e.kind === 'message' ? e.status : e.unread ? 'new' : 'listened',
      ]),
    );
    expect(parsed.find((r) => r.Number === '102' && r.Result === 'missed')).toMatchObject({
      Name: 'Chloé Dubois',
      Kind: 'Missed call',
    });
  });

  it('deleting an event, a conversation, then all, each confirmed, reaches the other device', async () => {
    const { page } = device1;
    // one event: Chloé's missed call
    await page.locator('[data-testid="thread-item"][data-peer="102"]').click();
    const missedCall = page.locator('[data-testid="thread-event"][data-kind="call"][data-result="missed"]');
    await missedCall.getByTestId('thread-event-delete').click();
    await confirm(page);
    await missedCall.waitFor({ state: 'detached', timeout: 10_000 });
    await device2.page.locator('[data-testid="thread-item"][data-peer="102"]').click();
    const other = device2.page.locator('[data-testid="thread-event"][data-kind="call"][data-result="missed"]');
    await other.waitFor({ state: 'detached', timeout: 15_000 });
    await device2.page.getByTestId('thread-close').click();
    // the whole conversation with Chloé (the voicemail is deleted on the server too)
    await page.getByTestId('thread-delete').click();
    await confirm(page);
    await expect.poll(() => entries(device2.page), { timeout: 15_000 }).toBe('100:1');
    // one message: Alice's, deleted for Bruno only (device 2 follows; Alice keeps hers)
    await page.locator('[data-testid="thread-item"][data-peer="100"]').click();
    const message = page.locator('[data-testid="thread-event"][data-kind="message"]');
    await message.getByTestId('thread-event-delete').click();
    await confirm(page);
    await message.waitFor({ state: 'detached', timeout: 10_000 });
    await expect
      .poll(() => device2.page.locator('[data-testid="thread-item"][data-peer="100"]').getAttribute('data-last-kind'), {
        timeout: 15_000,
      })
      .toBe('call');
    await page.getByTestId('thread-close').click();
    const token = await loginAccessToken(stack.apiUrl, '100', 'Welcome100!');
    const alices = (await (
      await fetch(`${stack.apiUrl}/messages?since=0`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { messages: { text: string; deleted?: true }[] };
    expect(alices.messages.map((m) => [m.text, m.deleted])).toEqual([['Tu as deux minutes ?', undefined]]);
    // all: Alice's calls go too; nothing is left on either device
    await page.getByTestId('threads-delete-all').click();
    await confirm(page);
    for (const device of [device1, device2])
      await expect.poll(() => entries(device.page), { timeout: 15_000 }).toBe('');
  });
});
