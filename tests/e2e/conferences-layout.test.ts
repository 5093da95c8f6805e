/**
 * The Conferences view's look (DESIGN "Checking it", issue #14): Alice moderates two rooms, Bruno
 * is in one of them. Screenshots light/dark × FR/EN × 380×640 and 1200×800 go to
 * test-results/conferences/; the checks: the room in use is listed first with its count, states
 * are tags (chips), the moderator star is green, nothing overflows sideways in the narrow window, and
 * the tab has its own icon (not the Contacts one).
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTwoClients, type TwoClients } from '../support/two-clients';

const OUT = 'test-results/conferences';
const NARROW = { width: 380, height: 640 };
const WIDE = { width: 1200, height: 800 };

describe('conferences view layout', () => {
  let clients: TwoClients;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    clients = await openTwoClients({ stack: { withConferences: true } });
    const a = clients.alice.backend;
    await a.invoke('conferences.create', {
      name: 'Project kickoff',
      participants: [{ kind: 'internal', number: '103' }],
    });
    await a.invoke('conferences.create', {
      name: 'Weekly sales review',
      guestPinEnabled: true,
      participants: [
        { kind: 'internal', number: '101' },
        { kind: 'internal', number: '102' },
        { kind: 'external', name: 'Jeanne Client', number: '+33612345678', email: 'jeanne@example.com' },
      ],
    });
    for (const p of [clients.alice, clients.bruno]) {
      await p.backend.invoke('settings.update', { view: 'menu' });
      await p.page.getByTestId('menu-conferences').click();
      await p.page.getByTestId('conferences-section').waitFor({ state: 'visible', timeout: 10_000 });
    }
  }, 90_000);

  afterAll(async () => {
    await clients?.close();
  });

  const room = (page: Page, name: string) =>
    page.locator('[data-testid^="conference-"][data-active-count]').filter({ hasText: name });

  it('lists the room in use first with its count; states as chips; a green star for moderators', async () => {
    const { alice, bruno } = clients;
    await room(bruno.page, 'Weekly sales review').getByTestId('conference-join').click();
    await expect
      .poll(() => room(alice.page, 'Weekly sales review').getAttribute('data-active-count'), { timeout: 20_000 })
      .toBe('1');
    const names = await alice.page.locator('[data-testid="conference-list"] .conference-name').allTextContents();
    expect(names[0]).toBe('Weekly sales review');
    const sales = room(alice.page, 'Weekly sales review');
    expect(await sales.getByTestId('conference-active-count').textContent()).toContain('1');
    // the details open from the row (collapsed: it was not in use when the list showed it)
    const toggle = sales.getByTestId('conference-toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    // Bruno is alone in the room: waiting (he hears the music), an amber tag
    const waiting = sales.locator('[data-testid^="conference-participant-"][data-state="waiting"] .tag.tag-amber');
    await expect.poll(() => waiting.count(), { timeout: 10_000 }).toBe(1);
    expect(await sales.locator('[data-state="idle"] .tag').count()).toBe(3);
    const star = sales.locator('.conference-moderator svg').first();
    const color = await star.evaluate((el) => getComputedStyle(el).color);
    // green: the G channel leads clearly
    const [r, g, b] = (color.match(/\d+/g) ?? []).map(Number);
    expect(g!, color).toBeGreaterThan(r! + 40);
    expect(g!, color).toBeGreaterThan(b!);
  }, 60_000);

  it('has its own tab icon', async () => {
    const page = clients.alice.page;
    const svgOf = (id: string) => page.getByTestId(id).locator('svg').first().getAttribute('class');
    const conferences = await svgOf('menu-conferences');
    expect(conferences).toContain('lucide');
    expect(await page.getByTestId('menu-contacts').count()).toBe(1);
    const others = await Promise.all(
      ['menu-contacts', 'menu-favorites', 'menu-conversations', 'menu-calls'].map(async (id) =>
        (await page.getByTestId(id).count()) > 0 ? svgOf(id) : null,
      ),
    );
    for (const other of others) expect(other).not.toBe(conferences);
  });

  it('screenshots: light/dark, FR/EN, narrow and wide; nothing overflows sideways', async () => {
    const { alice } = clients;
    const page = alice.page;
    for (const scheme of ['light', 'dark'] as const) {
      for (const language of ['fr', 'en'] as const) {
        await alice.backend.invoke('settings.update', { language });
        await page.emulateMedia({ colorScheme: scheme });
        for (const size of [NARROW, WIDE]) {
          await page.setViewportSize(size);
          await page.waitForTimeout(300);
          await page.screenshot({ path: `${OUT}/conferences-${scheme}-${language}-${size.width}.png` });
          const overflow = await page
            .getByTestId('conferences-section')
            .evaluate((el) => el.scrollWidth - el.clientWidth);
          expect(overflow, `${scheme} ${language} ${size.width}`).toBeLessThanOrEqual(1);
        }
      }
    }
    await alice.backend.invoke('settings.update', { language: 'en' });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize(NARROW);
    await room(page, 'Weekly sales review').getByTestId('conference-delete').click();
    await page.getByTestId('conference-confirm-delete').waitFor();
    await page.screenshot({ path: `${OUT}/conferences-delete-light-en-380.png` });
    await page.getByTestId('conference-confirm-delete-cancel').click();
    // the dialogs: new conference (narrow, French) and add participants (wide, dark)
    await alice.backend.invoke('settings.update', { language: 'fr' });
    await page.getByTestId('conference-new').click();
    await page.getByTestId('conference-create-dialog').waitFor();
    await page.screenshot({ path: `${OUT}/conferences-new-light-fr-380.png` });
    await page.keyboard.press('Escape');
    await page.getByTestId('conference-create-dialog').waitFor({ state: 'detached' });
    await alice.backend.invoke('settings.update', { language: 'en' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize(WIDE);
    await room(page, 'Weekly sales review').getByTestId('conference-add').click();
    await page.getByTestId('conference-add-dialog').waitFor();
    await page.screenshot({ path: `${OUT}/conferences-add-dark-en-1200.png` });
    await page.getByTestId('conference-add-done').click();
  }, 90_000);
});
