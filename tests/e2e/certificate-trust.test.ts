/**
 * SPEC A1 / issue 10 through the web shell: the UC server (HTTPS) and
 * Kamailio (WSS) serve a self-signed certificate this machine does not
 * trust. Logging in shows it once, with its SHA-256 fingerprint, in an
 * accessible dialog whose focus starts on "Do not connect"; accepting pins it
 * and the login goes through to "registered" (API, live events and SIP over
 * WSS on the pinned certificate).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { freshSelfSignedCert } from '../support/test-tls';
import { startUcStack, type UcStack } from '../support/uc-stack-fixture';
import { logIn, openWebShellClient, type WebShellClient } from '../support/web-shell-client';

describe('certificate trust dialog', () => {
  let stack: UcStack;
  let browser: Browser;
  let alice: WebShellClient;

  beforeAll(async () => {
    stack = await startUcStack({ tls: freshSelfSignedCert(), withVoicemail: false });
    browser = await launchChromium();
    alice = await openWebShellClient(browser, 'alice');
  });

  afterAll(async () => {
    await alice?.close();
    await browser?.close();
    await stack?.stop();
  });

  it('shows the untrusted certificate with its fingerprint; accepting logs in', async () => {
    const { page } = alice;
    await logIn(page, { user: '100', password: 'Welcome100!', server: stack.serverAddress });

    const dialog = page.getByRole('dialog', { name: 'Trust this server’s certificate?' });
    await dialog.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.getByTestId('trust-certificate-fingerprint').textContent()).toBe(stack.certificateFingerprint);
    // a stray Enter must not trust it: the focus starts on "Do not connect"
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'trust-certificate-cancel',
    );
    // the login error says it too, with the fingerprint
    expect(await page.getByTestId('login-error').getAttribute('data-code')).toBe('untrusted-certificate');

    await page.getByTestId('trust-certificate-accept').click();
    await expect
      .poll(() => page.getByTestId('registration-status').getAttribute('data-status'), { timeout: 20_000 })
      .toBe('registered');
    expect(await page.getByTestId('trust-certificate').count()).toBe(0);
  });
});
