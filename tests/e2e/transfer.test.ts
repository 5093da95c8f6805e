/**
 * SPEC F2 Transfer (deflection of a ringing call from the popup) and F3
 * blind transfer (REFER from the calls panel), consultation, alternate and
 * attended transfer (REFER with Replaces), through the real stack:
 * Alice (100) and Bruno (101) in Chromium with real WebRTC, Chloé (102) a
 * werift phone on the same Kamailio. The transferred caller must end up
 * talking to Chloé: her phone receives Alice's audio packets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPhone, waitFor, type TestPhone } from '../support/engine-harness';
import { openTwoClients, type TwoClients } from '../support/two-clients';
import type { WebShellClient } from '../support/web-shell-client';
import type { Call } from '../../src-main/core/features/calls/sip/call';

describe('transfer in the web shell', () => {
  let clients: TwoClients;
  let alice: WebShellClient;
  let bruno: WebShellClient;
  let chloe: TestPhone;
  const atChloe: Call[] = [];

  beforeAll(async () => {
    clients = await openTwoClients();
    ({ alice, bruno } = clients);
    chloe = createPhone({ ...clients.stack.kamailio, users: await clients.stack.sipUsers() }, '102');
    chloe.engine.onDidReceiveCall((c) => atChloe.push(c));
    expect((await chloe.engine.start()).status).toBe('registered');
  }, 90_000);

  afterAll(async () => {
    await chloe?.dispose();
    await clients?.close();
  });

  async function aliceCallsBruno(): Promise<void> {
    await alice.page.getByTestId('dial-input').fill('101');
    await alice.page.getByTestId('dial-input').press('Enter');
    await bruno.page.getByTestId('incoming-popup').waitFor({ state: 'visible', timeout: 15_000 });
  }

  async function chloeAnswersAndHearsAlice(before: number): Promise<Call> {
    await waitFor('call at Chloé', () => atChloe.length > before, 15_000);
    const call = atChloe.at(-1)!;
    expect(call.peer).toBe('100');
    await call.answer();
    await expect
      .poll(() => alice.page.locator('[data-testid="call-item"][data-state="established"]').count(), {
        timeout: 15_000,
      })
      .toBe(1);
    await waitFor(
      'Alice audio at Chloé',
      () => (chloe.media.stats(call.mediaSessionId!)?.rxAudioPackets ?? 0) > 50,
      15_000,
    );
    return call;
  }

  async function endAll(call: Call): Promise<void> {
    await call.hangup();
    await expect.poll(() => alice.page.getByTestId('call-item').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => bruno.page.getByTestId('call-item').count(), { timeout: 10_000 }).toBe(0);
  }

  it('popup Transfer: Bruno sends the ringing call to 102 from the main window, Alice talks with Chloé', async () => {
    const before = atChloe.length;
    await aliceCallsBruno();
    await bruno.page.getByTestId('incoming-transfer').click();
    const dialog = bruno.page.getByTestId('transfer-dialog');
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.textContent()).toContain('Alice Martin');
    // the target field has the keyboard now: the user asked for it
    await bruno.page.keyboard.type('102');
    await bruno.page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });

    const call = await chloeAnswersAndHearsAlice(before);
    // Alice still talks on the call she placed to Bruno's number; Bruno is out of it
    await expect.poll(() => bruno.page.getByTestId('call-item').count(), { timeout: 10_000 }).toBe(0);
    await endAll(call);
    const journal = await bruno.backend.invoke('journal.list', {});
    expect(journal.at(0)).toMatchObject({ peer: '100', result: 'rejected', reason: 'deflected' });
  });

  it('calls panel blind transfer: Bruno answers, picks Chloé by name, Alice follows the REFER', async () => {
    const before = atChloe.length;
    await aliceCallsBruno();
    await bruno.page.getByTestId('incoming-answer').click();
    await expect
      .poll(() => alice.page.locator('[data-testid="call-item"][data-state="established"]').count(), {
        timeout: 15_000,
      })
      .toBe(1);
    await bruno.page.getByTestId('call-transfer').click();
    const dialog = bruno.page.getByTestId('transfer-dialog');
    await dialog.waitFor({ state: 'visible' });
    await bruno.page.getByTestId('transfer-target').fill('chlo');
    const match = bruno.page.locator('[data-testid="transfer-match"][data-number="102"]');
    await match.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await match.textContent()).toContain('Chloé Dubois');
    await match.click();
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });

    const call = await chloeAnswersAndHearsAlice(before);
    // Alice's UI now shows the call to 102 (the one placed for the REFER)
    expect(
      await alice.page.locator('[data-testid="call-item"][data-state="established"]').first().textContent(),
    ).toContain('102');
    await endAll(call);
    const journal = await bruno.backend.invoke('journal.list', {});
    expect(journal.at(0)).toMatchObject({ peer: '100', result: 'answered', reason: 'transferred' });
  });

  it('consultation, alternate, then attended transfer: Alice ends up talking with Chloé', async () => {
    const before = atChloe.length;
    const createdAtChloe: Call[] = [];
    const unsubscribe = chloe.engine.onDidCreateCall((c) => createdAtChloe.push(c as Call));
    try {
      await aliceCallsBruno();
      await bruno.page.getByTestId('incoming-answer').click();
      const brunoItem = (state: string) => bruno.page.locator(`[data-testid="call-item"][data-state="${state}"]`);
      await brunoItem('established').waitFor({ timeout: 15_000 });
      const aliceCallId = await brunoItem('established').getAttribute('data-call-id');

      // Consultation: Alice is put on hold and the dial field gets the keyboard for the second call
      await bruno.page.getByTestId('call-consult').click();
      await brunoItem('held').waitFor({ timeout: 10_000 });
      await expect
        .poll(() => bruno.page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
        .toBe('dial-input');
      await bruno.page.keyboard.type('102');
      await bruno.page.keyboard.press('Enter');
      await waitFor('consultation call at Chloé', () => atChloe.length > before, 15_000);
      const consultAtChloe = atChloe.at(-1)!;
      expect(consultAtChloe.peer).toBe('101');
      await consultAtChloe.answer();
      await brunoItem('established').waitFor({ timeout: 10_000 });

      // Alternate: back to Alice (Chloé waits on hold), then transfer Alice to Chloé
      await bruno.page.locator(`[data-call-id="${aliceCallId}"] [data-testid="call-alternate"]`).click();
      await expect
        .poll(() => bruno.page.locator(`[data-call-id="${aliceCallId}"]`).getAttribute('data-state'), {
          timeout: 10_000,
        })
        .toBe('established');
      await expect.poll(() => brunoItem('held').count(), { timeout: 10_000 }).toBe(1);

      await bruno.page.locator(`[data-call-id="${aliceCallId}"] [data-testid="call-transfer"]`).click();
      const connect = bruno.page.getByTestId('transfer-connect');
      await connect.waitFor({ state: 'visible' });
      expect(await connect.textContent()).toContain('102');
      await connect.click();
      await bruno.page.getByTestId('transfer-dialog').waitFor({ state: 'hidden', timeout: 10_000 });

      // Chloé's phone swapped Bruno's consultation dialog for Alice's (Replaces), without ringing
      await waitFor('replacing call at Chloé', () => createdAtChloe.some((c) => c.peer === '100'), 15_000);
      const replacing = createdAtChloe.find((c) => c.peer === '100')!;
      await waitFor('Chloé talks with Alice', () => replacing.state === 'established', 10_000);
      await waitFor('consultation leg ended', () => consultAtChloe.state === 'terminated', 10_000);
      await expect.poll(() => bruno.page.getByTestId('call-item').count(), { timeout: 10_000 }).toBe(0);
      await waitFor(
        'Alice audio at Chloé',
        () => (chloe.media.stats(replacing.mediaSessionId!)?.rxAudioPackets ?? 0) > 50,
        15_000,
      );
      await expect
        .poll(() => alice.page.locator('[data-testid="call-item"][data-state="established"]').count(), {
          timeout: 10_000,
        })
        .toBe(1);
      await endAll(replacing);
    } finally {
      unsubscribe();
    }
  });

  it('a bad target is refused with a message and the call keeps ringing', async () => {
    await aliceCallsBruno();
    await bruno.page.getByTestId('incoming-transfer').click();
    await bruno.page.getByTestId('transfer-target').fill('++12');
    await bruno.page.getByTestId('transfer-submit').click();
    await bruno.page.getByTestId('transfer-error').waitFor({ state: 'visible' });
    expect(await bruno.page.locator('[data-testid="call-item"]').first().getAttribute('data-state')).toBe('ringing-in');
    await bruno.page.getByTestId('transfer-cancel').click();
    await alice.page.getByTestId('call-hangup').first().click();
    await expect.poll(() => bruno.page.getByTestId('call-item').count(), { timeout: 10_000 }).toBe(0);
  });
});
