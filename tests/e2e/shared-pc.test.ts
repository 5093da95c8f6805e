/**
 * Issue 8 in the browser: one web shell (one data folder, one page) used by
 * Bruno, then David, then Bruno again. Bruno has a missed call from Alice, a
 * call he made, a message; after his logout and David's login the page shows
 * nothing of his — no history, no missed-call badge, no conversation, no
 * recent dials — and when Bruno comes back it is all there again.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CallView } from '../../src-preload/contract/ipc-contract';
import type { UcStack } from '../support/uc-stack-fixture';
import { waitRegistered } from '../support/two-clients';
import { useTwoClients } from '../support/use-two-clients';
import { logIn, type WebShellClient } from '../support/web-shell-client';

const DAVID_PASSWORD = 'David#2026x';

/** The numbers in the dial field's recent drop-down (opened, read, closed). */
async function recentDials(page: Page): Promise<string[]> {
  await page.getByTestId('dial-recent-toggle').click();
  const list = page.getByTestId('dial-recent-list');
  await list.waitFor({ state: 'visible' });
  const numbers = await list
    .locator('.recent-item')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-number') ?? ''));
  await page.getByTestId('dial-recent-toggle').click();
  return numbers;
}

/** What the page shows of a user's own data. */
async function shown(page: Page) {
  return {
    journal: await page.getByTestId('journal-item').count(),
    // the header's badge (the history shows a second one while it has missed calls)
    missedBadge: Number(
      (await page
        .getByTestId('missed-counter')
        .first()
        .getAttribute('data-count', { timeout: 50 })
        .catch(() => null)) ?? 0,
    ),
    conversations: await page.getByTestId('conversation-item').count(),
    unreadBadge: await page.getByTestId('messages-unread-total').count(),
  };
}

describe('a PC shared by Bruno and David, in the browser (issue 8)', () => {
  let stack: UcStack;
  let alice: WebShellClient;
  let bruno: WebShellClient;
  useTwoClients((clients) => {
    ({ stack, alice, bruno } = clients);
  });

  it('Bruno: a missed call from Alice, a call to her, a message from her', async () => {
    const { page } = bruno;
    // Alice calls and gives up while it rings
    const missed = await alice.backend.invoke('calls.dial', { target: '101' });
    await page.getByTestId('incoming-popup').waitFor({ state: 'visible', timeout: 10_000 });
    await alice.backend.invoke('calls.hangup', { callId: missed.callId });
    await page.getByTestId('missed-counter').first().waitFor({ state: 'visible', timeout: 10_000 });

    // Bruno calls Alice from the dial field; she answers; he hangs up
    await page.getByTestId('dial-input').fill('100');
    await page.getByTestId('dial-submit').click();
    await expect
      .poll(async () => ((await alice.backend.invoke('calls.list', {})) as CallView[]).map((c) => c.state), {
        timeout: 10_000,
      })
      .toContain('ringing-in');
    const ringing = ((await alice.backend.invoke('calls.list', {})) as CallView[]).find(
      (c) => c.state === 'ringing-in',
    )!;
    await alice.backend.invoke('calls.answer', { callId: ringing.id });
    await expect
      .poll(() => page.getByTestId('call-item').first().getAttribute('data-state'), { timeout: 10_000 })
      .toBe('established');
    await page.getByTestId('call-hangup').click();

    await alice.backend.invoke('messages.send', { peer: '101', text: 'Rappelle-moi' });
    await expect
      .poll(() => shown(page), { timeout: 15_000 })
      .toEqual({
        journal: 2,
        missedBadge: 1,
        conversations: 1,
        unreadBadge: 1,
      });
    expect(await recentDials(page)).toEqual(['100']);
  });

  it('Bruno logs out: the login screen shows nothing of his', async () => {
    const { page } = bruno;
    await page.getByTestId('logout').click();
    await page.getByTestId('login-user').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.getByTestId('login-user').inputValue()).toBe('');
    expect(await page.getByTestId('login-remember').isChecked()).toBe(false);
    expect(await shown(page)).toEqual({ journal: 0, missedBadge: 0, conversations: 0, unreadBadge: 0 });
  });

  it('David logs in on the same page (first login: new password): empty history, no badges, no messages, no recent dials', async () => {
    const { page } = bruno;
    await logIn(page, { user: '103', password: 'Welcome103!', server: stack.serverAddress });
    await page.getByTestId('pw-new').waitFor({ state: 'visible', timeout: 15_000 });
    await page.getByTestId('pw-current').fill('Welcome103!');
    await page.getByTestId('pw-new').fill(DAVID_PASSWORD);
    await page.getByTestId('pw-confirm').fill(DAVID_PASSWORD);
    await page.getByTestId('pw-submit').click();
    await waitRegistered(page);
    await expect(page.getByTestId('own-number').textContent()).resolves.toContain('103');
    await page.getByTestId('conversations-empty').waitFor({ state: 'visible' });
    expect(await shown(page)).toEqual({ journal: 0, missedBadge: 0, conversations: 0, unreadBadge: 0 });
    expect(await recentDials(page)).toEqual([]);
    await page.getByTestId('logout').click();
    await page.getByTestId('login-user').waitFor({ state: 'visible', timeout: 10_000 });
  });

  it('Bruno logs in again: his history, badge, conversation and recent dials are back', async () => {
    const { page } = bruno;
    await logIn(page, { user: '101', password: 'Welcome101!', server: stack.serverAddress });
    await waitRegistered(page);
    await expect
      .poll(() => shown(page), { timeout: 15_000 })
      .toEqual({
        journal: 2,
        missedBadge: 1,
        conversations: 1,
        unreadBadge: 1,
      });
    expect(await recentDials(page)).toEqual(['100']);
  });
});
