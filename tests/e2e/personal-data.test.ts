/**
 * Personal data and voicemail PIN end to end (issue #16, SPEC J1, J2, H4), in
 * Chromium through the web shell against the real UC server: Alice edits her
 * mobile in Settings › Personal data (a bad e-mail is marked and nothing is
 * stored; the number comes back in canonical form), uploads a 1000×800 PNG;
 * Bruno's client, already open, shows her new photo as 200×200 and her mobile
 * without reloading. The PIN form ticks each rule live and saves a good PIN.
 * Screenshots (EN/FR) go to $SB_SCREENS_DIR (default /tmp/sb-screens/personal-data).
 */
import { mkdirSync } from 'node:fs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { UcStack } from '../support/uc-stack-fixture';
import { useTwoClients } from '../support/use-two-clients';
import type { WebShellClient } from '../support/web-shell-client';

const OUT = process.env.SB_SCREENS_DIR ?? '/tmp/sb-screens/personal-data';

describe('personal data and voicemail PIN', () => {
  let stack: UcStack;
  let alice: WebShellClient;
  let bruno: WebShellClient;
  useTwoClients((clients) => {
    ({ stack, alice, bruno } = clients);
  });

  beforeAll(() => {
    mkdirSync(OUT, { recursive: true });
  });

  /** Alice's result in Bruno's Search/Dial field. */
  const aliceInBruno = () =>
    bruno.page.locator('[data-testid="search-group"][data-source="internal"] [data-testid="search-result"]', {
      hasText: 'Alice Martin',
    });

  it('Alice edits her mobile; a bad e-mail is marked and nothing is stored', async () => {
    const page = alice.page;
    await page.getByTestId('open-settings').click();
    await page.getByTestId('profile-settings').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('profile-mobile').fill('0049 (170) 123-4567');
    await page.getByTestId('profile-email').fill('alice@');
    await page.getByTestId('profile-save').click();
    await page.getByTestId('profile-email-error').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.getByTestId('profile-email').inputValue()).toBe('alice@');
    expect((await alice.backend.invoke('profile.get', {})).profile.mobile).toBeUndefined();
    await page.getByTestId('profile-email').fill('alice.martin@example.com');
    await page.getByTestId('profile-save').click();
    await page.getByTestId('profile-done').waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(() => page.getByTestId('profile-mobile').inputValue()).toBe('+49 170 1234567');
    expect(stack.apiUrl).toMatch(/^https:/);
  }, 60_000);

  it('Alice uploads a 1000×800 PNG: Bruno’s client shows her photo at 200×200, and her mobile', async () => {
    // Bruno looks Alice up first: her demo avatar (64×64) is on screen before the change
    await bruno.page.getByTestId('dial-input').fill('alice');
    const result = aliceInBruno().first();
    await result.waitFor({ state: 'visible', timeout: 10_000 });
    const avatar = result.locator('img.contact-avatar');
    await expect.poll(() => avatar.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 10_000 }).toBe(64);

    const upload = await sharp({ create: { width: 1000, height: 800, channels: 3, background: '#1e88e5' } })
      .png()
      .toBuffer();
    const page = alice.page;
    await page
      .getByTestId('profile-photo-input')
      .setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: upload });
    await page.getByTestId('profile-photo-done').waitFor({ state: 'visible', timeout: 15_000 });

    // live: the change feed brings the new photoUrl, Bruno's client fetches the new image
    await expect
      .poll(
        () =>
          avatar.evaluate((img: HTMLImageElement) => (img.complete ? `${img.naturalWidth}×${img.naturalHeight}` : '')),
        { timeout: 15_000 },
      )
      .toBe('200×200');
    const entry = await bruno.backend.invoke('directory.get', { id: 'internal:100' });
    expect(entry.numbers).toContainEqual({ kind: 'mobile', number: '+49 170 1234567' });
    expect(entry.email).toBe('alice.martin@example.com');
    await bruno.page.getByTestId('dial-input').fill('');

    // a too small image is refused with the reason, the photo stays
    const tiny = await sharp({ create: { width: 30, height: 30, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    await page
      .getByTestId('profile-photo-input')
      .setInputFiles({ name: 'tiny.png', mimeType: 'image/png', buffer: tiny });
    const refused = page.getByTestId('profile-photo-error');
    await refused.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await refused.textContent()).toContain('40 × 40');

    const size = page.viewportSize();
    await page.setViewportSize({ width: 420, height: 1600 });
    for (const language of ['en', 'fr'] as const) {
      await alice.backend.invoke('settings.update', { language });
      await expect
        .poll(() => page.getByTestId('profile-settings').textContent())
        .toContain(language === 'fr' ? 'Autre numéro' : 'Other number');
      await page.getByTestId('profile-settings').screenshot({ path: `${OUT}/personal-data-${language}.png` });
    }
    if (size) await page.setViewportSize(size);
    await alice.backend.invoke('settings.update', { language: 'en' });
  }, 90_000);

  it('the PIN form ticks each rule as typed and saves a good PIN; then asks for the current one', async () => {
    const page = alice.page;
    const form = page.getByTestId('pin-form');
    await form.scrollIntoViewIfNeeded();
    const ticks = async () =>
      Object.fromEntries(
        await Promise.all(
          ['six-digits', 'not-all-same', 'not-a-run'].map(
            async (rule) => [rule, await page.getByTestId(`pin-rule-${rule}`).getAttribute('data-ok')] as const,
          ),
        ),
      );
    await page.getByTestId('pin-new').fill('12345');
    expect(await ticks()).toEqual({ 'six-digits': 'false', 'not-all-same': 'true', 'not-a-run': 'false' });
    await page.getByTestId('pin-new').fill('123456');
    expect(await ticks()).toEqual({ 'six-digits': 'true', 'not-all-same': 'true', 'not-a-run': 'false' });
    await page.getByTestId('pin-new').fill('777777');
    expect(await ticks()).toEqual({ 'six-digits': 'true', 'not-all-same': 'false', 'not-a-run': 'true' });
    await page.getByTestId('pin-new').fill('29a4710');
    expect(await page.getByTestId('pin-new').inputValue()).toBe('294710');
    expect(await ticks()).toEqual({ 'six-digits': 'true', 'not-all-same': 'true', 'not-a-run': 'true' });
    await page.getByTestId('pin-confirm').fill('294710');
    await form.screenshot({ path: `${OUT}/voicemail-pin-en.png` });
    await page.getByTestId('pin-submit').click();
    await page.getByTestId('pin-done').waitFor({ state: 'visible', timeout: 10_000 });
    expect((await alice.backend.invoke('profile.get', {})).pinIsSet).toBe(true);
    // a second change needs the current PIN: a wrong one is refused
    await page.getByTestId('pin-current').fill('111111');
    await page.getByTestId('pin-new').fill('385021');
    await page.getByTestId('pin-confirm').fill('385021');
    await page.getByTestId('pin-submit').click();
    const error = page.getByTestId('pin-error');
    await error.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await error.getAttribute('data-code')).toBe('wrong-current-pin');
  }, 60_000);
});
