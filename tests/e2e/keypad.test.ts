/**
 * The movable keypad (SPEC F3, issue #15 item 7) in the web shell against the real stack: Ctrl+D
 * opens it during a call, it is dragged by its header and moved with the arrow keys on its move
 * button, it stays inside the window, and after a page reload it opens at the same spot (the device
 * setting `keypadPosition`, stored by the engine).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Settings } from '../../src-preload/contract/ipc-contract';
import { waitRegistered } from '../support/two-clients';
import { useTwoClients } from '../support/use-two-clients';
import type { WebShellClient } from '../support/web-shell-client';

async function settingsOf(client: WebShellClient): Promise<Settings> {
  return (await client.backend.invoke('settings.get', {})) as Settings;
}

async function keypadBox(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await page.getByTestId('keypad').boundingBox();
  if (!box) throw new Error('keypad not shown');
  return box;
}

describe('movable keypad in the web shell (SPEC F3)', () => {
  let alice: WebShellClient;
  let bruno: WebShellClient;
  useTwoClients((clients) => {
    ({ alice, bruno } = clients);
  });

  /** Alice calls Bruno, Bruno answers; then Ctrl+D at Alice's opens the keypad. */
  async function callAndOpenKeypad(): Promise<void> {
    await alice.page.getByTestId('dial-input').fill('101');
    await alice.page.getByTestId('dial-input').press('Enter');
    await bruno.page.getByTestId('incoming-popup').waitFor({ state: 'visible', timeout: 15_000 });
    await bruno.page.getByTestId('incoming-answer').click();
    await alice.page.locator('[data-testid="call-item"][data-state="established"]').waitFor({ timeout: 15_000 });
    await alice.page.locator('body').click({ position: { x: 1, y: 1 } });
    await alice.page.keyboard.press('Control+d');
    await alice.page.getByTestId('keypad').waitFor({ state: 'visible', timeout: 5_000 });
  }

  async function hangUp(): Promise<void> {
    await alice.page.getByTestId('call-hangup').first().click();
    await expect.poll(() => alice.page.getByTestId('call-item').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => bruno.page.getByTestId('call-item').count(), { timeout: 15_000 }).toBe(0);
  }

  it('Ctrl+D opens it; dragged and moved with the arrows it stays inside the window and comes back there after a reload', async () => {
    const page = alice.page;
    await page.setViewportSize({ width: 800, height: 700 });
    expect((await settingsOf(alice)).keypadPosition).toBeNull();
    await callAndOpenKeypad();

    // drag by the header to a spot
    const before = await keypadBox(page);
    const head = await page.getByTestId('keypad-head').boundingBox();
    if (!head) throw new Error('no keypad header');
    const grab = { x: head.x + head.width / 2, y: head.y + head.height / 2 };
    await page.mouse.move(grab.x, grab.y);
    await page.mouse.down();
    await page.mouse.move(grab.x + 40, grab.y + 20, { steps: 4 });
    await page.mouse.move(300 + (grab.x - before.x), 200 + (grab.y - before.y), { steps: 8 });
    await page.mouse.up();
    await expect.poll(async () => (await settingsOf(alice)).keypadPosition).toEqual({ x: 300, y: 200 });
    expect(await keypadBox(page)).toMatchObject({ x: 300, y: 200 });

    // keyboard: arrows on the move button, 10 px a step (Shift: 50)
    await page.getByTestId('keypad-move').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await expect.poll(async () => (await settingsOf(alice)).keypadPosition).toEqual({ x: 310, y: 260 });
    expect(await keypadBox(page)).toMatchObject({ x: 310, y: 260 });

    // dragged far past the bottom-right corner: it stops at the window's edge
    const now = await keypadBox(page);
    const head2 = (await page.getByTestId('keypad-head').boundingBox())!;
    await page.mouse.move(head2.x + 5, head2.y + 5);
    await page.mouse.down();
    await page.mouse.move(2000, 2000, { steps: 6 });
    await page.mouse.up();
    const edge = await keypadBox(page);
    expect(edge.x + edge.width).toBeLessThanOrEqual(800);
    expect(edge.y + edge.height).toBeLessThanOrEqual(700);
    expect(edge.x).toBeGreaterThan(now.x);
    await expect.poll(async () => (await settingsOf(alice)).keypadPosition).toEqual({ x: edge.x, y: edge.y });

    // a reload (a new renderer): the next call's keypad opens at the same spot
    await page.getByTestId('keypad-move').focus();
    await page.keyboard.press('Shift+ArrowLeft');
    const kept = await keypadBox(page);
    expect(kept.x).toBe(edge.x - 50);
    await expect.poll(async () => (await settingsOf(alice)).keypadPosition).toEqual({ x: kept.x, y: kept.y });
    await hangUp();
    await page.reload();
    await waitRegistered(page);
    await callAndOpenKeypad();
    expect(await keypadBox(page)).toMatchObject({ x: kept.x, y: kept.y });

    // Home puts it back in its place under the call
    await page.getByTestId('keypad-move').focus();
    await page.keyboard.press('Home');
    await expect.poll(async () => (await settingsOf(alice)).keypadPosition).toBeNull();
    expect(await page.locator('.keypad-floating').count()).toBe(0);
    await hangUp();
  });
});
