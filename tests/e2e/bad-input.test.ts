/**
 * Bad input through the whole stack: a server that is down, a malformed
 * number and an unknown user, each with a clear message and no crash.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startUcStack, type UcStack } from '../support/uc-stack-fixture';
import { launchChromium } from '../support/chromium';
import { logIn, openWebShellClient, type WebShellClient } from '../support/web-shell-client';

describe('bad input in the web shell', () => {
  let stack: UcStack;
  let kamailio: UcStack['kamailio'];
  let browser: Browser;
  let client: WebShellClient;
  let server: string;

  beforeAll(async () => {
    stack = await startUcStack();
    kamailio = stack.kamailio;
    server = stack.serverAddress;
    browser = await launchChromium();
    client = await openWebShellClient(browser, 'bad-input');
  });

  afterAll(async () => {
    await client?.close();
    await browser?.close();
    await stack?.stop();
  });

  it('UC server unreachable at login: a clear message, nothing crashes', async () => {
    const { page } = client;
    await stack.stopServer();
    await logIn(page, { user: '100', password: 'Welcome100!', server });
    await expect
      .poll(() => page.getByTestId('login-error').textContent(), { timeout: 15_000 })
      .toMatch(/cannot be reached/i);
    await stack.startServer();
  });

  it('SIP server unreachable: says so, retries by itself, registers once it is back', async () => {
    const { page } = client;
    await kamailio.kill();
    await page.getByTestId('login-submit').click();
    await expect
      .poll(() => page.getByTestId('registration-status').getAttribute('data-status'), { timeout: 15_000 })
      .toBe('unreachable');
    await kamailio.restart();
    await expect
      .poll(() => page.getByTestId('registration-status').getAttribute('data-status'), { timeout: 40_000 })
      .toBe('registered');
  });

  it('a malformed number shows a message and places no call', async () => {
    const { page } = client;
    await page.getByTestId('dial-input').fill('12ab');
    await page.getByTestId('dial-input').press('Enter');
    await expect
      .poll(() => page.getByTestId('dial-error').textContent(), { timeout: 5_000 })
      .toMatch(/not a valid number/i);
    expect(await page.getByTestId('call-item').count()).toBe(0);
    expect(await page.getByTestId('journal-item').count()).toBe(0);
  });

  it('a call to an unknown user ends as "not found" in the journal', async () => {
    const { page } = client;
    await page.getByTestId('dial-input').fill('199');
    await page.getByTestId('dial-input').press('Enter');
    const item = page.getByTestId('journal-item').first();
    await item.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await item.getAttribute('data-result')).toBe('failed');
    expect(await item.textContent()).toMatch(/not found/i);
  });
});
