/**
 * Issue #4, telephony links end to end (SPEC G1): a tel: link handed to the
 * app by the OS (AppCore.handleExternalLink, as the Electron shell does for
 * second-instance / open-url) shows "Call …?" with the number; Cancel dials
 * nothing, Call dials and the call connects through Kamailio to the other
 * client; a malformed link is refused with a clear, translated message; a
 * tel: link clicked inside the app (contact details) dials without asking.
 */
import { describe, expect, it } from 'vitest';
import { useTwoClients } from '../support/use-two-clients';
import type { WebShellClient } from '../support/web-shell-client';

describe('tel: link handed to the app: confirm, then dial', () => {
  let alice: WebShellClient;
  let bruno: WebShellClient;
  useTwoClients((clients) => {
    ({ alice, bruno } = clients);
  });

  const LINK = 'tel:101;phone-context=example.com';

  it('shows the number and asks; Cancel dials nothing', async () => {
    const { page } = alice;
    alice.backend.handleExternalLink(LINK, 'os-second-instance');
    const dialog = page.getByTestId('link-confirm');
    await dialog.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.getByTestId('link-confirm-number').textContent()).toContain('Call 101?');
    expect(await page.getByTestId('link-confirm-number').getAttribute('data-number')).toBe('101');
    await page.getByTestId('link-confirm-cancel').click();
    await dialog.waitFor({ state: 'hidden', timeout: 5_000 });
    // nothing was dialed: no call on either side, even a moment later
    await page.waitForTimeout(1_500);
    expect(await page.getByTestId('call-item').count()).toBe(0);
    expect(await bruno.page.getByTestId('call-item').count()).toBe(0);
  });

  it('Call dials; the callee answers and both sides are connected', async () => {
    const { page } = alice;
    alice.backend.handleExternalLink(LINK, 'os-open-url');
    await page.getByTestId('link-confirm').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('link-confirm-call').click();
    await page.getByTestId('link-confirm').waitFor({ state: 'hidden', timeout: 5_000 });

    await bruno.page.getByTestId('incoming-popup').waitFor({ state: 'visible', timeout: 15_000 });
    await bruno.page.getByTestId('incoming-answer').click();
    for (const p of [page, bruno.page]) {
      await expect
        .poll(() => p.getByTestId('call-item').first().getAttribute('data-state'), { timeout: 15_000 })
        .toBe('established');
    }
    await page.getByTestId('call-hangup').click();
    await expect.poll(() => page.getByTestId('call-item').count(), { timeout: 10_000 }).toBe(0);
  });

  it('a malformed link is refused with the reason, and nothing is dialed', async () => {
    const { page } = alice;
    alice.backend.handleExternalLink('tel:101', 'os-second-instance');
    const refused = page.getByTestId('link-refused');
    await refused.first().waitFor({ state: 'visible', timeout: 10_000 });
    expect(await refused.first().getAttribute('data-reason')).toBe('missing-phone-context');
    expect(await refused.first().textContent()).toMatch(/Link refused: a local number needs a phone-context/);

    alice.backend.handleExternalLink('javascript:alert(1)', 'os-open-url');
    await expect
      .poll(() => page.locator('[data-testid="link-refused"][data-reason="unsupported-scheme"]').count(), {
        timeout: 10_000,
      })
      .toBe(1);
    expect(await page.getByTestId('link-confirm').count()).toBe(0);
    expect(await page.getByTestId('call-item').count()).toBe(0);
  });

  it("a number's tel: link in the app dials at once (the user's own click: no question)", async () => {
    const { page } = alice;
    await page.getByTestId('dial-input').fill('mül');
    const result = page.locator('[data-testid="search-group"][data-source="internal"] [data-testid="search-result"]', {
      hasText: 'Müller',
    });
    await result.first().waitFor({ state: 'visible', timeout: 10_000 });
    await result.first().click();
    const link = page.getByTestId('contact-details').getByTestId('tel-link').first();
    expect(await link.getAttribute('href')).toMatch(/^tel:101;phone-context=/);
    await link.click();
    await bruno.page.getByTestId('incoming-popup').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.getByTestId('link-confirm').count()).toBe(0);
    await bruno.page.getByTestId('incoming-reject').click();
    await expect.poll(() => bruno.page.getByTestId('call-item').count(), { timeout: 10_000 }).toBe(0);
  });
});
