/**
 * The dial mode end to end (SPEC J4 "associated dialing", issue #12 item 8), in Chromium through the
 * web shell against the real UC server, Kamailio and rtpengine: Alice (100) has a desk phone (baresip,
 * add-device). She picks "associated dialing" in Settings › Call forwarding and dials 101 from the
 * Search/Dial field: her app places no call — it shows "Calling your desk phone…" while the desk
 * phone rings (her app does not), then the desk phone calls Bruno (101, the second web-shell client),
 * who sees Alice calling and hears the desk phone; Alice's app says "Connected — continue on your
 * desk phone". Screenshots go to $SB_SCREENS_DIR (default /tmp/sb-screens/dial-mode).
 */
// the renderer's window globals (window.__ucMediaTest, the e2e media hook)
import type {} from '../../src-renderer/src/global';
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDevice } from '../../server/src/features/devices';
import { BaresipClient } from '../support/baresip-client';
import type { UcStack } from '../support/uc-stack-fixture';
import { useTwoClients } from '../support/use-two-clients';
import type { WebShellClient } from '../support/web-shell-client';

const OUT = process.env.SB_SCREENS_DIR ?? '/tmp/sb-screens/dial-mode';

describe('dial mode: associated dialing with a desk phone', () => {
  let stack: UcStack;
  let alice: WebShellClient;
  let bruno: WebShellClient;
  let desk: BaresipClient | undefined;

  useTwoClients(async (clients) => {
    ({ stack, alice, bruno } = clients);
    const { device, password } = await addDevice(stack.ctx!, '100', 'Desk phone');
    desk = await BaresipClient.start({
      user: '100',
      authUser: device.sip_user,
      password,
      domain: stack.kamailio.domain,
      proxy: { host: '127.0.0.1', udpPort: stack.kamailio.process.udpPort },
      audio: { toneHz: 660 },
      address: '127.0.0.4',
    });
  });

  beforeAll(() => {
    mkdirSync(OUT, { recursive: true });
  });

  afterAll(async () => {
    await desk?.stop();
  });

  it('Alice picks associated dialing and dials 101: her desk phone rings, then Bruno, who sees her', async () => {
    const page = alice.page;
    await page.getByTestId('open-settings').click();
    await page.getByTestId('forwarding-settings').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('forwarding-dial-mode-select').selectOption('associated');
    await page.getByTestId('forwarding-save').click();
    await page.getByTestId('forwarding-saved').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('open-settings').click();

    await page.getByTestId('dial-input').fill('101');
    await page.getByTestId('dial-input').press('Enter');
    const progress = page.getByTestId('callback-progress');
    await progress.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await progress.getAttribute('data-via')).toBe('desk-phone');
    expect(await page.getByTestId('callback-status').textContent()).toMatch(/^Calling your desk phone… pick it up/);
    await page.screenshot({ path: `${OUT}/calling-desk-phone-en.png` });

    await desk!.waitForEvent('the desk phone rings', (e) => e.type === 'CALL_INCOMING', 10_000);
    // the app neither calls nor rings
    expect(await page.getByTestId('call-item').count()).toBe(0);
    expect(await page.getByTestId('incoming-popup').count()).toBe(0);
    await desk!.command('accept');

    const popup = bruno.page.getByTestId('incoming-popup');
    await popup.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await bruno.page.getByTestId('incoming-peer').first().textContent()).toMatch(/Alice|100/);
    await bruno.page.getByTestId('incoming-answer').click();
    await expect
      .poll(() => bruno.page.getByTestId('call-item').first().getAttribute('data-state'), { timeout: 10_000 })
      .toBe('established');
    await expect.poll(() => progress.getAttribute('data-phase'), { timeout: 10_000 }).toBe('connected');
    expect(await page.getByTestId('callback-status').textContent()).toBe('Connected — continue on your desk phone');
    await page.screenshot({ path: `${OUT}/connected-en.png` });
    // Bruno hears the desk phone (through rtpengine), Alice's app has no call
    await expect
      .poll(() => bruno.page.evaluate(() => window.__ucMediaTest!.inboundPackets()), { timeout: 10_000 })
      .toBeGreaterThan(50);
    expect(await page.getByTestId('call-item').count()).toBe(0);

    await bruno.page.getByTestId('call-hangup').click();
    await desk!.waitForEvent('the desk phone hangs up', (e) => e.type === 'CALL_CLOSED', 10_000);
    await page.getByTestId('callback-dismiss').click();
    await expect.poll(() => progress.count(), { timeout: 5_000 }).toBe(0);
  });
});
