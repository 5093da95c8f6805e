/**
 * "Internal or external?" (SPEC C5, issue #16 item 7) in the web shell against the real stack: the
 * server's dial plan has the outside prefix "0" and the country DK (8-digit national numbers, the
 * length of an extension). A number typed without the prefix that is both asks first — an
 * accessible dialog, Internal / External / Cancel, in English and in French; Cancel dials nothing,
 * Internal dials it as typed, External after the prefix. "101" is dialed at once.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../src-preload/contract/ipc-contract';
import { writeDialPlanSettings } from '../../server/src/features/trunks';
import { launchChromium } from '../support/chromium';
import { waitRegistered } from '../support/two-clients';
import { startUcStack, type UcStack } from '../support/uc-stack-fixture';
import { logIn, openWebShellClient, type WebShellClient } from '../support/web-shell-client';

describe('internal or external? (SPEC C5)', () => {
  let stack: UcStack;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let alice: WebShellClient;
  let page: Page;

  beforeAll(async () => {
    stack = await startUcStack();
    // before the login: the dial plan travels in the provisioning
    await writeDialPlanSettings(stack.ctx!.db, { outsidePrefix: '0', country: 'DK' });
    browser = await launchChromium();
    alice = await openWebShellClient(browser, 'alice');
    page = alice.page;
    await logIn(page, { user: '100', password: 'Welcome100!', server: stack.serverAddress });
    await waitRegistered(page);
  }, 90_000);

  afterAll(async () => {
    await alice?.close();
    await browser?.close();
    await stack?.stop();
  });

  /** The peers of the calls placed so far (the journal: what was really dialed). */
  async function dialedPeers(): Promise<string[]> {
    const journal = (await alice.backend.invoke('journal.list', {})) as JournalEntry[];
    return journal.map((e) => e.peer).sort();
  }

  async function dial(number: string): Promise<void> {
    await page.getByTestId('dial-input').fill(number);
    await page.getByTestId('dial-input').press('Enter');
  }

  async function noCallLeft(): Promise<void> {
    await expect.poll(() => page.getByTestId('call-item').count(), { timeout: 20_000 }).toBe(0);
  }

  it('an ambiguous number asks: Cancel and Esc dial nothing, Internal dials it as typed, External after the prefix', async () => {
    const dialog = page.getByRole('dialog', { name: 'Internal or external?' });
    await dial('3212 3456');
    await dialog.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await dialog.textContent()).toContain('32123456');
    // the focus is in the dialog, on Internal
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('dial-scope-internal');
    await page.getByTestId('dial-scope-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    await dial('32123456');
    await dialog.waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByTestId('call-item').count()).toBe(0);
    expect(await dialedPeers()).toEqual([]);

    await dial('32123456');
    await page.getByRole('button', { name: 'Internal' }).click();
    await expect.poll(dialedPeers, { timeout: 20_000 }).toEqual(['32123456']);
    await noCallLeft();

    await dial('32123456');
    await page.getByRole('button', { name: 'External' }).click();
    await expect.poll(dialedPeers, { timeout: 20_000 }).toEqual(['032123456', '32123456']);
    await noCallLeft();
  });

  it('an unambiguous number is dialed at once; in French the dialog says Interne / Externe / Annuler', async () => {
    await dial('101');
    await expect.poll(dialedPeers, { timeout: 20_000 }).toContain('101');
    expect(await page.getByTestId('dial-scope-dialog').count()).toBe(0);
    await noCallLeft();

    await alice.backend.invoke('settings.update', { language: 'fr' });
    await dial('32123456');
    const dialog = page.getByRole('dialog', { name: 'Interne ou externe ?' });
    await dialog.waitFor({ state: 'visible', timeout: 10_000 });
    for (const label of ['Interne', 'Externe', 'Annuler']) {
      expect(await dialog.getByRole('button', { name: label, exact: true }).count()).toBe(1);
    }
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'detached' });
  });
});
