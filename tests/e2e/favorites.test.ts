/**
 * Favorites with colleagues' live presence, end to end (SPEC D1, D2, B4), in
 * Chromium through the web shell against the real UC server and Kamailio:
 * Alice searches Bruno, opens his details and stars him into a new group;
 * the group shows in her favorites (and the demo's "Team" group is there);
 * Bruno sets Meeting with a note → within a few seconds, without any action
 * of Alice, her favorites, her search results and Bruno's contact details
 * show it; Bruno hides his presence → the state and note disappear. Alice
 * chooses Bruno's default number, moves and removes favorites and deletes the
 * group, all by keyboard-accessible controls. Screenshots of the favorites
 * view (380×640 and wide, EN/FR, light/dark) go to $SB_SCREENS_DIR (default
 * /tmp/sb-screens/favorites).
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FAVORITES_GROUP } from '../../server/src/app/seed-demo';
import type { WebShellClient } from '../support/web-shell-client';
import { useTwoClients } from '../support/use-two-clients';

const OUT = process.env.SB_SCREENS_DIR ?? '/tmp/sb-screens/favorites';
const NARROW = { width: 380, height: 640 };
const WIDE = { width: 1100, height: 720 };
const GROUP = 'Projet Orion';

describe('favorites with live presence', () => {
  let alice: WebShellClient;
  let bruno: WebShellClient;
  useTwoClients((clients) => {
    ({ alice, bruno } = clients);
  });

  beforeAll(() => {
    mkdirSync(OUT, { recursive: true });
  });

  const group = (page: Page, name: string) => page.locator(`[data-testid="favorite-group"][data-name="${name}"]`);
  const favoriteIn = (page: Page, name: string, entryId: string) =>
    group(page, name).locator(`[data-testid="favorite"][data-entry-id="${entryId}"]`);
  const dotState = (row: ReturnType<Page['locator']>) =>
    row.getByTestId('colleague-presence-dot').getAttribute('data-state');

  async function openFavorites(page: Page): Promise<void> {
    await alice.backend.invoke('settings.update', { view: 'menu' });
    await page.getByTestId('menu-favorites').click();
    await page.getByTestId('favorites').waitFor({ state: 'visible' });
  }

  it('shows the demo group, then Alice stars Bruno into a new group from his details', async () => {
    const page = alice.page;
    await openFavorites(page);
    await favoriteIn(page, DEMO_FAVORITES_GROUP, 'internal:101').waitFor({ state: 'visible', timeout: 10_000 });

    await page.getByTestId('menu-contacts').click();
    await page.getByTestId('dial-input').fill('mul');
    const result = page.locator('[data-testid="search-result"][data-entry-id="internal:101"]');
    await result.waitFor({ state: 'visible', timeout: 10_000 });
    await result.click();
    const details = page.getByTestId('contact-details');
    await details.waitFor({ state: 'visible' });
    // Bruno is already in the demo group: the star is filled
    expect(await details.getByTestId('favorite-star').getAttribute('data-starred')).toBe('true');
    await details.getByTestId('favorite-star').click();
    const menu = page.getByTestId('favorite-star-menu');
    await menu.waitFor({ state: 'visible' });
    expect(
      await menu
        .locator(`[data-testid="favorite-star-group"][data-name="${DEMO_FAVORITES_GROUP}"]`)
        .getAttribute('data-in'),
    ).toBe('true');
    // keyboard: the menu has the focus; End goes to "New group…"
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.getByTestId('favorite-new-group').waitFor({ state: 'visible' });
    await page.getByTestId('favorite-new-group-form-input').fill(GROUP);
    await page.getByTestId('favorite-new-group-form-input').press('Enter');
    await page.getByTestId('favorite-new-group').waitFor({ state: 'detached' });
    // the focus is back on the star
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('favorite-star');
    await page.getByTestId('contact-details-close').click();
    await details.waitFor({ state: 'detached' });

    await openFavorites(page);
    await favoriteIn(page, GROUP, 'internal:101').waitFor({ state: 'visible', timeout: 10_000 });
    // the server has it: another device of Alice would see it
    await expect.poll(async () => (await alice.backend.invoke('favorites.list', {})).pending).toBe(0);
  }, 60_000);

  it("Bruno's Meeting with a note shows live in Alice's favorites, search and his details", async () => {
    const page = alice.page;
    const row = favoriteIn(page, GROUP, 'internal:101');
    await expect.poll(() => dotState(row), { timeout: 10_000 }).toBe('office');
    const started = Date.now();
    await bruno.backend.invoke('presence.set', { state: 'meeting', note: 'Budget review, room 4' });
    await expect.poll(() => dotState(row), { timeout: 5_000, interval: 50 }).toBe('meeting');
    const seenAfterMs = Date.now() - started;
    console.log(`[favorites e2e] presence change visible in Alice's favorites after ${seenAfterMs} ms`);
    expect(seenAfterMs).toBeLessThan(5_000);
    expect(await row.getByTestId('colleague-presence').textContent()).toContain('Budget review, room 4');
    expect(await row.getByTestId('colleague-presence').textContent()).toContain('Meeting');
    // the demo group's row of Bruno too (the same colleague everywhere)
    expect(await dotState(favoriteIn(page, DEMO_FAVORITES_GROUP, 'internal:101'))).toBe('meeting');

    for (const size of [NARROW, WIDE]) {
      for (const scheme of ['light', 'dark'] as const) {
        for (const language of ['en', 'fr'] as const) {
          await page.setViewportSize(size);
          await page.emulateMedia({ colorScheme: scheme });
          await alice.backend.invoke('settings.update', { language });
          await expect
            .poll(() => page.getByTestId('favorites').locator('h2').textContent())
            .toBe(language === 'fr' ? 'Favoris' : 'Favorites');
          await page.screenshot({ path: `${OUT}/favorites-${size.width}-${scheme}-${language}.png` });
        }
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await alice.backend.invoke('settings.update', { language: 'en' });
    await page.setViewportSize(NARROW);

    // search results: the dot follows too, and changes live while the results are open
    await page.getByTestId('menu-contacts').click();
    await page.getByTestId('dial-input').fill('mul');
    const result = page.locator('[data-testid="search-result"][data-entry-id="internal:101"]');
    await result.waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(() => dotState(result), { timeout: 5_000 }).toBe('meeting');
    expect(await result.getByTestId('colleague-presence-dot').getAttribute('aria-label')).toContain('Budget review');
    await page.screenshot({ path: `${OUT}/search-380-light-en.png` });
    await bruno.backend.invoke('presence.set', { state: 'lunch', note: 'Canteen' });
    await expect.poll(() => dotState(result), { timeout: 5_000, interval: 50 }).toBe('lunch');
    // his details show state and note
    await result.click();
    const details = page.getByTestId('contact-details');
    await details.waitFor({ state: 'visible' });
    await expect
      .poll(() => details.getByTestId('colleague-presence').textContent(), { timeout: 5_000 })
      .toContain('Canteen');
    await page.screenshot({ path: `${OUT}/details-380-light-en.png` });
    // SPEC B3: not visible → no state, no note, anywhere
    await bruno.backend.invoke('presence.set', { state: 'dnd', note: 'secret', visibility: 'none' });
    await expect.poll(() => details.getByTestId('colleague-presence').count(), { timeout: 5_000 }).toBe(0);
    expect(await details.getByTestId('colleague-presence-dot').getAttribute('data-state')).toBe('unknown');
    expect(await details.textContent()).not.toContain('secret');
    await page.getByTestId('contact-details-close').click();
    await details.waitFor({ state: 'detached' });
    await bruno.backend.invoke('presence.set', { state: 'office', visibility: 'all' });
  }, 90_000);

  it('default number, reorder, remove and delete group', async () => {
    const page = alice.page;
    await openFavorites(page);
    const row = favoriteIn(page, GROUP, 'internal:101');
    await row.getByTestId('favorite-menu').click();
    const pick = page.getByTestId('favorite-default-number').first();
    await pick.waitFor({ state: 'visible' });
    await pick.click();
    await expect.poll(() => row.getByTestId('favorite-number').textContent()).toContain('default');
    // the demo group: move Bruno (first) down by its menu, with the keyboard
    const team = group(page, DEMO_FAVORITES_GROUP);
    const firstName = () => team.getByTestId('favorite').first().getAttribute('data-entry-id');
    expect(await firstName()).toBe('internal:101');
    await team.getByTestId('favorite').first().getByTestId('favorite-menu').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('favorite-down').waitFor({ state: 'visible' });
    await page.getByTestId('favorite-down').click();
    await expect.poll(firstName).toBe('internal:102');
    // move the new group above the demo group
    await group(page, GROUP).getByTestId('favorite-group-up').click();
    await expect.poll(() => page.getByTestId('favorite-group').first().getAttribute('data-name')).toBe(GROUP);
    // remove Bruno from the new group, then delete it
    await row.getByTestId('favorite-menu').click();
    await page.getByTestId('favorite-remove').click();
    await row.waitFor({ state: 'detached' });
    await group(page, GROUP).getByTestId('favorite-group-delete').click();
    await page.getByTestId('favorite-group-delete-confirm').click();
    await group(page, GROUP).waitFor({ state: 'detached' });
    const stored = await alice.backend.invoke('favorites.list', {});
    expect(stored.groups.map((g) => g.name)).toEqual([DEMO_FAVORITES_GROUP]);
  }, 60_000);

  it('with no favorites left, the empty state says what to do', async () => {
    const page = alice.page;
    await group(page, DEMO_FAVORITES_GROUP).getByTestId('favorite-group-delete').click();
    await page.getByTestId('favorite-group-delete-confirm').click();
    const empty = page.getByTestId('favorites-empty');
    await empty.waitFor({ state: 'visible' });
    expect(await empty.textContent()).toContain('☆');
    for (const [scheme, language] of [
      ['light', 'en'],
      ['dark', 'fr'],
    ] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await alice.backend.invoke('settings.update', { language });
      await expect.poll(() => empty.textContent()).toMatch(language === 'fr' ? /^Aucun favori/ : /^No favorites yet/);
      await page.screenshot({ path: `${OUT}/empty-380-${scheme}-${language}.png` });
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await alice.backend.invoke('settings.update', { language: 'en' });
  }, 30_000);
});
