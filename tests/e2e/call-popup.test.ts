/**
 * Issue #4, incoming-call popup in the web shell (SPEC F2): it appears on
 * an incoming call without taking the keyboard focus (the dial field keeps
 * it), '5s' hides it after about 5 s while the call keeps ringing (it stays
 * in the calls panel with Answer / Reject), 'never' shows none.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useTwoClients } from '../support/use-two-clients';
import type { WebShellClient } from '../support/web-shell-client';

/** Alice calls 101 from her dial field. */
async function callBruno(page: Page): Promise<void> {
  await page.getByTestId('dial-input').fill('101');
  await page.getByTestId('dial-input').press('Enter');
}

async function setPopupVisibility(page: Page, value: string): Promise<void> {
  await page.getByTestId('open-settings').click();
  await page.getByTestId('settings-popup-visibility').selectOption(value);
  await expect.poll(() => page.getByTestId('settings-popup-visibility').inputValue()).toBe(value);
  await page.getByTestId('settings-back').click();
}

const activeTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

describe('incoming-call popup in the web shell', () => {
  let alice: WebShellClient;
  let bruno: WebShellClient;
  useTwoClients((clients) => {
    ({ alice, bruno } = clients);
  });

  async function endCall(): Promise<void> {
    await alice.page.getByTestId('call-hangup').first().click();
    await expect.poll(() => bruno.page.getByTestId('call-item').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => alice.page.getByTestId('call-item').count(), { timeout: 10_000 }).toBe(0);
  }

  it('appears on an incoming call without taking the focus from the dial field', async () => {
    const input = bruno.page.getByTestId('dial-input');
    await input.click();
    await input.pressSequentially('06');
    expect(await activeTestId(bruno.page)).toBe('dial-input');

    await callBruno(alice.page);
    const popup = bruno.page.getByTestId('incoming-popup');
    await popup.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await popup.textContent()).toContain('Alice Martin');
    // a colleague's photo from the internal directory (demo users have one)
    await popup.locator('img.contact-avatar').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await activeTestId(bruno.page)).toBe('dial-input');
    // typing goes on in the dial field while it rings
    await bruno.page.keyboard.type('12');
    expect(await input.inputValue()).toBe('0612');
    expect(await activeTestId(bruno.page)).toBe('dial-input');
    await input.fill('');
    await endCall();
  });

  it("'5s': hidden after about 5 s while the call keeps ringing in the calls panel", async () => {
    await setPopupVisibility(bruno.page, '5s');
    await callBruno(alice.page);
    const popup = bruno.page.getByTestId('incoming-popup');
    await popup.waitFor({ state: 'visible', timeout: 15_000 });
    const shownAt = Date.now();
    await popup.waitFor({ state: 'hidden', timeout: 9_000 });
    const visibleMs = Date.now() - shownAt;
    expect(visibleMs).toBeGreaterThan(3_500);
    expect(visibleMs).toBeLessThan(7_500);
    // still ringing, still answerable from the calls panel
    const item = bruno.page.getByTestId('call-item').first();
    expect(await item.getAttribute('data-state')).toBe('ringing-in');
    expect(await item.getByTestId('call-answer').isVisible()).toBe(true);
    expect(await item.getByTestId('call-hangup').isVisible()).toBe(true);
    await endCall();
  });

  it("'never': no popup, the call rings in the calls panel and can be answered there", async () => {
    await setPopupVisibility(bruno.page, 'never');
    await callBruno(alice.page);
    const item = bruno.page.getByTestId('call-item').first();
    await expect.poll(() => item.getAttribute('data-state'), { timeout: 15_000 }).toBe('ringing-in');
    await bruno.page.waitForTimeout(1_000);
    expect(await bruno.page.getByTestId('incoming-popup').count()).toBe(0);
    await item.getByTestId('call-answer').click();
    await expect.poll(() => item.getAttribute('data-state'), { timeout: 15_000 }).toBe('established');
    await endCall();
  });
});
