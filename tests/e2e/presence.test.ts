/**
 * Own presence end to end (SPEC B1, B3, G4): in Chromium, Alice opens the
 * presence selector in the header, picks Meeting with a return time and a
 * note (internal only) → the header shows it; a second device of Alice (its
 * own web shell + engine) shows the same after login, and its change back to
 * Office reaches the first page live; a reload keeps it. A return time in the
 * past is refused in the dialog and nothing changes. French labels follow the UI language.
 *
 * The page is served from out/web (`npm run test:e2e` builds it), or from
 * $SB_E2E_WEB_DIR when set (a private build while others rebuild out/web).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../src-main/core/app/app-core';
import { composeAppCore } from '../../src-main/core/app/compose-app-core';
import { startWebShell, type WebShell } from '../../src-main/web-shell/web-shell-server';
import { launchChromium } from '../support/chromium';
import { waitRegistered } from '../support/two-clients';
import { startUcStack, type UcStack } from '../support/uc-stack-fixture';
import { logIn } from '../support/web-shell-client';
import { webShellPageUrl } from '../support/web-shell-page-url';

interface Device {
  page: Page;
  close(): Promise<void>;
}

/** `YYYY-MM-DDTHH:MM` local time, what <input type="datetime-local"> takes (same TZ as the browser). */
function localInput(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

describe('own presence in the header', () => {
  let stack: UcStack;
  let browser: Browser;
  const devices: Device[] = [];

  async function openDevice(name: string): Promise<Device> {
    const dataDir = mkdtempSync(join(tmpdir(), `sb-e2e-presence-${name}-`));
    const shell: WebShell<AppCore> = await startWebShell({
      port: 0,
      ...(process.env.SB_E2E_WEB_DIR ? { staticDir: process.env.SB_E2E_WEB_DIR } : {}),
      createBackend: (mediaHost) =>
        composeAppCore({
          dataDir,
          mediaHost,
          defaultLanguage: 'en',
          backoff: { baseMs: 250, capMs: 3000, minMs: 100 },
        }),
    });
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(webShellPageUrl(shell.url));
    const device: Device = {
      page,
      async close() {
        await context.close().catch(() => undefined);
        await shell.close();
        rmSync(dataDir, { recursive: true, force: true });
        if (errors.length) console.warn(`[${name}] page errors:`, errors);
      },
    };
    devices.push(device);
    return device;
  }

  const presenceState = (page: Page) => page.getByTestId('presence-button').getAttribute('data-state');

  beforeAll(async () => {
    stack = await startUcStack();
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    for (const d of devices) await d.close();
    await browser?.close();
    await stack?.stop();
  });

  it('Alice picks Meeting with a return time and a note; the header shows it', async () => {
    const { page } = await openDevice('alice-laptop');
    await logIn(page, { user: '100', password: 'Welcome100!', server: stack.serverAddress });
    await waitRegistered(page);
    await expect.poll(() => presenceState(page), { timeout: 10_000 }).toBe('office');
    expect(await page.getByTestId('presence-current').textContent()).toBe('Office');

    await page.getByTestId('presence-button').click();
    const dialog = page.getByTestId('presence-dialog');
    await dialog.waitFor({ state: 'visible' });
    // Office takes no return time: the field appears only for the other states
    expect(await page.getByTestId('presence-return').count()).toBe(0);
    await page.getByTestId('presence-option-meeting').click();
    const returnAt = new Date(Date.now() + 2 * 3_600_000);
    returnAt.setSeconds(0, 0);
    await page.getByTestId('presence-return').fill(localInput(returnAt.getTime()));
    await page.getByTestId('presence-note').fill('Budget review, room 4');
    await page.getByTestId('presence-visibility').selectOption('internal');
    await page.getByTestId('presence-save').click();
    await dialog.waitFor({ state: 'detached' });

    await expect.poll(() => presenceState(page)).toBe('meeting');
    expect(await page.getByTestId('presence-current').textContent()).toBe('Meeting');
    expect(await page.getByTestId('presence-until').textContent()).toMatch(/^until /);
    expect(await page.getByTestId('presence-note-shown').textContent()).toBe('Budget review, room 4');
    const title = await page.getByTestId('presence-button').getAttribute('title');
    expect(title).toContain('Meeting');
    expect(title).toContain('Budget review, room 4');
    // the dialog shows what is stored when opened again
    await page.getByTestId('presence-button').click();
    expect(await page.getByTestId('presence-return').inputValue()).toBe(localInput(returnAt.getTime()));
    expect(await page.getByTestId('presence-visibility').inputValue()).toBe('internal');
    expect(await page.locator('[data-testid="presence-option-meeting"] input').isChecked()).toBe(true);
    await page.getByTestId('presence-cancel').click();
  }, 60_000);

  it('a return time in the past is refused in the dialog; nothing changes', async () => {
    const { page } = devices[0]!;
    await page.getByTestId('presence-button').click();
    await page.getByTestId('presence-option-lunch').click();
    await page.getByTestId('presence-return').fill(localInput(Date.now() - 3_600_000));
    await page.getByTestId('presence-save').click();
    const error = page.getByTestId('presence-error');
    await error.waitFor({ state: 'visible' });
    expect(await error.textContent()).toContain('future');
    await page.keyboard.press('Escape');
    await page.getByTestId('presence-dialog').waitFor({ state: 'detached' });
    expect(await presenceState(page)).toBe('meeting');
  });

  it("Alice's second device shows it too, and its change back to Office reaches the first page live", async () => {
    const laptop = devices[0]!.page;
    const { page } = await openDevice('alice-desktop');
    await logIn(page, { user: '100', password: 'Welcome100!', server: stack.serverAddress });
    await waitRegistered(page);
    await expect.poll(() => presenceState(page), { timeout: 10_000 }).toBe('meeting');
    expect(await page.getByTestId('presence-note-shown').textContent()).toBe('Budget review, room 4');

    await page.getByTestId('presence-button').click();
    await page.getByTestId('presence-option-office').click();
    expect(await page.getByTestId('presence-return').count()).toBe(0);
    await page.getByTestId('presence-note').fill('');
    await page.getByTestId('presence-save').click();
    await page.getByTestId('presence-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => presenceState(page)).toBe('office');
    await expect.poll(() => presenceState(laptop), { timeout: 10_000 }).toBe('office');
    expect(await laptop.getByTestId('presence-until').count()).toBe(0);
    expect(await laptop.getByTestId('presence-note-shown').count()).toBe(0);
  }, 60_000);

  it('a reload shows the stored presence', async () => {
    const { page } = devices[0]!;
    await page.reload();
    await expect.poll(() => presenceState(page), { timeout: 15_000 }).toBe('office');
  }, 30_000);

  it('speaks French when the UI does', async () => {
    const { page } = devices[0]!;
    await page.getByTestId('language-select').selectOption('fr');
    await expect.poll(() => page.getByTestId('presence-current').textContent()).toBe('Au bureau');
    await page.getByTestId('presence-button').click();
    expect(await page.getByTestId('presence-option-dnd').textContent()).toBe('Ne pas déranger');
    await page.getByTestId('presence-option-vacation').click();
    expect(await page.locator('label[for="presence-return"]').textContent()).toBe('De retour le (facultatif)');
    await page.getByTestId('presence-cancel').click();
    await page.getByTestId('language-select').selectOption('en');
  }, 30_000);
});
