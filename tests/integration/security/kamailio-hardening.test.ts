/**
 * The attacks Kamailio now stops (issue #10 items 1, 3, 4), each against the
 * real proxy of the dev stack (UC server on SQLite + Kamailio):
 * - a spoofed caller: nothing but an authenticated caller gets P-Asserted-Identity;
 * - SIP brute force: a source that fails N logins is banned, the UC login still works;
 * - in-dialog relay: a forged Route/To-tag does not make Kamailio forward anywhere;
 * - JSON-RPC: refused without the shared secret and from a browser page;
 * - WebSocket from a browser page of an origin nobody allowed: refused;
 * - busy-lamp spying: presence and dialog SUBSCRIBEs follow the watched user's visibility.
 * The attacker speaks from 127.0.0.2 (another host as far as Kamailio knows).
 */
import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kamailioSecretOf } from '../../../server/src/platform/kamailio-secret';
import { SipWsProbe, sipHeader, type SipMessage } from '../../../server/stack/sip-ws-probe';
import { DEFAULT_AUTH_FAIL_LIMIT } from '../../../server/stack/kamailio-config';
import { loginAccessToken } from '../../support/login-access-token';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

const ATTACKER = '127.0.0.2';
const SDP = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n';

describe('Kamailio hardening (issue #10)', () => {
  let stack: UcStack;
  const probes: SipWsProbe[] = [];
  const user = (n: string) => stack.users.find((u) => u.number === n)!;
  const probe = async (options: { localAddress?: string; origin?: string } = {}): Promise<SipWsProbe> => {
    const p = await SipWsProbe.connect(stack.kamailio.wsUrl, stack.kamailio.domain, 5_000, options);
    probes.push(p);
    return p;
  };
  const rpcUrl = (): string => `${stack.kamailio.wsUrl.replace(/^ws/, 'http')}/RPC`;
  const rpc = (headers: Record<string, string>): Promise<Response> =>
    fetch(rpcUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'core.uptime', id: 1 }),
    });

  beforeAll(async () => {
    stack = await startUcStack();
  });

  afterAll(async () => {
    for (const p of probes) await p.close();
    await stack?.stop();
  });

  it('spoofed caller: an unauthenticated INVITE from another domain claiming "Bruno (101)" carries no asserted identity', async () => {
    const alice = await probe();
    expect((await alice.register('100', await stack.sipPasswordOf('100'))).status).toBe(200);
    const spoofer = await probe({ localAddress: ATTACKER });
    await spoofer.request({
      method: 'INVITE',
      fromUser: '101',
      fromDomain: 'elsewhere.example',
      toUser: '100',
      body: SDP,
      contentType: 'application/sdp',
      extraHeaders: ['P-Asserted-Identity: "Bruno Müller" <sip:101@127.0.0.1>'],
    });
    const invite = alice.received.find((m) => m.method === 'INVITE')!;
    expect(sipHeader(invite, 'from')).toContain('sip:101@elsewhere.example');
    // the forged assertion was removed and none added: the callee shows it as external
    expect(sipHeader(invite, 'p-asserted-identity')).toBeUndefined();

    // a real colleague who authenticated is asserted by the proxy
    const bruno = await probe();
    expect((await bruno.register('101', await stack.sipPasswordOf('101'))).status).toBe(200);
    const before = alice.received.length;
    await bruno.request({
      method: 'INVITE',
      fromUser: '101',
      toUser: '100',
      body: SDP,
      contentType: 'application/sdp',
      credentials: { username: '101', password: await stack.sipPasswordOf('101') },
    });
    const asserted = alice.received.slice(before).find((m) => m.method === 'INVITE')!;
    expect(sipHeader(asserted, 'p-asserted-identity')).toBe('<sip:101@127.0.0.1>');
  });

  it('in-dialog relay: a forged in-dialog request for no dialog of ours is refused, not forwarded', async () => {
    const target: Socket = createSocket('udp4');
    const got: string[] = [];
    target.on('message', (data) => got.push(data.toString()));
    await new Promise<void>((resolve) => target.bind(0, '127.0.0.1', () => resolve()));
    const port = target.address().port;
    try {
      const p = await probe();
      const kamailioPort = new URL(stack.kamailio.wsUrl).port;
      const res: SipMessage = await p.request({
        method: 'MESSAGE',
        fromUser: '100',
        toUser: '104',
        requestUri: `sip:victim@127.0.0.1:${port}`,
        toTag: 'forged',
        body: 'relay me',
        extraHeaders: [`Route: <sip:127.0.0.1:${kamailioPort};transport=ws;lr>`],
      });
      expect(res.status).toBe(403);
      await new Promise((r) => setTimeout(r, 300));
      expect(got).toEqual([]);
    } finally {
      target.close();
    }
  });

  it('JSON-RPC: refused without the secret and from a browser page, answered with it', async () => {
    const secret = kamailioSecretOf(stack.ctx!.config, 'json-rpc');
    expect((await rpc({})).status).toBe(403);
    expect((await rpc({ 'x-rpc-secret': 'guess' })).status).toBe(403);
    expect((await rpc({ 'x-rpc-secret': secret, origin: 'http://evil.example' })).status).toBe(403);
    const ok = await rpc({ 'x-rpc-secret': secret });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ result: expect.anything() });
  });

  it('WebSocket: a browser page of an origin nobody allowed cannot open SIP over WebSocket', async () => {
    await expect(probe({ origin: 'http://evil.example' })).rejects.toThrow(/403/);
    // the app's engine sends no Origin and connects
    await expect(probe()).resolves.toBeDefined();
  });

  it(`SIP brute force: a source failing ${DEFAULT_AUTH_FAIL_LIMIT} logins is banned, while the real user still logs in to the UC server`, async () => {
    const attacker = await probe({ localAddress: ATTACKER });
    for (let i = 0; i < DEFAULT_AUTH_FAIL_LIMIT; i++) {
      const res = await attacker.register('101', `guess-${i}`);
      expect([401, 403]).toContain(res.status);
    }
    // now banned: no answer at all, even with the right password
    await expect(
      attacker.request({
        method: 'REGISTER',
        fromUser: '101',
        extraHeaders: ['Expires: 60'],
        credentials: { username: '101', password: await stack.sipPasswordOf('101') },
        timeoutMs: 2_000,
      }),
    ).rejects.toThrow(/No final response/);
    // another connection from the same host too
    const again = await probe({ localAddress: ATTACKER });
    await expect(
      again.request({ method: 'OPTIONS', fromUser: '101', toUser: '100', timeoutMs: 2_000 }),
    ).rejects.toThrow(/No final response/);
    // the real user is not locked out: the UC login works, and so does SIP from their own host
    expect(await loginAccessToken(stack.apiUrl, '101', user('101').password)).toMatch(/\w+/);
    const real = await probe();
    expect((await real.register('101', await stack.sipPasswordOf('101'))).status).toBe(200);
  });

  it('busy-lamp spying: a colleague who chose "not visible" cannot be watched over SIP (presence, dialog); a visible one can', async () => {
    const token = await loginAccessToken(stack.apiUrl, '100', user('100').password);
    const put = await fetch(`${stack.apiUrl}/me/presence`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ state: 'office', visibility: 'none' }),
    });
    expect(put.status).toBe(200);
    const watcher = await probe();
    const credentials = { username: '101', password: await stack.sipPasswordOf('101') };
    const subscribe = (target: string, event: string): Promise<SipMessage> =>
      watcher.request({
        method: 'SUBSCRIBE',
        fromUser: '101',
        toUser: target,
        extraHeaders: [`Event: ${event}`, 'Expires: 60'],
        credentials,
      });
    expect((await subscribe('100', 'dialog')).status).toBe(403);
    expect((await subscribe('100', 'presence')).status).toBe(403);
    expect([200, 202]).toContain((await subscribe('102', 'dialog')).status);
    expect([200, 202]).toContain((await subscribe('102', 'presence')).status);
    // the user may watch themselves (own devices)
    const own = await probe();
    const ownSubscribe = await own.request({
      method: 'SUBSCRIBE',
      fromUser: '100',
      toUser: '100',
      extraHeaders: ['Event: dialog', 'Expires: 60'],
      credentials: { username: '100', password: await stack.sipPasswordOf('100') },
    });
    expect([200, 202]).toContain(ownSubscribe.status);
  });
});
