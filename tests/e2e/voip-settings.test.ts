/**
 * Settings > VoIP (SPEC F5, issue #15) in the web shell against the real stack: the VoIP switch is
 * on by default; off, dialing explains why and no call is placed (the callee's phone never rings);
 * the offer of a real call prefers Opus, offers G.711 and carries a DTLS fingerprint (SPEC F6);
 * the STUN/TURN servers list says "Adding the server failed, check your environment" for an
 * invalid one and "The server is already present" for a duplicate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPhone, sleep, type TestPhone } from '../support/engine-harness';
import { openTwoClients, type TwoClients } from '../support/two-clients';
import type { WebShellClient } from '../support/web-shell-client';
import type { Invitation } from 'sip.js';
import type { Call } from '../../src-main/core/features/calls/sip/call';

/** The first audio m= line's profile and its codecs (rtpmap) in payload order. */
function audioSection(sdp: string): { proto: string; codecs: string[] } {
  const lines = sdp.split(/\r?\n/);
  const m = lines.find((l) => l.startsWith('m=audio '))!.split(' ');
  const rtpmap = new Map(
    lines
      .map((l) => /^a=rtpmap:(\d+) (\S+)/.exec(l))
      .filter((x): x is RegExpExecArray => x !== null)
      .map((x) => [x[1]!, x[2]!]),
  );
  return { proto: m[2]!, codecs: m.slice(3).map((pt) => rtpmap.get(pt) ?? pt) };
}

describe('VoIP switch and ICE servers in the web shell', () => {
  let clients: TwoClients;
  let alice: WebShellClient;
  let chloe: TestPhone;
  const atChloe: Call[] = [];

  beforeAll(async () => {
    clients = await openTwoClients();
    ({ alice } = clients);
    chloe = createPhone({ ...clients.stack.kamailio, users: await clients.stack.sipUsers() }, '102');
    chloe.engine.onDidReceiveCall((c) => atChloe.push(c));
    expect((await chloe.engine.start()).status).toBe('registered');
  }, 90_000);

  afterAll(async () => {
    await chloe?.dispose();
    await clients?.close();
  });

  it('VoIP off: dialing says why and places no call; on again, the call goes through', async () => {
    const page = alice.page;
    await page.getByTestId('open-settings').click();
    const toggle = page.getByTestId('settings-voip');
    expect(await toggle.isChecked()).toBe(true);
    await toggle.click();
    await expect.poll(() => page.getByTestId('settings-voip-status').getAttribute('data-problem')).toBe('disabled');
    await page.getByTestId('settings-back').click();

    // the calls view says it before anyone dials
    await expect.poll(() => page.getByTestId('voip-problem').textContent()).toContain('VoIP is off');
    await page.getByTestId('dial-input').fill('102');
    await page.getByTestId('dial-input').press('Enter');
    const error = page.getByTestId('dial-error');
    await error.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await error.getAttribute('data-code')).toBe('voip-disabled');
    expect(await error.textContent()).toContain('VoIP is off on this computer');
    await sleep(1500);
    expect(atChloe).toHaveLength(0);
    expect(await page.getByTestId('call-item').count()).toBe(0);

    await page.getByTestId('open-settings').click();
    await page.getByTestId('settings-voip').click();
    await expect.poll(() => page.getByTestId('settings-voip-status').count()).toBe(0);
    await page.getByTestId('settings-back').click();
    await expect.poll(() => page.getByTestId('voip-problem').count()).toBe(0);
    await page.getByTestId('dial-input').fill('102');
    await page.getByTestId('dial-input').press('Enter');
    await expect.poll(() => atChloe.length, { timeout: 15_000 }).toBe(1);
    // SPEC F6, from the offer of this real call as Chloé's phone received it: Opus preferred,
    // G.711 offered, DTLS-SRTP (profile and fingerprint)
    const offer = (atChloe[0]!.session as Invitation).request.body;
    const audio = audioSection(offer);
    expect(audio.proto).toBe('UDP/TLS/RTP/SAVPF');
    expect(audio.codecs[0]).toMatch(/^opus\/48000/i);
    expect(audio.codecs).toEqual(expect.arrayContaining(['PCMU/8000', 'PCMA/8000']));
    expect(offer).toMatch(/^a=fingerprint:sha-256 [0-9A-F:]+\r?$/im);
    console.log(`offer codecs at Chloé: ${audio.codecs.join(', ')}`);
    await page.getByTestId('call-hangup').first().click();
    await expect.poll(() => page.getByTestId('call-item').count(), { timeout: 10_000 }).toBe(0);
  });

  it('STUN/TURN servers: invalid and duplicate are refused with their messages; added ones can be removed', async () => {
    const page = alice.page;
    await page.getByTestId('open-settings').click();
    const hint = page.getByTestId('settings-ice-hint');
    const add = async (url: string, username = '', credential = '') => {
      await page.getByTestId('settings-ice-url').fill(url);
      await page.getByTestId('settings-ice-username').fill(username);
      await page.getByTestId('settings-ice-credential').fill(credential);
      await page.getByTestId('settings-ice-add').click();
    };
    const items = page.locator('[data-testid="settings-ice-server"][data-provisioned="false"]');
    const before = await items.count();

    await add('stun//nowhere');
    await expect.poll(() => hint.textContent()).toBe('Adding the server failed, check your environment.');
    await add('turn:turn.example.org:3478'); // TURN without credentials
    await expect.poll(() => hint.getAttribute('data-code')).toBe('invalid-ice-server');

    await add('stun:stun.example.org:3478');
    await expect.poll(() => items.count()).toBe(before + 1);
    await add('stun:stun.example.org:3478');
    await expect.poll(() => hint.textContent()).toBe('The server is already present.');
    expect(await items.count()).toBe(before + 1);

    await add('turn:turn.example.org:3478?transport=tcp', 'alice', 'pw');
    await expect.poll(() => items.count()).toBe(before + 2);
    await page
      .locator(
        '[data-testid="settings-ice-server"][data-url="stun:stun.example.org:3478"] [data-testid="settings-ice-remove"]',
      )
      .click();
    await expect.poll(() => items.count()).toBe(before + 1);
    // the list survives a reload (kept in the user's settings)
    const servers = await alice.backend.invoke('voip.listIceServers', {});
    expect(servers).toContainEqual({
      url: 'turn:turn.example.org:3478?transport=tcp',
      username: 'alice',
      provisioned: false,
    });
    await page.getByTestId('settings-back').click();
  });
});
