/**
 * A real plain SIP client — baresip 1.0, its presence module SUBSCRIBEd to
 * Alice (100) through its address book (`;presence=p2p`) — follows the
 * presence Alice sets in the UC server (REST API): baresip understands only
 * RFC 3863 `basic` and the RPID activities away/busy/on-the-phone, so it shows
 * Online / Busy / Offline; its SIP trace shows it received the whole PIDF
 * (note, RPID activity, until). "Not visible": it shows Offline and gets
 * neither state nor note any more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BaresipClient, type BaresipPresence } from '../../support/baresip-client';
import { loginAccessToken } from '../../support/login-access-token';
import { until } from '../../support/sync-helpers';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

describe('baresip watching a colleague presence', () => {
  let stack: UcStack;
  let baresip: BaresipClient | undefined;
  let alice: string;
  const setPresence = async (body: Record<string, unknown>): Promise<void> => {
    const res = await fetch(`${stack.apiUrl}/me/presence`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${alice}` },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
  };
  const shows = async (expected: BaresipPresence): Promise<void> =>
    until(
      `baresip showing Alice ${expected}`,
      async () => (await baresip!.contactsPresence()).get(`sip:100@${stack.kamailio.domain}`) === expected,
      10_000,
    );

  beforeAll(async () => {
    stack = await startUcStack({ withVoicemail: false });
    alice = await loginAccessToken(stack.apiUrl, '100', stack.users.find((u) => u.number === '100')!.password);
    baresip = await BaresipClient.start({
      user: '101',
      password: await stack.sipPasswordOf('101'),
      domain: stack.kamailio.domain,
      proxy: { host: '127.0.0.1', udpPort: stack.kamailio.process.udpPort },
      contacts: [{ name: 'Alice', uri: `sip:100@${stack.kamailio.domain}`, watchPresence: true }],
      sipTrace: true,
    });
  });

  afterAll(async () => {
    await baresip?.stop();
    await stack?.stop();
  });

  it("shows Alice's state as she sets it, receives her note, and loses both when she hides", async () => {
    await shows('Online');

    await setPresence({ state: 'dnd', note: 'Quarterly review' });
    await shows('Busy');

    const mark = baresip!.output.length;
    await setPresence({ state: 'meeting', note: 'Budget & hiring', returnAt: Date.now() + 3600_000 });
    await until('the meeting PIDF in baresip', () => baresip!.output.slice(mark).includes('<rpid:meeting/>'), 10_000);
    const received = baresip!.output.slice(mark);
    expect(received).toContain('<dm:note>Budget &amp; hiring</dm:note>');
    expect(received).toMatch(/<rpid:activities until="[^"]+">/);
    await shows('Online');

    await setPresence({ state: 'break', note: 'coffee' });
    await shows('Offline');
    await setPresence({ state: 'office', note: 'back' });
    await shows('Online');

    const hiddenMark = baresip!.output.length;
    await setPresence({ state: 'dnd', note: 'secret project', visibility: 'none' });
    await shows('Offline');
    await new Promise((r) => setTimeout(r, 500));
    const afterHiding = baresip!.output.slice(hiddenMark);
    expect(afterHiding).toContain('<basic>closed</basic>');
    expect(afterHiding).not.toContain('secret project');
    expect(afterHiding).not.toContain('rpid:busy');
  });
});
