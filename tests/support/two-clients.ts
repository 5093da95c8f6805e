/**
 * The common e2e setting: a fresh UC stack, Debian's Chromium, and two
 * web-shell clients logged in and registered — Alice (100) and Bruno (101).
 */
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { startUcStack, type UcStack, type UcStackOptions } from './uc-stack-fixture';
import { logIn, openWebShellClient, type WebShellClient } from './web-shell-client';

export interface TwoClients {
  stack: UcStack;
  browser: Browser;
  alice: WebShellClient;
  bruno: WebShellClient;
  close(): Promise<void>;
}

/** Waits until the page shows a registered SIP account (usable in beforeAll, unlike expect.poll). */
export async function waitRegistered(page: Page, timeout = 20_000): Promise<void> {
  await page
    .locator('[data-testid="registration-status"][data-status="registered"]')
    .waitFor({ state: 'attached', timeout });
}

export async function openTwoClients(
  opts: { fakeAudioWav?: string; stack?: UcStackOptions } = {},
): Promise<TwoClients> {
  const stack = await startUcStack(opts.stack);
  const browser = await launchChromium(opts);
  const alice = await openWebShellClient(browser, 'alice');
  const bruno = await openWebShellClient(browser, 'bruno');
  await logIn(alice.page, { user: '100', password: 'Welcome100!', server: stack.serverAddress });
  await logIn(bruno.page, { user: '101', password: 'Welcome101!', server: stack.serverAddress });
  await waitRegistered(alice.page);
  await waitRegistered(bruno.page);
  return {
    stack,
    browser,
    alice,
    bruno,
    async close() {
      await alice.close();
      await bruno.close();
      await browser.close();
      await stack.stop();
    },
  };
}
