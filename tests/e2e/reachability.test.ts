/**
 * The header says "Registered" only while the registrar really holds the
 * device's binding (issue #8): an administrator removes it (kamcmd ul.rm) →
 * the header of the web-shell client turns to not registered at once, with
 * the reason in its tooltip, then back to registered by itself; meanwhile and
 * afterwards calls reach it.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTwoClients, type TwoClients } from '../support/two-clients';

describe('reachability shown truthfully in the header', () => {
  let clients: TwoClients;
  beforeAll(async () => {
    clients = await openTwoClients();
  });
  afterAll(async () => {
    await clients?.close();
  });

  it('a binding removed at the registrar shows as not registered at once, with the reason, then registered again', async () => {
    const { bruno, alice, stack } = clients;
    const status = bruno.page.getByTestId('registration-status');
    expect(await status.getAttribute('data-status')).toBe('registered');
    // record every state the header goes through (a change lasts a few hundred ms at most)
    await bruno.page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seenRegistration: string[] }).seenRegistration = seen;
      const el = document.querySelector('[data-testid="registration-status"]')!;
      new MutationObserver(() => {
        seen.push(
          `${el.getAttribute('data-status')}:${el.getAttribute('data-issue') ?? ''}:${el.getAttribute('title') ?? ''}`,
        );
      }).observe(el, { attributes: true });
    });
    // the reg event subscription is up once the registration settled
    await bruno.page.waitForTimeout(1_000);
    execFileSync('kamcmd', ['-s', `unix:${stack.kamailio.process.ctlSocket}`, 'ul.rm', 'location', 's:101']);
    await expect
      .poll(() => bruno.page.evaluate(() => (window as unknown as { seenRegistration: string[] }).seenRegistration), {
        timeout: 5_000,
      })
      .toEqual(expect.arrayContaining([expect.stringMatching(/^unreachable:binding-removed:.*dropped this device/)]));
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 10_000 }).toBe('registered');

    // reachable again: Alice's call rings at Bruno
    await alice.page.getByTestId('dial-input').fill('101');
    await alice.page.getByTestId('dial-input').press('Enter');
    await bruno.page.getByTestId('incoming-popup').waitFor({ state: 'visible', timeout: 10_000 });
    await bruno.page.getByTestId('incoming-reject').click();
  });
});
