/**
 * The Search/Dial field and what a new user tripped over (issue #8), through
 * the real stack (web shell, UC server, Kamailio, the voicemail service,
 * Chromium): "mul" + Enter calls Bruno Müller — he sees Alice's name, Alice's
 * call card, history and recent numbers show his; calling from the contact
 * details leaves the search closed; a 40-digit number is refused before and
 * after Enter with one message; the caller's history says Cancelled and
 * Voicemail; with the UC server away, the cached directory is still searched
 * and called from.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TwoClients } from '../support/two-clients';
import { useTwoClients } from '../support/use-two-clients';

const callState = (page: Page) => page.getByTestId('call-item').first().getAttribute('data-state');

async function hangUpAll(page: Page): Promise<void> {
  for (let i = 0; i < 3 && (await page.getByTestId('call-hangup').count()) > 0; i++) {
    await page.getByTestId('call-hangup').first().click();
  }
  await expect.poll(() => page.getByTestId('call-item').count(), { timeout: 10_000 }).toBe(0);
}

describe('Search/Dial: Enter, names, refusals, history wording, offline search', () => {
  let clients: TwoClients;
  useTwoClients((c) => {
    clients = c;
  });

  it('"mul" + Enter calls Bruno Müller at once; he sees Alice Martin, Alice sees his name everywhere', async () => {
    const { alice, bruno } = clients;
    const input = alice.page.getByTestId('dial-input');
    // typed and Enter at once: before the debounced search has answered
    await input.fill('mul');
    await input.press('Enter');
    await bruno.page.getByTestId('incoming-popup').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await bruno.page.getByTestId('incoming-peer').textContent()).toBe('Alice Martin');
    const card = alice.page.getByTestId('call-item').first();
    expect(await card.getAttribute('aria-label')).toBe('Bruno Müller');
    expect(await card.locator('.peer-name').textContent()).toBe('Bruno Müller');
    expect(await alice.page.getByTestId('dial-error').count()).toBe(0);
    expect(await input.inputValue()).toBe('');

    // Alice gives up before Bruno answers: "Cancelled" in her history, with his name
    await hangUpAll(alice.page);
    const row = alice.page.getByTestId('journal-item').first();
    await expect.poll(() => row.getAttribute('data-outcome'), { timeout: 10_000 }).toBe('cancelled');
    expect(await row.getByTestId('journal-result').textContent()).toBe('Cancelled');
    expect(await row.locator('.peer-name').textContent()).toContain('Bruno Müller');
    await alice.page.getByTestId('dial-recent-toggle').click();
    const recent = alice.page.getByTestId('dial-recent-list').locator('[data-number="101"]');
    expect(await recent.textContent()).toContain('Bruno Müller');
    await alice.page.keyboard.press('Escape');
  });

  it('calling from the contact details leaves the search results closed over the call card', async () => {
    const { alice, bruno } = clients;
    const page = alice.page;
    await page.getByTestId('dial-input').fill('mul');
    const result = page.locator('[data-testid="search-result"][data-entry-id="internal:101"]');
    await result.waitFor({ state: 'visible', timeout: 10_000 });
    await result.click();
    await page.getByTestId('contact-details').waitFor({ state: 'visible' });
    await page.getByTestId('contact-call-internal').click();
    await page.getByTestId('contact-details').waitFor({ state: 'detached', timeout: 10_000 });
    await bruno.page.getByTestId('incoming-popup').waitFor({ state: 'visible', timeout: 10_000 });
    // the focus is back in the field: the old results must not open again
    await page.waitForTimeout(500);
    expect(await page.getByTestId('search-results').count()).toBe(0);
    expect(await page.getByTestId('dial-input').inputValue()).toBe('');
    expect(await page.getByTestId('call-item').first().isVisible()).toBe(true);
    await hangUpAll(page);
  });

  it('a 40-digit number is never offered; Enter gives the same reason', async () => {
    const page = clients.alice.page;
    const input = page.getByTestId('dial-input');
    await input.fill('1'.repeat(40));
    const refused = page.getByTestId('search-dial-refused');
    await refused.waitFor({ state: 'visible' });
    expect(await refused.getAttribute('data-reason')).toBe('too-long');
    expect(await page.getByTestId('search-dial').count()).toBe(0);
    const reason = (await refused.textContent())!.trim();
    expect(reason).toMatch(/at most 32 digits/);
    await input.press('Enter');
    const error = page.getByTestId('dial-error');
    await error.waitFor({ state: 'visible' });
    expect(await error.getAttribute('data-reason')).toBe('too-long');
    expect((await error.textContent())!.trim()).toBe(reason);
    // letters that match nobody: said as such, never "not a valid number"
    await input.fill('zzqx');
    await input.press('Enter');
    await expect.poll(() => error.getAttribute('data-code'), { timeout: 5_000 }).toBe('no-match');
    expect(await error.textContent()).toContain('zzqx');
    await input.fill('');
  });

  it('a call the callee sends to his voicemail reads "Voicemail" in the caller history', async () => {
    const { alice, bruno } = clients;
    await alice.page.getByTestId('dial-input').fill('101');
    await alice.page.getByTestId('dial-input').press('Enter');
    await bruno.page.getByTestId('incoming-popup').waitFor({ state: 'visible', timeout: 10_000 });
    await bruno.page.getByTestId('incoming-deflect').click();
    await expect.poll(() => callState(alice.page), { timeout: 15_000 }).toBe('established');
    await alice.page.getByTestId('call-voicemail').waitFor({ state: 'visible', timeout: 5_000 });
    await alice.page.waitForTimeout(1_000);
    await hangUpAll(alice.page);
    const row = alice.page.getByTestId('journal-item').first();
    await expect.poll(() => row.getAttribute('data-outcome'), { timeout: 10_000 }).toBe('voicemail');
    expect(await row.getByTestId('journal-result').textContent()).toBe('Voicemail');
    expect(await row.locator('.peer-name').textContent()).toContain('Bruno Müller');
  });

  it('the UC server away: the cached directory is still searched and called from; server actions say why not', async () => {
    const { alice, bruno, stack } = clients;
    const page = alice.page;
    await stack.stopServer();
    try {
      await page.getByTestId('uc-offline-overlay').waitFor({ state: 'visible', timeout: 20_000 });
      expect(await page.getByTestId('presence-button').getAttribute('aria-disabled')).toBe('true');
      expect(await page.getByTestId('presence-button').getAttribute('title')).toMatch(/cannot be reached/);
      expect(await page.getByTestId('contacts-import').getAttribute('aria-disabled')).toBe('true');
      await page.getByTestId('dial-input').fill('mul');
      const result = page.locator('[data-testid="search-result"][data-entry-id="internal:101"]');
      await result.waitFor({ state: 'visible', timeout: 10_000 });
      await page.getByTestId('dial-input').press('Enter');
      await bruno.page.getByTestId('incoming-popup').waitFor({ state: 'visible', timeout: 10_000 });
      expect(await page.getByTestId('call-item').first().getAttribute('aria-label')).toBe('Bruno Müller');
      await hangUpAll(page);
    } finally {
      await stack.startServer();
    }
    await page.getByTestId('uc-offline-overlay').waitFor({ state: 'hidden', timeout: 40_000 });
  });
});
