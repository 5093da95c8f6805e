/**
 * SIP MESSAGE <-> instant messages (SPEC E6, issue #12 item 4) through the real stack: Kamailio,
 * the UC server (SQLite) and baresip 1.0 as desk phones over UDP. Kamailio never relays a MESSAGE:
 * it hands it to the UC server, which stores it (the phone gets 202 only then), syncs it to the
 * app, and sends it on as a SIP MESSAGE of its own to the recipient's phones only. Refusals: no UC
 * server (503 + Retry-After), another content type (415), a foreign domain (403), nobody (404).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionState } from '../../../src-preload/contract/ipc-contract';
import type { MessageView } from '../../../src-preload/contract/messages';
import type { Message } from '../../../src-preload/contract/messages';
import type { AppCore } from '../../../src-main/core/app/app-core';
import { dispatchInvoke } from '../../../src-main/core/platform/ipc/dispatch-invoke';
import type { DemoUser } from '../../../server/src/features/accounts/demo-users';
import { BaresipClient } from '../../support/baresip-client';
import { createFakeSipCore } from '../../support/create-fake-sip-core';
import { createPhone, type TestPhone } from '../../support/engine-harness';
import { invokeOk } from '../../support/invoke-ok';
import { loginAccessToken } from '../../support/login-access-token';
import { sendSipMessageOverUdp } from '../../support/sip-udp-message';
import { until } from '../../support/sync-helpers';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

const USERS: DemoUser[] = [
  { number: '100', password: 'Welcome100!', displayName: 'Alice Martin' },
  { number: '101', password: 'Welcome101!', displayName: 'Bruno Müller' },
  { number: '102', password: 'Welcome102!', displayName: 'Chloé Dubois' },
];

describe('SIP MESSAGE from and to plain SIP phones (baresip) through Kamailio and the UC server', () => {
  let stack: UcStack;
  /** Alice's desk phone; its address book's first (current) contact is Bruno */
  let alicePhone: BaresipClient;
  let dataDir: string;
  const cores: AppCore[] = [];

  const phone = async (user: string, contacts: { name: string; uri: string }[] = []): Promise<BaresipClient> =>
    BaresipClient.start({
      user,
      password: await stack.sipPasswordOf(user),
      domain: stack.kamailio.domain,
      proxy: { host: '127.0.0.1', udpPort: stack.kamailio.process.udpPort },
      contacts,
      sipTrace: true,
    });
  /** What the UC server holds for `user`, through its API. */
  const serverMessages = async (user: string): Promise<Message[]> => {
    const token = await loginAccessToken(stack.apiUrl, user, `Welcome${user}!`);
    const res = await fetch(`${stack.apiUrl}/messages?since=0`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { messages: Message[] }).messages;
  };
  /** The app (engine with its local cache and live events; SIP faked: this is about the UC side). */
  const openApp = async (user: string): Promise<AppCore> => {
    const core = createFakeSipCore(join(dataDir, user));
    cores.push(core);
    const r = await dispatchInvoke(core, 'session.login', {
      server: stack.serverAddress,
      user,
      password: `Welcome${user}!`,
    });
    expect(r.ok && (r.value as SessionState).status).toBe('registered');
    return core;
  };
  const history = (core: AppCore, peer: string) => invokeOk<MessageView[]>(core, 'messages.history', { peer });

  beforeAll(async () => {
    stack = await startUcStack({ users: USERS, withVoicemail: false });
    dataDir = mkdtempSync(join(tmpdir(), 'sb-sipmsg-'));
    alicePhone = await phone('100', [{ name: 'Bruno Müller', uri: 'sip:101@127.0.0.1' }]);
  }, 60_000);

  afterAll(async () => {
    for (const core of cores) await core.dispose().catch(() => undefined);
    await alicePhone?.stop();
    await stack?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('a MESSAGE from a desk phone is stored (202 only then) and reaches the app user, who was offline', async () => {
    const status = await alicePhone.sendMessage('Bonjour Bruno, réunion à 15 h ?');
    expect(status).toBe(202);
    // stored once, from the authenticated sender, for the recipient
    const stored = (await serverMessages('101')).filter((m) => m.text === 'Bonjour Bruno, réunion à 15 h ?');
    expect(stored).toEqual([expect.objectContaining({ from: '100', to: '101', read: false })]);
    // Bruno was offline: his app gets it when it connects, in the conversation with Alice
    const bruno = await openApp('101');
    await until('Bruno’s app has it', async () =>
      (await history(bruno, '100')).some((m) => m.direction === 'in' && m.text === 'Bonjour Bruno, réunion à 15 h ?'),
    );
  });

  it('the app user’s reply goes out as a SIP MESSAGE to the desk phone, From the sender, once', async () => {
    const bruno = cores[0] ?? (await openApp('101'));
    const sent = await invokeOk<MessageView>(bruno, 'messages.send', { peer: '100', text: 'Oui, à 15 h. À tout !' });
    expect(sent.status).toBe('sent');
    await until('the desk phone has it', () =>
      alicePhone.receivedMessages().some((m) => m.text === 'Oui, à 15 h. À tout !'),
    );
    const got = alicePhone.receivedMessages().filter((m) => m.text === 'Oui, à 15 h. À tout !');
    expect(got).toHaveLength(1);
    expect(got[0]!.from).toMatch(/^"Bruno Müller" <sip:101@127\.0\.0\.1>;tag=/);
    expect(got[0]!.contentType).toMatch(/^text\/plain/i);
    // the record says the desk phone took it (both parties see it)
    await until('delivery recorded', async () =>
      (await serverMessages('100')).some((m) => m.text === 'Oui, à 15 h. À tout !' && m.sipDelivery === 'sent'),
    );

    // a retried POST /messages (same Idempotency-Key) is stored once and sent once
    const token = await loginAccessToken(stack.apiUrl, '101', 'Welcome101!');
    const key = randomUUID();
    const post = (text: string, idempotencyKey: string) =>
      fetch(`${stack.apiUrl}/messages`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': idempotencyKey,
        },
        body: JSON.stringify({ to: '100', text }),
      });
    expect((await post('Une seule fois', key)).status).toBe(200);
    expect((await post('Une seule fois', key)).status).toBe(200);
    // a later message as a barrier: once it arrived, a second copy of the first would have too
    expect((await post('Et après', randomUUID())).status).toBe(200);
    await until('the barrier arrived', () => alicePhone.receivedMessages().some((m) => m.text === 'Et après'));
    await until('the retried one arrived', () =>
      alicePhone.receivedMessages().some((m) => m.text === 'Une seule fois'),
    );
    expect(alicePhone.receivedMessages().filter((m) => m.text === 'Une seule fois')).toHaveLength(1);
    expect((await serverMessages('100')).filter((m) => m.text === 'Une seule fois')).toHaveLength(1);
  });

  it('Kamailio never relays it: the recipient’s desk phone gets one copy, the app’s SIP contact none', async () => {
    const brunoPhone = await phone('101');
    // Bruno's app registered over SIP too (WebSocket, User-Agent Switchboard)
    const brunoApp: TestPhone = createPhone(
      { users: await stack.sipUsers(), wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain },
      '101',
    );
    try {
      expect((await brunoApp.engine.start()).status).toBe('registered');
      expect(await alicePhone.sendMessage('Copie unique ?')).toBe(202);
      await until('Bruno’s desk phone has it', () =>
        brunoPhone.receivedMessages().some((m) => m.text === 'Copie unique ?'),
      );
      expect(await alicePhone.sendMessage('Barrière')).toBe(202);
      await until('the barrier', () => brunoPhone.receivedMessages().some((m) => m.text === 'Barrière'));
      expect(brunoPhone.receivedMessages().filter((m) => m.text === 'Copie unique ?')).toEqual([
        expect.objectContaining({ from: expect.stringMatching(/^"Alice Martin" <sip:100@127\.0\.0\.1>/) }),
      ]);
      // the app's engine answered no MESSAGE (it would have: 200 before, 488 now)
      expect(brunoApp.sent.some((m) => /\r\nCSeq: \d+ MESSAGE\r\n/i.test(m))).toBe(false);
      expect((await serverMessages('101')).filter((m) => m.text === 'Copie unique ?')).toHaveLength(1);
    } finally {
      await brunoApp.dispose();
      await brunoPhone.stop();
    }
  });

  it('with the UC server down the phone gets a 5xx, not 200; its retry once the server is back is stored', async () => {
    await stack.stopServer();
    try {
      expect(await alicePhone.sendMessage('Pendant la panne')).toBe(503);
      expect(
        alicePhone
          .tracedSipMessages()
          .some((m) => m.startLine.startsWith('SIP/2.0 503') && m.headers.some((h) => /^Retry-After: \d+/i.test(h))),
      ).toBe(true);
    } finally {
      await stack.startServer();
    }
    expect((await serverMessages('101')).filter((m) => m.text === 'Pendant la panne')).toHaveLength(0);
    // the user (or the phone) sends it again
    expect(await alicePhone.sendMessage('Pendant la panne')).toBe(202);
    expect((await serverMessages('101')).filter((m) => m.text === 'Pendant la panne')).toHaveLength(1);
  });

  it('refuses other content types (415), foreign domains (403) and unknown users (404); stores none', async () => {
    const alice = { user: '100', domain: '127.0.0.1', password: await stack.sipPasswordOf('100') };
    const port = stack.kamailio.process.udpPort;
    const html = await sendSipMessageOverUdp({
      kamailioUdpPort: port,
      from: alice,
      to: '101',
      contentType: 'text/html',
      body: '<b>gras</b>',
    });
    expect(html.status).toBe(415);
    expect(html.headers).toContain('Accept: text/plain');
    const latin1 = await sendSipMessageOverUdp({
      kamailioUdpPort: port,
      from: alice,
      to: '101',
      contentType: 'text/plain;charset=ISO-8859-1',
      body: 'caf\xe9',
    });
    expect(latin1.status).toBe(415);
    const foreign = await sendSipMessageOverUdp({
      kamailioUdpPort: port,
      from: { user: '100', domain: 'elsewhere.example' },
      to: '101',
      contentType: 'text/plain',
      body: 'De l’extérieur',
    });
    expect(foreign.status).toBe(403);
    const nobody = await sendSipMessageOverUdp({
      kamailioUdpPort: port,
      from: alice,
      to: '199',
      contentType: 'text/plain',
      body: 'Personne ?',
    });
    expect(nobody.status).toBe(404);
    const ok = await sendSipMessageOverUdp({
      kamailioUdpPort: port,
      from: alice,
      to: '102',
      contentType: 'text/plain; charset=UTF-8',
      body: 'Brut mais valide',
    });
    expect(ok.status).toBe(202);
    // up to 4000 bytes of UTF-8 (what Kamailio's buffers take); more is 513, never cut
    const long = 'é'.repeat(2000);
    expect(
      (
        await sendSipMessageOverUdp({
          kamailioUdpPort: port,
          from: alice,
          to: '102',
          contentType: 'text/plain',
          body: long,
        })
      ).status,
    ).toBe(202);
    const tooLong = await sendSipMessageOverUdp({
      kamailioUdpPort: port,
      from: alice,
      to: '102',
      contentType: 'text/plain',
      body: `${long}x`,
    });
    expect(tooLong.status).toBe(513);
    const mine = await serverMessages('100');
    const texts = mine.map((m) => m.text);
    expect(texts).toContain('Brut mais valide');
    expect(texts.filter((t) => t.startsWith('éé'))).toEqual([long]);
    // only Kamailio may post SIP messages to the UC server: it vouches for the sender
    const forged = (secret?: string) =>
      fetch(`${stack.apiUrl}/internal/sip-message`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(secret ? { 'x-uc-routing-secret': secret } : {}) },
        body: JSON.stringify({
          from: '101',
          to: '102',
          callId: 'eA==',
          cseq: 1,
          text: Buffer.from('Faux').toString('base64'),
        }),
      });
    expect((await forged()).status).toBe(401);
    expect((await forged('0'.repeat(64))).status).toBe(401);
    // Chloé has no phone: nothing was sent on, the record says nothing about SIP
    expect(mine.find((m) => m.text === 'Brut mais valide')?.sipDelivery).toBeUndefined();
    for (const refused of ['<b>gras</b>', 'caf\xe9', 'De l’extérieur', 'Personne ?'])
      expect(texts).not.toContain(refused);
    expect((await serverMessages('101')).map((m) => m.text)).not.toContain('De l’extérieur');
  });
});
