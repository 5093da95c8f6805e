/**
 * Conferences end to end (issue #14) in the web shell, on the real engine (Kamailio, UC server,
 * Janus AudioBridge, the conference service): Alice creates a room in the Conferences tab and
 * adds Bruno, then her favorites group; Bruno sees it appear live; both join with one click (no PIN); the list shows both
 * in the room, and Bruno hears Alice's speech (her Chromium microphone plays a WAV) mixed by Janus;
 * the call leaves a conversation named after the room (I6). Alice renames the room (Bruno sees the
 * new name live) and deletes it: the confirmation dialog's Cancel keeps it, Delete removes it.
 */
// the renderer's window globals (window.__ucMediaTest, the e2e media hook)
import type {} from '../../src-renderer/src/global';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bestLoopedCorrelation, readWav, rmsEnvelope } from '../support/audio-envelope';
import { makeSpeechWav } from '../support/speech-wav';
import { openTwoClients, type TwoClients } from '../support/two-clients';

describe('conferences in the web shell', () => {
  let clients: TwoClients;
  let work: string;
  let wav: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'sb-e2e-conf-'));
    wav = makeSpeechWav(join(work, 'speech.wav'));
    clients = await openTwoClients({ fakeAudioWav: wav, stack: { withConferences: true } });
  }, 90_000);

  afterAll(async () => {
    await clients?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function openConferences(page: Page, backend: TwoClients['alice']['backend']): Promise<void> {
    await backend.invoke('settings.update', { view: 'menu' });
    await page.getByTestId('menu-conferences').click();
    await page.getByTestId('conferences-section').waitFor({ state: 'visible', timeout: 10_000 });
  }

  const room = (page: Page) =>
    page.locator('[data-testid^="conference-"][data-active-count]').filter({ hasText: 'E2E room' });

  it('Alice creates a room with Bruno; Bruno sees it live', async () => {
    const { alice, bruno } = clients;
    await openConferences(alice.page, alice.backend);
    await openConferences(bruno.page, bruno.backend);
    // "New conference" asks the name in a dialog
    await alice.page.getByTestId('conference-new').click();
    await alice.page.getByTestId('conference-new-name').fill('E2E room');
    await alice.page.getByTestId('conference-create').click();
    await alice.page.getByTestId('conference-create-dialog').waitFor({ state: 'detached', timeout: 10_000 });
    await room(alice.page).waitFor({ state: 'visible', timeout: 10_000 });
    // "Add participants" opens a dialog that stays open for several additions
    await room(alice.page).getByTestId('conference-add').click();
    const add = alice.page.getByTestId('conference-add-dialog');
    await add.getByTestId('conference-add-colleague').fill('101');
    await add.getByTestId('conference-add-colleague').press('Enter');
    await expect.poll(() => room(alice.page).textContent(), { timeout: 10_000 }).toContain('Bruno');
    // a whole favorites group (the demo's "Team": the other demo users), Bruno not twice
    await add.getByTestId('conference-add-group').first().click();
    await expect
      .poll(() => room(alice.page).locator('[data-testid^="conference-participant-"]').count(), { timeout: 10_000 })
      .toBe(6);
    await add.getByTestId('conference-add-done').click();
    await add.waitFor({ state: 'detached', timeout: 5_000 });
    expect(await room(alice.page).textContent()).toContain('Chloé');
    await room(bruno.page).waitFor({ state: 'visible', timeout: 10_000 });
    expect(await room(bruno.page).getByTestId('conference-delete').count()).toBe(0);
  });

  it('both join with one click; each is in the room and Bruno hears Alice', async () => {
    const { alice, bruno } = clients;
    await room(alice.page).getByTestId('conference-join').click();
    await expect
      .poll(() => alice.page.getByTestId('call-item').first().getAttribute('data-state'), { timeout: 15_000 })
      .toBe('established');
    await room(bruno.page).getByTestId('conference-join').click();
    await expect
      .poll(() => bruno.page.getByTestId('call-item').first().getAttribute('data-state'), { timeout: 15_000 })
      .toBe('established');
    await expect.poll(() => room(alice.page).getAttribute('data-active-count'), { timeout: 20_000 }).toBe('2');
    await expect.poll(() => room(bruno.page).getAttribute('data-active-count'), { timeout: 20_000 }).toBe('2');
    expect(await room(bruno.page).locator('[data-state="active"]').count()).toBe(2);

    await bruno.page.waitForTimeout(1_500);
    await bruno.page.evaluate(() => window.__ucMediaTest!.startRecording());
    await bruno.page.waitForTimeout(7_000);
    const { rms } = await bruno.page.evaluate(() => window.__ucMediaTest!.stopRecording());
    const { correlation } = bestLoopedCorrelation(rms, rmsEnvelope(readWav(wav), 20));
    console.log(
      `conference e2e envelope correlation Bruno<-Alice: ${correlation.toFixed(3)} over ${rms.length} windows`,
    );
    expect(correlation).toBeGreaterThanOrEqual(0.6);

    await alice.page.getByTestId('call-hangup').first().click();
    await bruno.page.getByTestId('call-hangup').first().click();
    await expect.poll(() => room(alice.page).getAttribute('data-active-count'), { timeout: 20_000 }).toBe('0');

    // the conversation entry (the server's call history, synced) names the room
    const joinPeer = /^conf[0-9]+$/;
    await expect
      .poll(
        async () => (await alice.backend.invoke('conversations.list', {})).find((c) => joinPeer.test(c.peer))?.peerName,
        { timeout: 15_000 },
      )
      .toBe('E2E room');
  }, 90_000);

  it('Alice renames the room, and deletes it once she confirmed', async () => {
    const { alice, bruno } = clients;
    await room(alice.page).getByTestId('conference-rename').click();
    const field = alice.page.getByTestId('conference-rename-input');
    expect(await field.inputValue()).toBe('E2E room');
    await field.fill('E2E room renamed');
    await alice.page.getByTestId('conference-rename-save').click();
    await expect.poll(() => room(bruno.page).textContent(), { timeout: 10_000 }).toContain('E2E room renamed');
    // the field closes once the server stored the name
    await expect.poll(() => alice.page.getByTestId('conference-rename-input').count(), { timeout: 10_000 }).toBe(0);

    await room(alice.page).getByTestId('conference-delete').click();
    const dialog = alice.page.getByTestId('conference-confirm-delete');
    await dialog.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await dialog.textContent()).toContain('E2E room renamed');
    await dialog.getByTestId('conference-confirm-delete-cancel').click();
    await dialog.waitFor({ state: 'detached', timeout: 5_000 });
    await alice.page.waitForTimeout(500);
    expect(await room(alice.page).count()).toBe(1);

    await room(alice.page).getByTestId('conference-delete').click();
    await alice.page.getByTestId('conference-confirm-delete-ok').click();
    await expect.poll(() => room(alice.page).count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => room(bruno.page).count(), { timeout: 10_000 }).toBe(0);
  }, 60_000);
});
