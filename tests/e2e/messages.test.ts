/**
 * Instant messages in the web shell, end to end (SPEC E6, G4): Alice finds
 * Bruno in the directory search, opens his details and sends "Bonjour";
 * Bruno's page shows the green unread counter and raises a browser
 * notification (the web shell's notifier; Notification is stubbed to record
 * it); clicking it opens the conversation, Bruno reads and replies, Alice
 * sees the reply in her open conversation.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { waitRegistered } from '../support/two-clients';
import { useTwoClients } from '../support/use-two-clients';
import type { WebShellClient } from '../support/web-shell-client';

/** Replaces the page's Notification with a recorder that the user "allowed". */
const NOTIFICATION_STUB = `
  window.__notifications = [];
  class RecordedNotification {
    static permission = 'granted';
    static requestPermission() { return Promise.resolve('granted'); }
    constructor(title, options) {
      this.title = title;
      this.body = options && options.body;
      this.onclick = null;
      window.__notifications.push(this);
    }
    close() {}
  }
  window.Notification = RecordedNotification;
`;

interface Recorded {
  title: string;
  body: string;
}

const notifications = (page: Page): Promise<Recorded[]> =>
  page.evaluate(() =>
    ((window as unknown as { __notifications?: Recorded[] }).__notifications ?? []).map((n) => ({
      title: n.title,
      body: n.body,
    })),
  );

describe('instant messages in the web shell', () => {
  let alice: WebShellClient;
  let bruno: WebShellClient;
  useTwoClients(async (clients) => {
    ({ alice, bruno } = clients);
    // the engine keeps Bruno's session; the reloaded page gets the recorder before any script runs
    await bruno.page.context().addInitScript(NOTIFICATION_STUB);
    await bruno.page.reload();
    await waitRegistered(bruno.page);
  });

  it('Alice opens Bruno from the directory search and sends "Bonjour"', async () => {
    const { page } = alice;
    await page.getByTestId('dial-input').fill('mül');
    const result = page.locator('[data-testid="search-group"][data-source="internal"] [data-testid="search-result"]', {
      hasText: 'Müller',
    });
    await result.first().waitFor({ state: 'visible', timeout: 20_000 });
    await result.first().click();
    await page.getByTestId('contact-message').click();
    const conversation = page.getByTestId('conversation');
    await conversation.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.getByTestId('conversation-peer').textContent()).toContain('Bruno Müller');
    const input = page.getByTestId('message-input');
    // Shift+Enter is a new line, not a send
    await input.fill('Bonjour');
    await input.press('Shift+Enter');
    expect(await input.inputValue()).toBe('Bonjour\n');
    await input.fill('Bonjour');
    await input.press('Enter');
    const mine = conversation.locator('[data-testid="message"][data-direction="out"]', { hasText: 'Bonjour' });
    await mine.waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(() => mine.getAttribute('data-status'), { timeout: 10_000 }).toBe('sent');
    expect(await input.inputValue()).toBe('');
  });

  it("Bruno's page shows the unread counter and a notification", async () => {
    const { page } = bruno;
    const item = page.locator('[data-testid="conversation-item"][data-peer="100"]');
    await item.waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(() => item.getByTestId('conversation-unread').textContent(), { timeout: 10_000 }).toBe('1');
    expect(await page.getByTestId('messages-unread-total').textContent()).toBe('1');
    expect(await item.getByTestId('conversation-preview').textContent()).toContain('Bonjour');
    await expect
      .poll(() => notifications(page), { timeout: 10_000 })
      .toEqual([{ title: 'Message from Alice Martin', body: 'Bonjour' }]);
  });

  it('clicking the notification opens the conversation; Bruno reads it and replies', async () => {
    const { page } = bruno;
    await page.evaluate(() => {
      const list = (window as unknown as { __notifications: { onclick: (() => void) | null }[] }).__notifications;
      list[list.length - 1]!.onclick?.();
    });
    const conversation = page.getByTestId('conversation');
    await conversation.waitFor({ state: 'visible', timeout: 10_000 });
    await conversation
      .locator('[data-testid="message"][data-direction="in"]', { hasText: 'Bonjour' })
      .waitFor({ state: 'visible', timeout: 10_000 });
    // read: the counter goes away (here and on the server)
    await page
      .locator('[data-testid="conversation-item"][data-peer="100"] [data-testid="conversation-unread"]')
      .waitFor({ state: 'detached', timeout: 10_000 });
    await page.getByTestId('message-input').fill('Salut Alice !');
    await page.getByTestId('message-input').press('Enter');
    await conversation
      .locator('[data-testid="message"][data-direction="out"]', { hasText: 'Salut Alice !' })
      .waitFor({ state: 'visible', timeout: 10_000 });
  });

  it('Alice sees the reply in her open conversation', async () => {
    const { page } = alice;
    const reply = page
      .getByTestId('conversation')
      .locator('[data-testid="message"][data-direction="in"]', { hasText: 'Salut Alice !' });
    await reply.waitFor({ state: 'visible', timeout: 10_000 });
    // newest at the bottom
    const texts = await page.getByTestId('conversation').getByTestId('message').allTextContents();
    expect(texts[texts.length - 1]).toContain('Salut Alice !');
    // she is looking at it: it is read at once, no counter
    await page.getByTestId('conversation').press('Escape');
    const item = page.locator('[data-testid="conversation-item"][data-peer="101"]');
    await item.waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(() => item.getAttribute('data-unread'), { timeout: 10_000 }).toBe('0');
  });
});
