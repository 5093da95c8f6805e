import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { probeTcp } from '../../server/stack/kamailio-process';
import { parseDigestChallenge } from '../../server/stack/sip-digest';
import { SipWsProbe, sipHeader } from '../../server/stack/sip-ws-probe';
import { startKamailio, type KamailioFixture } from '../support/kamailio-fixture';

// Proves the dev SIP stack with real SIP over WebSocket (RFC 7118) against a
// real Kamailio: digest auth (RFC 2617), registrar, routing, 404 for unknown and 480 for offline users.

function portOf(url: string): number {
  return Number(new URL(url).port);
}

describe('Kamailio dev stack', () => {
  let kam: KamailioFixture;
  const probes: SipWsProbe[] = [];

  async function probe(url = kam.wsUrl, domain = kam.domain): Promise<SipWsProbe> {
    const p = await SipWsProbe.connect(url, domain);
    probes.push(p);
    return p;
  }

  function user(number: string): { number: string; password: string } {
    const found = kam.users.find((u) => u.number === number);
    if (!found) throw new Error(`demo user ${number} missing`);
    return found;
  }

  beforeAll(async () => {
    kam = await startKamailio({ withWss: true });
  });

  afterEach(async () => {
    await Promise.all(probes.splice(0).map((p) => p.close()));
  });

  afterAll(async () => {
    await kam?.stop();
  });

  it('seeds the six demo users 100..105 with WelcomeN! passwords', () => {
    expect(kam.users.map((u) => u.number)).toEqual(['100', '101', '102', '103', '104', '105']);
    for (const u of kam.users) expect(u.password).toBe(`Welcome${u.number}!`);
    expect(kam.domain).toBe('127.0.0.1');
    expect(kam.wsUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
  });

  it('challenges an unauthenticated REGISTER with a digest 401 (realm = From domain)', async () => {
    const p = await probe();
    const res = await p.register('100', undefined);
    expect(res.status).toBe(401);
    const challenge = parseDigestChallenge(sipHeader(res, 'www-authenticate') ?? '');
    expect(challenge.realm).toBe('127.0.0.1');
    expect(challenge.nonce.length).toBeGreaterThan(8);
  });

  it('accepts a REGISTER with the right password and returns the binding', async () => {
    const p = await probe();
    const res = await p.register('101', user('101').password);
    expect(res.status).toBe(200);
    expect(sipHeader(res, 'contact')).toContain(p.contactUser);
  });

  it('rejects a REGISTER with a wrong password', async () => {
    const p = await probe();
    const res = await p.register('102', 'not-the-password');
    expect([401, 403]).toContain(res.status);
  });

  it('authenticates the domain aliases localhost and uc.test too', async () => {
    for (const domain of ['localhost', 'uc.test']) {
      const p = await probe(kam.wsUrl, domain);
      const res = await p.register('103', user('103').password);
      expect(res.status, domain).toBe(200);
    }
  });

  it('answers 404 to an unknown user and 480 (not reachable) to one with no registered device, INVITE and MESSAGE', async () => {
    const p = await probe();
    const credentials = { username: '100', password: user('100').password };
    const sdp = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n';
    const invite = await p.request({
      method: 'INVITE',
      fromUser: '100',
      toUser: '199',
      credentials,
      body: sdp,
      contentType: 'application/sdp',
    });
    expect(invite.status).toBe(404);
    const offline = await p.request({
      method: 'INVITE',
      fromUser: '100',
      toUser: '105',
      credentials,
      body: sdp,
      contentType: 'application/sdp',
    });
    expect(offline.status).toBe(480);
    const message = await p.request({ method: 'MESSAGE', fromUser: '100', toUser: '104', credentials, body: 'hello?' });
    expect(message.status).toBe(480);
  });

  it('requires authentication for INVITE (407 without credentials)', async () => {
    const p = await probe();
    const res = await p.request({ method: 'INVITE', fromUser: '100', toUser: '101' });
    expect(res.status).toBe(407);
    expect(sipHeader(res, 'proxy-authenticate')).toMatch(/^Digest /);
  });

  it('routes a MESSAGE between two registered WebSocket users', async () => {
    const alice = await probe();
    const bruno = await probe();
    expect((await alice.register('100', user('100').password)).status).toBe(200);
    expect((await bruno.register('101', user('101').password)).status).toBe(200);
    const res = await bruno.request({
      method: 'MESSAGE',
      fromUser: '101',
      toUser: '100',
      credentials: { username: '101', password: user('101').password },
      body: 'Bonjour Alice',
    });
    expect(res.status).toBe(200);
    const got = alice.received.find((m) => m.method === 'MESSAGE');
    expect(got?.body).toBe('Bonjour Alice');
    expect(sipHeader(got!, 'from')).toContain('sip:101@127.0.0.1');
  });

  it('routes an INVITE to the registered callee and relays its final answer', async () => {
    const alice = await probe();
    const bruno = await probe();
    expect((await alice.register('100', user('100').password)).status).toBe(200);
    alice.onDidReceiveRequest((request) =>
      request.method === 'INVITE' ? { status: 486, reason: 'Busy Here' } : { status: 200, reason: 'OK' },
    );
    const sdp = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n';
    const res = await bruno.request({
      method: 'INVITE',
      fromUser: '101',
      toUser: '100',
      credentials: { username: '101', password: user('101').password },
      body: sdp,
      contentType: 'application/sdp',
    });
    expect(res.status).toBe(486);
    const invite = alice.received.find((m) => m.method === 'INVITE');
    expect(invite?.body).toBe(sdp);
    // record-routed, so in-dialog requests will traverse the proxy
    expect(sipHeader(invite!, 'record-route')).toBeDefined();
  });

  it('answers 480 (not reachable) once the callee WebSocket is gone (contact dropped)', async () => {
    const emma = await probe();
    expect((await emma.register('104', user('104').password)).status).toBe(200);
    await emma.close();
    const p = await probe();
    const res = await p.request({
      method: 'MESSAGE',
      fromUser: '100',
      toUser: '104',
      credentials: { username: '100', password: user('100').password },
      body: 'are you there?',
    });
    expect(res.status).toBe(480);
  });

  it('is a presence server: SUBSCRIBE presence, dialog (BLF) and message-summary get 2xx and a NOTIFY', async () => {
    const p = await probe();
    const credentials = { username: '103', password: user('103').password };
    for (const [event, accept] of [
      ['presence', 'application/pidf+xml'],
      ['dialog', 'application/dialog-info+xml'],
      ['message-summary', 'application/simple-message-summary'],
    ] as const) {
      const res = await p.request({
        method: 'SUBSCRIBE',
        fromUser: '103',
        toUser: event === 'message-summary' ? '103' : '100',
        credentials,
        extraHeaders: [`Event: ${event}`, `Accept: ${accept}`, 'Expires: 60'],
      });
      expect([200, 202], event).toContain(res.status);
      // the NOTIFY goes out of the routing script: proves fix_nated_contact() reaches the WS client
      const deadline = Date.now() + 3_000;
      while (
        Date.now() < deadline &&
        !p.received.some((m) => m.method === 'NOTIFY' && sipHeader(m, 'event') === event)
      ) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(
        p.received.some((m) => m.method === 'NOTIFY' && sipHeader(m, 'event') === event),
        `NOTIFY for ${event}`,
      ).toBe(true);
    }
  });

  it('keeps presence private to our users: no foreign watchers, nobody else’s mailbox or presence', async () => {
    const p = await probe();
    const credentials = { username: '103', password: user('103').password };
    // unauthenticated watcher from another domain
    const foreign = await p.request({
      method: 'SUBSCRIBE',
      fromUser: 'eve',
      fromDomain: 'elsewhere.example',
      toUser: '100',
      extraHeaders: ['Event: dialog', 'Accept: application/dialog-info+xml', 'Expires: 60'],
    });
    expect(foreign.status).toBe(403);
    // 103 may watch 100's calls (BLF) but not read 100's voicemail counts (RFC 3842)
    const mailbox = await p.request({
      method: 'SUBSCRIBE',
      fromUser: '103',
      toUser: '100',
      credentials,
      extraHeaders: ['Event: message-summary', 'Accept: application/simple-message-summary', 'Expires: 60'],
    });
    expect(mailbox.status).toBe(403);
    expect(mailbox.reason).toMatch(/mailbox/i);
    const publish = await p.request({
      method: 'PUBLISH',
      fromUser: '103',
      toUser: '100',
      credentials,
      contentType: 'application/pidf+xml',
      body: '<?xml version="1.0"?><presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:100@127.0.0.1"/>',
      extraHeaders: ['Event: presence', 'Expires: 60'],
    });
    // auth_check's identity check (To user of a PUBLISH = auth user) already refuses it; route[PRESENCE] would too
    expect([403, 407]).toContain(publish.status);
  });

  it('serves SIP over secure WebSocket (self-signed)', async () => {
    expect(kam.wssUrl).toMatch(/^wss:\/\/127\.0\.0\.1:\d+$/);
    const p = await probe(kam.wssUrl!);
    expect((await p.register('102', user('102').password)).status).toBe(200);
  });

  it('comes back after a crash: kill() closes the port, restart() reopens it and clients register again', async () => {
    const port = portOf(kam.wsUrl);
    await kam.kill();
    expect(await probeTcp('127.0.0.1', port, 500)).toBe(false);
    await kam.restart();
    expect(await probeTcp('127.0.0.1', port, 500)).toBe(true);
    const p = await probe();
    expect((await p.register('100', user('100').password)).status).toBe(200);
  });
});
