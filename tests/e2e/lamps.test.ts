/**
 * Colleagues at a glance in Chromium through the web shell (issue #11; SPEC
 * B4 busy lamps, D3 pickup, A6 presence in every view), against the real UC
 * server and Kamailio:
 *
 * - a favorite whose line rings shows the yellow ring blinking around the
 *   photo (orange for an external caller; steady under reduced motion), the
 *   other lamps (busy, unregistered) differ from idle, and the green pickup
 *   button shows on keyboard focus of the row, is reached by Tab and pressed
 *   by Enter: the engine's calls.pickup answers, and a call that is gone says
 *   so in the user's words. The line states here are laid over the real
 *   presences on the page's socket (tests/support/line-state-overlay.ts);
 * - the same with a real ringing line — Chloé calls Bruno, Alice sees his
 *   lamp and picks up — runs once the UC server reports line states (it is
 *   skipped while GET /presence has no `line`);
 * - Bruno's presence (state, note) shows live in Alice's conversation with
 *   him, in her incoming popup when he calls and in her calls panel;
 * - the collapsed bar shows Alice's own presence and her missed-call and
 *   unread-message counters.
 *
 * Screenshots of the favorites with lamps (380×640 and wide, EN/FR,
 * light/dark) go to $SB_SCREENS_DIR (default /tmp/sb-screens/lamps).
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FAVORITES_GROUP } from '../../server/src/app/seed-demo';
import { overlayLineStates, type LineStateOverlay } from '../support/line-state-overlay';
import { waitRegistered } from '../support/two-clients';
import { useTwoClients } from '../support/use-two-clients';
import { logIn, openWebShellClient, type WebShellClient } from '../support/web-shell-client';
import type { UcStack } from '../support/uc-stack-fixture';

const OUT = process.env.SB_SCREENS_DIR ?? '/tmp/sb-screens/lamps';
const NARROW = { width: 380, height: 640 };
const WIDE = { width: 1100, height: 720 };

describe('busy lamps, pickup and presence in every view', () => {
  let alice: WebShellClient;
  let bruno: WebShellClient;
  let stack: UcStack;
  let browser: Browser;
  let lines: LineStateOverlay;
  useTwoClients(async (clients) => {
    ({ alice, bruno, stack, browser } = clients);
    lines = await overlayLineStates(alice.page);
    await waitRegistered(alice.page);
  });

  beforeAll(() => {
    mkdirSync(OUT, { recursive: true });
  });

  const favorite = (page: Page, entryId: string): Locator =>
    page
      .locator(`[data-testid="favorite-group"][data-name="${DEMO_FAVORITES_GROUP}"]`)
      .locator(`[data-testid="favorite"][data-entry-id="${entryId}"]`);
  const lampOf = (row: Locator) => row.getByTestId('colleague-avatar').getAttribute('data-lamp');
  const ringStyle = (row: Locator) =>
    row.locator('.lamp-ring').evaluate((el) => {
      const s = getComputedStyle(el);
      return { animation: s.animationName, color: s.borderTopColor, opacity: s.opacity };
    });
  const opacityOf = (el: Locator) => el.evaluate((e) => getComputedStyle(e).opacity);
  const activeTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

  async function openFavorites(page: Page): Promise<void> {
    await alice.backend.invoke('settings.update', { view: 'menu' });
    await page.getByTestId('menu-favorites').click();
    await page.getByTestId('favorites').waitFor({ state: 'visible' });
  }

  it('a ringing favorite: the yellow ring blinks and the pickup button shows on keyboard focus', async () => {
    const page = alice.page;
    await page.setViewportSize(NARROW);
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
    await openFavorites(page);
    const row = favorite(page, 'internal:101');
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(() => row.getByTestId('colleague-presence-dot').getAttribute('data-state')).toBe('office');
    expect(await lampOf(row)).toBe('none');
    expect(await row.getByTestId('pickup').count()).toBe(0);

    lines.set('101', 'ringing-internal');
    await expect.poll(() => lampOf(row), { timeout: 5_000 }).toBe('ringing');
    expect(await row.getByTestId('colleague-avatar').getAttribute('data-party')).toBe('internal');
    // yellow (--lamp-internal, light theme) and blinking
    const ring = await ringStyle(row);
    expect(ring.animation).toBe('lamp-blink');
    expect(ring.color).toBe('rgb(168, 134, 0)');
    expect(await row.getByTestId('colleague-avatar').getAttribute('title')).toBe('Ringing (internal call)');
    expect(await row.getByTestId('colleague-presence-dot').getAttribute('aria-label')).toContain(
      'Ringing (internal call)',
    );

    // the pickup button: there, but shown only on hover or keyboard focus of the row
    const pickup = row.getByTestId('pickup');
    await page.mouse.move(370, 630);
    await page.getByTestId('menu-favorites').focus();
    expect(await opacityOf(pickup)).toBe('0');
    await row.getByTestId('favorite-open').focus();
    await expect.poll(() => opacityOf(pickup)).toBe('1');
    await page.keyboard.press('Tab');
    expect(await activeTestId(page)).toBe('pickup');
    expect(await pickup.getAttribute('aria-label')).toBe('Pick up Bruno Müller’s call');
    expect(await opacityOf(pickup)).toBe('1');
    // hover shows it too
    await page.getByTestId('menu-favorites').focus();
    await expect.poll(() => opacityOf(pickup)).toBe('0');
    await row.hover();
    await expect.poll(() => opacityOf(pickup)).toBe('1');

    // Enter picks up through the engine; nothing really rings at Bruno's, so the call is "already gone"
    await row.getByTestId('favorite-open').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const toast = page.getByTestId('toast-pickup-error');
    await toast.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await toast.textContent()).toContain('The call was already answered or ended.');
    await toast.getByRole('button').click();
  }, 60_000);

  it('orange for an external caller, steady under reduced motion; busy and unregistered differ from idle', async () => {
    const page = alice.page;
    const bruno101 = favorite(page, 'internal:101');
    const chloe = favorite(page, 'internal:102');
    const david = favorite(page, 'internal:103');
    lines.set('102', 'ringing-external');
    lines.set('103', 'unregistered');
    await expect.poll(() => lampOf(chloe), { timeout: 5_000 }).toBe('ringing');
    expect(await ringStyle(chloe)).toMatchObject({ animation: 'lamp-blink', color: 'rgb(211, 84, 0)' });
    await expect.poll(() => lampOf(david), { timeout: 5_000 }).toBe('offline');
    expect(await david.locator('.contact-avatar').evaluate((e) => getComputedStyle(e).filter)).toBe('grayscale(1)');
    expect(await david.getByTestId('colleague-avatar').getAttribute('title')).toBe(
      'Not connected (no phone registered)',
    );
    // the dot hollow too: no green for someone whose phone cannot ring
    expect(await david.getByTestId('colleague-presence-dot').evaluate((e) => getComputedStyle(e).backgroundColor)).toBe(
      'rgb(255, 255, 255)',
    );
    // reduced motion: the ring stays, without blinking
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await expect.poll(async () => (await ringStyle(chloe)).animation).toBe('none');
    expect((await ringStyle(chloe)).opacity).toBe('1');
    await page.emulateMedia({ reducedMotion: 'no-preference' });

    lines.set('101', 'talking-external');
    await expect.poll(() => lampOf(bruno101), { timeout: 5_000 }).toBe('busy');
    expect((await ringStyle(bruno101)).animation).toBe('none');
    expect(await bruno101.getByTestId('pickup').count()).toBe(0);
    expect(await bruno101.getByTestId('colleague-line').textContent()).toBe('On the phone (external)');

    // the screenshots: ringing internal (Bruno), external (Chloé), talking (David)
    lines.set('101', 'ringing-internal');
    lines.set('103', 'talking-internal');
    await expect.poll(() => lampOf(david), { timeout: 5_000 }).toBe('busy');
    // steady rings in the pictures (reduced motion): a blinking one may be caught faded
    await page.emulateMedia({ reducedMotion: 'reduce' });
    for (const size of [NARROW, WIDE]) {
      for (const scheme of ['light', 'dark'] as const) {
        for (const language of ['en', 'fr'] as const) {
          await page.setViewportSize(size);
          await page.emulateMedia({ colorScheme: scheme });
          await alice.backend.invoke('settings.update', { language });
          await expect
            .poll(() => page.getByTestId('favorites').locator('h2').first().textContent())
            .toBe(language === 'fr' ? 'Favoris' : 'Favorites');
          // Bruno's row has the keyboard focus: its pickup button shows (the mouse is out of the way)
          await page.mouse.move(size.width - 10, size.height - 10);
          await bruno101.getByTestId('favorite-open').focus();
          await page.screenshot({ path: `${OUT}/favorites-lamps-${size.width}-${scheme}-${language}.png` });
        }
      }
    }
    // and calling / unregistered / idle
    lines.set('101', 'calling');
    lines.set('102', 'unregistered');
    lines.set('103', 'idle');
    await expect.poll(() => lampOf(david), { timeout: 5_000 }).toBe('none');
    await page.setViewportSize(NARROW);
    for (const [scheme, language] of [
      ['light', 'en'],
      ['dark', 'fr'],
    ] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await alice.backend.invoke('settings.update', { language });
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.screenshot({ path: `${OUT}/favorites-lamps-calling-offline-380-${scheme}-${language}.png` });
    }
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
    await alice.backend.invoke('settings.update', { language: 'en' });

    // search results and contact details carry the same lamp
    lines.set('101', 'ringing-internal');
    await page.getByTestId('menu-contacts').click();
    await page.getByTestId('dial-input').fill('mul');
    const result = page.locator('[data-testid="search-result"][data-entry-id="internal:101"]');
    await result.waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(() => lampOf(result), { timeout: 5_000 }).toBe('ringing');
    await result.hover();
    await expect.poll(() => opacityOf(result.getByTestId('pickup'))).toBe('1');
    await page.screenshot({ path: `${OUT}/search-lamp-380-light-en.png` });
    await result.click();
    const details = page.getByTestId('contact-details');
    await details.waitFor({ state: 'visible' });
    expect(await details.getByTestId('colleague-avatar').getAttribute('data-lamp')).toBe('ringing');
    expect(await details.getByTestId('pickup').isVisible()).toBe(true);
    await page.screenshot({ path: `${OUT}/details-lamp-380-light-en.png` });
    await page.getByTestId('contact-details-close').click();
    await page.getByTestId('dial-input').fill('');
    for (const n of ['101', '102', '103']) lines.set(n, undefined);
  }, 120_000);

  it("Bruno's presence shows live in the conversation, the incoming popup and the calls panel", async () => {
    const page = alice.page;
    await bruno.backend.invoke('presence.set', { state: 'meeting', note: 'Budget review' });
    await openFavorites(page);
    await favorite(page, 'internal:101').getByTestId('favorite-message').click();
    const conversation = page.getByTestId('conversation');
    await conversation.waitFor({ state: 'visible' });
    const line = conversation.getByTestId('colleague-presence');
    await expect.poll(() => line.textContent(), { timeout: 5_000 }).toContain('Budget review');
    expect(await line.getAttribute('data-state')).toBe('meeting');
    expect(await conversation.getByTestId('colleague-presence-dot').getAttribute('data-state')).toBe('meeting');
    // live, without any action of Alice
    await bruno.backend.invoke('presence.set', { state: 'lunch', note: 'Canteen' });
    await expect.poll(() => line.getAttribute('data-state'), { timeout: 5_000 }).toBe('lunch');
    expect(await line.textContent()).toContain('Canteen');
    await page.screenshot({ path: `${OUT}/conversation-presence-380-light-en.png` });
    await page.keyboard.press('Escape');
    await conversation.waitFor({ state: 'detached' });
    // the conversation list: his photo carries the dot too
    await page.getByTestId('menu-messages').click();
    const item = page.locator('[data-testid="conversation-item"][data-peer="101"]');
    if ((await item.count()) > 0) {
      expect(await item.getByTestId('colleague-presence-dot').getAttribute('data-state')).toBe('lunch');
    }

    // Bruno calls: the popup and the calls panel say where he is
    await page.getByTestId('menu-calls').click();
    await bruno.backend.invoke('calls.dial', { target: '100' });
    const popup = page.getByTestId('incoming-popup');
    await popup.waitFor({ state: 'visible', timeout: 15_000 });
    await expect
      .poll(() => popup.getByTestId('colleague-presence').getAttribute('data-state'), { timeout: 5_000 })
      .toBe('lunch');
    expect(await popup.getByTestId('colleague-presence').textContent()).toContain('Canteen');
    expect(await popup.getByTestId('colleague-presence-dot').getAttribute('data-state')).toBe('lunch');
    const call = page.getByTestId('call-item').first();
    await expect
      .poll(() => call.getByTestId('colleague-presence').getAttribute('data-state'), { timeout: 5_000 })
      .toBe('lunch');
    await page.screenshot({ path: `${OUT}/incoming-presence-380-light-en.png` });
    await bruno.backend.invoke('presence.set', { state: 'dnd' });
    await expect.poll(() => call.getByTestId('colleague-presence').getAttribute('data-state')).toBe('dnd');
    await popup.getByTestId('incoming-reject').click();
    await expect.poll(() => bruno.page.getByTestId('call-item').count(), { timeout: 10_000 }).toBe(0);
    await bruno.backend.invoke('presence.set', { state: 'office' });
  }, 60_000);

  it('the collapsed bar shows the own presence and the counters', async () => {
    const page = alice.page;
    await alice.backend.invoke('presence.set', { state: 'meeting', note: 'Weekly' });
    // a missed call and an unread message for Alice
    await bruno.backend.invoke('calls.dial', { target: '100' });
    await page.getByTestId('incoming-popup').waitFor({ state: 'visible', timeout: 15_000 });
    const brunoCall = (await bruno.backend.invoke('calls.list', {})).find((c) => c.state !== 'terminated');
    await bruno.backend.invoke('calls.hangup', { callId: brunoCall!.id });
    await bruno.backend.invoke('messages.send', { peer: '100', text: 'Tu as une minute ?' });

    await alice.backend.invoke('settings.update', { view: 'collapsed' });
    const bar = page.getByTestId('collapsed-bar');
    await bar.waitFor();
    await page.mouse.move(5, 600);
    await expect
      .poll(() => bar.getByTestId('collapsed-presence').getAttribute('data-state'), { timeout: 5_000 })
      .toBe('meeting');
    expect(await bar.getByTestId('collapsed-presence').textContent()).toContain('Weekly');
    expect(await bar.getByTestId('own-avatar').getAttribute('data-ring')).toBe('away');
    await expect
      .poll(async () => Number(await bar.getByTestId('collapsed-missed').getAttribute('data-count')), {
        timeout: 10_000,
      })
      .toBeGreaterThanOrEqual(1);
    await expect
      .poll(() => bar.getByTestId('collapsed-unread').getAttribute('data-count'), { timeout: 10_000 })
      .toBe('1');
    await page.screenshot({ path: `${OUT}/collapsed-380-light-en.png` });
    await alice.backend.invoke('presence.set', { state: 'office' });
    await alice.backend.invoke('settings.update', { view: 'menu' });
  }, 60_000);

  it('a real ringing line: Chloé calls Bruno, Alice sees his lamp ring and picks up', async (ctx) => {
    const [seen] = await alice.backend.invoke('presence.watch', { numbers: ['101'] });
    // the UC server reports line states from issue #11's lamps work on; before, there is nothing to see
    if (seen?.line === undefined) ctx.skip();
    const chloe = await openWebShellClient(browser, 'chloe');
    try {
      await logIn(chloe.page, { user: '102', password: 'Welcome102!', server: stack.serverAddress });
      await waitRegistered(chloe.page);
      const page = alice.page;
      await openFavorites(page);
      const row = favorite(page, 'internal:101');
      await chloe.backend.invoke('calls.dial', { target: '101' });
      await expect
        .poll(() => row.getByTestId('colleague-avatar').getAttribute('data-line'), { timeout: 5_000 })
        .toBe('ringing-internal');
      expect((await ringStyle(row)).animation).toBe('lamp-blink');
      await row.getByTestId('favorite-open').focus();
      await page.keyboard.press('Tab');
      expect(await activeTestId(page)).toBe('pickup');
      await page.keyboard.press('Enter');
      // Alice talks to Chloé; Bruno's phone stopped ringing
      await expect
        .poll(() => page.getByTestId('call-item').first().getAttribute('data-state'), { timeout: 15_000 })
        .toBe('established');
      await expect.poll(() => bruno.page.getByTestId('call-item').count(), { timeout: 10_000 }).toBe(0);
      await page.getByTestId('call-hangup').first().click();
      await expect.poll(() => chloe.page.getByTestId('call-item').count(), { timeout: 10_000 }).toBe(0);
    } finally {
      await chloe.close();
    }
  }, 90_000);
});
