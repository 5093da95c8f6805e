/**
 * Layout at the default 380×640 and in a wide window, French and English,
 * light and dark (DESIGN "Checking it", issue #8): the header never cuts the
 * user's name and none of its elements overlap; Settings scrolls in one
 * place only; the voicemail section lines up with the other sections. The
 * page has something in every header counter (a missed call, an unread
 * message, a voice message) so the header is at its fullest.
 *
 * Screenshots go to test-results/layout/ (look at them when the layout changes).
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WebShellClient } from '../support/web-shell-client';
import { useTwoClients } from '../support/use-two-clients';
import type { TwoClients } from '../support/two-clients';

const OUT = 'test-results/layout';
const NARROW = { width: 380, height: 640 };
const WIDE = { width: 1100, height: 720 };

interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Visible header pieces and their boxes (in page coordinates). */
async function headerBoxes(page: Page): Promise<{ header: Box; items: Box[] }> {
  return page.evaluate(() => {
    const box = (el: Element, id: string) => {
      const r = el.getBoundingClientRect();
      return { id, x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const header = document.querySelector('[data-testid="app-header"]')!;
    const pieces = [
      ...header.querySelectorAll(
        '[data-testid="own-avatar"], [data-testid="own-name"], .header-counters > *, .header-actions > *, ' +
          '[data-testid="own-number"], [data-testid="registration-status"], [data-testid="presence-button"], ' +
          '.header-tools > *',
      ),
    ];
    return {
      header: box(header, 'header'),
      items: pieces
        .filter((el) => (el as HTMLElement).offsetParent !== null)
        .map((el) => box(el, (el as HTMLElement).dataset['testid'] ?? el.className)),
    };
  });
}

function overlap(a: Box, b: Box): boolean {
  // 0.5 px of tolerance for sub-pixel borders that touch
  return (
    a.x + a.width > b.x + 0.5 && b.x + b.width > a.x + 0.5 && a.y + a.height > b.y + 0.5 && b.y + b.height > a.y + 0.5
  );
}

async function expectHeaderClean(page: Page, label: string): Promise<void> {
  const { header, items } = await headerBoxes(page);
  const viewport = page.viewportSize()!;
  expect(items.length, label).toBeGreaterThanOrEqual(7);
  for (const item of items) {
    expect(item.x, `${label}: ${item.id} left edge`).toBeGreaterThanOrEqual(header.x - 0.5);
    expect(item.x + item.width, `${label}: ${item.id} right edge`).toBeLessThanOrEqual(
      Math.min(header.x + header.width, viewport.width) + 0.5,
    );
  }
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      expect(overlap(items[i]!, items[j]!), `${label}: ${items[i]!.id} overlaps ${items[j]!.id}`).toBe(false);
    }
  }
  // the name is shown whole: not clipped, no ellipsis
  const name = await page.getByTestId('own-name').evaluate((el) => ({
    text: el.textContent,
    clipped: el.scrollWidth > el.clientWidth + 1,
    ellipsis: getComputedStyle(el).textOverflow === 'ellipsis' && getComputedStyle(el).overflow !== 'visible',
    // a name of usual length fits on one line even with the three counters beside it
    oneLine: el.getBoundingClientRect().height < 1.5 * parseFloat(getComputedStyle(el).lineHeight),
  }));
  expect(name, label).toEqual({ text: 'Alice Martin', clipped: false, ellipsis: false, oneLine: true });
}

/** Elements showing a vertical scroll bar (the page itself included). */
async function scrollers(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.scrollingElement!;
    if (root.scrollHeight > root.clientHeight + 1) found.push('document');
    for (const el of document.querySelectorAll('body *')) {
      const style = getComputedStyle(el);
      if (!/(auto|scroll)/.test(style.overflowY)) continue;
      if (el.scrollHeight > el.clientHeight + 1 && (el as HTMLElement).offsetParent !== null) {
        found.push((el as HTMLElement).dataset['testid'] ?? el.className);
      }
    }
    return found;
  });
}

/** Back to the main view, whatever an earlier (failed) step left open. */
async function mainView(page: Page): Promise<void> {
  if (await page.getByTestId('settings-screen').isVisible()) await page.getByTestId('settings-back').click();
}

/** Left edge of a section's heading text. */
function headingLeft(page: Page, id: string): Promise<number> {
  return page.locator(`#${id}`).evaluate((el) => el.getBoundingClientRect().x);
}

describe('layout at 380×640 and wide, FR/EN, light/dark', () => {
  let clients: TwoClients;
  let alice: WebShellClient;

  useTwoClients((c) => {
    clients = c;
    alice = c.alice;
  });

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    const bruno = clients.bruno.page;
    // a missed call for Alice: Bruno rings and gives up
    await bruno.getByTestId('dial-input').fill('100');
    await bruno.getByTestId('dial-input').press('Enter');
    await alice.page.getByTestId('incoming-popup').waitFor({ state: 'visible', timeout: 10_000 });
    await bruno.getByTestId('call-hangup').click();
    await alice.page.getByTestId('missed-counter').waitFor({ state: 'visible', timeout: 10_000 });
    // an unread message
    await clients.bruno.backend.invoke('messages.send', { peer: '100', text: 'Tu as une minute ?' });
    await alice.page.getByTestId('unread-counter').waitFor({ state: 'visible', timeout: 10_000 });
    // a voice message: Bruno calls Alice's mailbox for a few seconds
    await bruno.getByTestId('dial-input').fill(`sip:vm100@${clients.stack.kamailio.domain}`);
    await bruno.getByTestId('dial-input').press('Enter');
    await bruno
      .locator('[data-testid="call-item"][data-state="established"]')
      .waitFor({ state: 'visible', timeout: 15_000 });
    await bruno.waitForTimeout(4_000);
    await bruno.getByTestId('call-hangup').click();
    await alice.page.getByTestId('voicemail-counter').waitFor({ state: 'visible', timeout: 15_000 });
  }, 90_000);

  for (const scheme of ['light', 'dark'] as const) {
    for (const language of ['en', 'fr'] as const) {
      it(`${scheme} ${language}: header whole, no overlap, one scroller in Settings (narrow and wide)`, async () => {
        const page = alice.page;
        await mainView(page);
        await page.emulateMedia({ colorScheme: scheme });
        await alice.backend.invoke('settings.update', { language, view: 'list' });
        for (const size of [NARROW, WIDE]) {
          await page.setViewportSize(size);
          await page.getByTestId('voicemail-section').waitFor({ state: 'visible' });
          const label = `${scheme}-${language}-${size.width}`;
          await page.screenshot({ path: `${OUT}/main-${label}.png` });
          await expectHeaderClean(page, `main ${label}`);
          // the voicemail section lines up with the conversations and the history
          const left = await headingLeft(page, 'conversations-heading');
          expect(await headingLeft(page, 'voicemail-heading'), label).toBeCloseTo(left, 0);
          expect(await headingLeft(page, 'journal-heading'), label).toBeCloseTo(left, 0);

          await page.getByTestId('open-settings').click();
          await page.getByTestId('settings-screen').waitFor({ state: 'visible' });
          await page.screenshot({ path: `${OUT}/settings-${label}.png` });
          await expectHeaderClean(page, `settings ${label}`);
          expect(await scrollers(page), `settings ${label}`).toEqual(['settings-screen']);
          await page.getByTestId('settings-back').click();
        }
      });
    }
  }

  it('every view at 380×640 keeps the header whole, with the counters (dark, French)', async () => {
    const page = alice.page;
    await mainView(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize(NARROW);
    await alice.backend.invoke('settings.update', { language: 'fr' });
    for (const view of ['details', 'menu'] as const) {
      await alice.backend.invoke('settings.update', { view });
      await page.locator(`[data-testid="layout"][data-view="${view}"]`).waitFor();
      await page.screenshot({ path: `${OUT}/view-${view}-dark-fr-380.png` });
      await expectHeaderClean(page, view);
      for (const id of ['missed-counter', 'unread-counter', 'voicemail-counter']) {
        expect(await page.getByTestId(id).isVisible(), `${view} ${id}`).toBe(true);
      }
      if (view === 'menu') {
        await page.getByTestId('menu-settings').click();
        expect(await scrollers(page), 'menu settings').toEqual(['settings-screen']);
        await page.screenshot({ path: `${OUT}/view-menu-settings-dark-fr-380.png` });
        await page.getByTestId('menu-calls').click();
      }
    }
    await alice.backend.invoke('settings.update', { view: 'collapsed' });
    await page.getByTestId('collapsed-bar').waitFor();
    await page.mouse.move(5, 600);
    await page.screenshot({ path: `${OUT}/view-collapsed-dark-fr-380.png` });
    for (const id of ['collapsed-missed', 'collapsed-unread', 'collapsed-voicemail']) {
      expect(await page.getByTestId(id).isVisible(), id).toBe(true);
    }
    await alice.backend.invoke('settings.update', { view: 'list', language: 'en' });
  });

  it('the voicemail player: one play control, elapsed / total, ready again after the end', async () => {
    const page = alice.page;
    await mainView(page);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize(NARROW);
    const item = page.getByTestId('voicemail-item').first();
    const play = item.getByTestId('voicemail-play');
    await play.click();
    const player = item.getByTestId('voicemail-player');
    await player.waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(() => player.getAttribute('data-state'), { timeout: 10_000 }).toBe('playing');
    expect(await play.getAttribute('data-control')).toBe('pause');
    // one play control: the audio element has no controls of its own
    expect(await item.locator('audio[controls]').count()).toBe(0);
    expect(await item.locator('button', { hasText: /play|pause/i }).count()).toBe(1);
    await page.screenshot({ path: `${OUT}/voicemail-playing-light-en-380.png` });
    const total = await item.getByTestId('voicemail-duration').textContent();
    expect(await item.getByTestId('voicemail-time').textContent()).toMatch(new RegExp(`^0:0\\d / ${total}$`));
    // played to the end: ready to play again from the start
    await expect.poll(() => player.getAttribute('data-state'), { timeout: 20_000 }).toBe('ended');
    expect(await play.getAttribute('data-control')).toBe('play');
    expect(await item.getByTestId('voicemail-time').textContent()).toBe(`0:00 / ${total}`);
    await page.screenshot({ path: `${OUT}/voicemail-ended-light-en-380.png` });
    await play.click();
    await expect.poll(() => player.getAttribute('data-state'), { timeout: 10_000 }).toBe('playing');
    await play.click();
    await expect.poll(() => player.getAttribute('data-state'), { timeout: 10_000 }).toBe('paused');
  });
});
