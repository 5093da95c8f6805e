/**
 * Call forwarding end to end (SPEC J3, issue #12 item 6), in Chromium through
 * the web shell against the real UC server and Kamailio: Alice opens
 * Settings › Call forwarding, is told what is wrong with a bad number (nothing
 * saved), sets "immediately to 101"; the header shows where her calls go; a
 * colleague (102, a SIP engine) calls her → Bruno's (101) app rings, hers
 * does not; the header's "off" turns the rule off and calls reach her again.
 * Screenshots (EN/FR) go to $SB_SCREENS_DIR (default /tmp/sb-screens/forwarding).
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallState } from '../../src-main/core/features/calls/sip/call-state';
import { createPhone, type TestPhone } from '../support/engine-harness';
import type { UcStack } from '../support/uc-stack-fixture';
import { useTwoClients } from '../support/use-two-clients';
import type { WebShellClient } from '../support/web-shell-client';

const OUT = process.env.SB_SCREENS_DIR ?? '/tmp/sb-screens/forwarding';

describe('call forwarding', () => {
  let stack: UcStack;
  let alice: WebShellClient;
  let bruno: WebShellClient;
  let chloe: TestPhone | undefined;
  useTwoClients(async (clients) => {
    ({ stack, alice, bruno } = clients);
    const k = { wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain, users: await stack.sipUsers() };
    chloe = createPhone(k, '102');
    expect((await chloe.engine.start()).status).toBe('registered');
  });

  beforeAll(() => {
    mkdirSync(OUT, { recursive: true });
  });

  afterAll(async () => {
    await chloe?.dispose();
  });

  it('Alice sets "immediately to 101" in Settings; bad input is explained and not saved', async () => {
    const page = alice.page;
    await page.getByTestId('open-settings').click();
    const form = page.getByTestId('forwarding-settings');
    await form.waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('forwarding-immediate-enabled').check();
    await page.getByTestId('forwarding-immediate-target-kind').selectOption('number');
    await page.getByTestId('forwarding-immediate-target-number').fill('10 1!');
    await page.getByTestId('forwarding-save').click();
    await page.getByTestId('forwarding-immediate-target-error').waitFor({ state: 'visible' });
    expect(await page.getByTestId('forwarding-invalid').textContent()).toContain('Nothing was saved');
    expect((await alice.backend.invoke('forwarding.get', {}))?.rules ?? null).toBeNull();
    await page.getByTestId('forwarding-immediate-target-number').fill('101');
    await page.getByTestId('forwarding-save').click();
    await page.getByTestId('forwarding-saved').waitFor({ state: 'visible', timeout: 10_000 });
    const stored = await alice.backend.invoke('forwarding.get', {});
    expect(stored?.rules?.immediate).toEqual({
      enabled: true,
      target: { kind: 'number', number: '101' },
      window: null,
    });
    // tall enough for the whole section (the settings screen scrolls inside the window)
    const size = page.viewportSize();
    await page.setViewportSize({ width: 420, height: 2400 });
    for (const language of ['en', 'fr'] as const) {
      await alice.backend.invoke('settings.update', { language });
      await expect
        .poll(() => page.getByTestId('forwarding-immediate').textContent())
        .toContain(language === 'fr' ? 'Renvoyer immédiatement' : 'Forward every call immediately');
      await page.getByTestId('forwarding-settings').screenshot({ path: `${OUT}/forwarding-settings-${language}.png` });
    }
    if (size) await page.setViewportSize(size);
    await alice.backend.invoke('settings.update', { language: 'en' });
    await page.getByTestId('open-settings').click();
  }, 60_000);

  it('the header shows it, and a call to Alice rings Bruno instead', async () => {
    const indicator = alice.page.getByTestId('forwarding-indicator');
    await indicator.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await indicator.textContent()).toContain('Forwarded to 101');
    await alice.page.getByTestId('app-header').screenshot({ path: `${OUT}/forwarding-header-en.png` });

    const call = chloe!.engine.dial('100');
    await bruno.page.getByTestId('incoming-popup').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await alice.page.getByTestId('incoming-popup').count()).toBe(0);
    expect(await alice.page.getByTestId('call-item').count()).toBe(0);
    await call.hangup();
    await expect.poll(() => bruno.page.getByTestId('call-item').count(), { timeout: 10_000 }).toBe(0);
    expect(call.state).toBe(CallState.Terminated);
  }, 60_000);

  it('"off" in the header ends the forwarding: calls ring Alice again', async () => {
    await alice.page.getByTestId('forwarding-off').click();
    await alice.page.getByTestId('forwarding-indicator').waitFor({ state: 'detached', timeout: 10_000 });
    const stored = await alice.backend.invoke('forwarding.get', {});
    // off, the target kept for next time
    expect(stored?.rules?.immediate).toEqual({
      enabled: false,
      target: { kind: 'number', number: '101' },
      window: null,
    });

    const call = chloe!.engine.dial('100');
    await alice.page.getByTestId('incoming-popup').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await bruno.page.getByTestId('incoming-popup').count()).toBe(0);
    await call.hangup();
    await expect.poll(() => alice.page.getByTestId('call-item').count(), { timeout: 10_000 }).toBe(0);
  }, 60_000);
});
