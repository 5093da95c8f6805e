/**
 * Busy lamps end to end (issue #11 item 5, SPEC B4): Kamailio's dialog and reg
 * events reach the UC server (route[LAMPS_FORWARD] → mqueue → rtimer →
 * POST /internal/line-events), which derives each line's state, shows it in
 * GET /presence under the presence visibility and announces a change as
 * `others-presence-changed`. Real Kamailio, real UC server, werift SIP clients,
 * a plain UDP SIP caller from another domain, a raw SIP watcher of the dialog event.
 */
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LineState, PresenceOf } from '../../../src-preload/contract/presence';
import { CallState } from '../../../src-main/core/features/calls/sip/call-state';
import type { Call } from '../../../src-main/core/features/calls/sip/call';
import { SipWsProbe } from '../../../server/stack/sip-ws-probe';
import { routingSecretOf } from '../../../server/src/features/routing';
import { createPhone, sleep, waitFor, type TestPhone } from '../../support/engine-harness';
import { loginAccessToken } from '../../support/login-access-token';
import { openLiveEvents, type LiveEventsConnection } from '../../support/open-live-events';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';
import { callFromAnotherDomain } from '../../support/foreign-sip-caller';

const SDP = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n';

describe('busy lamps', () => {
  let stack: UcStack;
  let alice: TestPhone;
  let chloe: TestPhone;
  let brunoToken: string;
  let aliceToken: string;
  let brunoEvents: LiveEventsConnection;
  let ringing: Call | undefined;

  const presenceOf = async (token: string, number: string): Promise<PresenceOf | undefined> => {
    const res = await fetch(`${stack.apiUrl}/presence?accounts=${number}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { presences: PresenceOf[] }).presences[0];
  };
  /** Polls Bruno's GET /presence until Alice's line reads `line`. */
  const waitForLine = async (line: LineState | undefined, timeoutMs = 10_000): Promise<void> => {
    let last: PresenceOf | undefined;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      last = await presenceOf(brunoToken, '100');
      if (last?.line === line) return;
      await sleep(50);
    }
    throw new Error(`Alice's line: expected ${String(line)}, last ${JSON.stringify(last)}`);
  };
  const announced = (): number =>
    brunoEvents.events.filter((e) => e.type === 'others-presence-changed' && e.numbers.includes('100')).length;
  const postLineEvents = (body: unknown, secret: string | undefined): Promise<Response> =>
    fetch(`${stack.apiUrl}/internal/line-events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(secret !== undefined ? { 'x-uc-routing-secret': secret } : {}),
      },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    stack = await startUcStack({ withVoicemail: false });
    const k = { wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain, users: await stack.sipUsers() };
    alice = createPhone(k, '100');
    chloe = createPhone(k, '102');
    for (const p of [alice, chloe]) expect((await p.engine.start()).status).toBe('registered');
    alice.engine.onDidReceiveCall((call) => (ringing = call));
    brunoToken = await loginAccessToken(stack.apiUrl, '101', 'Welcome101!');
    aliceToken = await loginAccessToken(stack.apiUrl, '100', 'Welcome100!');
    brunoEvents = await openLiveEvents(stack.apiUrl, brunoToken);
  });

  afterAll(async () => {
    brunoEvents?.close();
    for (const p of [alice, chloe]) await p?.dispose();
    await stack?.stop();
  });

  it('shows a registered user idle', async () => {
    await waitForLine('idle');
  });

  it('rings, talks and hangs up with an internal caller, announcing each change; a SIP watcher sees states, no parties', async () => {
    const watcher = await SipWsProbe.connect(stack.kamailio.wsUrl, stack.kamailio.domain, 5_000);
    try {
      const subscribed = await watcher.request({
        method: 'SUBSCRIBE',
        fromUser: '103',
        toUser: '100',
        credentials: { username: '103', password: await stack.sipPasswordOf('103') },
        extraHeaders: ['Event: dialog', 'Accept: application/dialog-info+xml', 'Expires: 60'],
      });
      expect([200, 202]).toContain(subscribed.status);
      ringing = undefined;
      const before = announced();
      const call = chloe.engine.dial('100');
      await waitFor('Alice rings', () => ringing !== undefined);
      await waitForLine('ringing-internal');
      await waitFor('Bruno told', () => announced() > before);
      await ringing!.answer();
      await waitFor('answered', () => call.state === CallState.Established, 10_000);
      await waitForLine('talking-internal');
      await call.hangup();
      await waitForLine('idle');

      // the plain SIP watcher (a desk phone's BLF key) saw the call's states but nobody on it
      await waitFor('NOTIFY terminated', () => watcher.received.some((m) => /<state>terminated</.test(m.body)));
      const bodies = watcher.received.filter((m) => m.method === 'NOTIFY').map((m) => m.body);
      const joined = bodies.join('\n');
      expect(joined).toMatch(/<state>early<\/state>/);
      expect(joined).toMatch(/<state>confirmed<\/state>/);
      expect(joined).not.toMatch(/<identity|<target|sip:102@|<local>|<remote>|call-id|local-tag|remote-tag/i);
    } finally {
      await watcher.close();
    }
  });

  it('rings external for a caller from another domain (plain SIP over UDP, unauthenticated)', async () => {
    ringing = undefined;
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    try {
      const port = socket.address().port;
      const callId = randomBytes(8).toString('hex');
      const udpPort = stack.kamailio.process.udpPort;
      const invite =
        `INVITE sip:100@127.0.0.1 SIP/2.0\r\n` +
        `Via: SIP/2.0/UDP 127.0.0.1:${port};branch=z9hG4bK${randomBytes(6).toString('hex')};rport\r\n` +
        `Max-Forwards: 70\r\n` +
        `From: "Outside" <sip:+33612345678@elsewhere.example>;tag=${randomBytes(4).toString('hex')}\r\n` +
        `To: <sip:100@127.0.0.1>\r\n` +
        `Call-ID: ${callId}\r\nCSeq: 1 INVITE\r\n` +
        `Contact: <sip:outside@127.0.0.1:${port}>\r\n` +
        `Content-Type: application/sdp\r\nContent-Length: ${Buffer.byteLength(SDP)}\r\n\r\n${SDP}`;
      socket.send(invite, udpPort, '127.0.0.1');
      await waitFor('Alice rings', () => ringing !== undefined);
      await waitForLine('ringing-external');
      await ringing!.reject('decline');
      await waitForLine('idle');
    } finally {
      socket.close();
    }
  });

  it('hides the line of a user who is not visible, and tells nobody about it', async () => {
    const setVisibility = async (visibility: 'none' | 'all'): Promise<void> => {
      const res = await fetch(`${stack.apiUrl}/me/presence`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${aliceToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ state: 'office', visibility }),
      });
      expect(res.status).toBe(200);
    };
    await setVisibility('none');
    try {
      expect(await presenceOf(brunoToken, '100')).toEqual({ number: '100', visible: false });
      ringing = undefined;
      await sleep(300);
      const before = announced();
      const call = chloe.engine.dial('100');
      await waitFor('Alice rings', () => ringing !== undefined);
      await sleep(500);
      expect(await presenceOf(brunoToken, '100')).toEqual({ number: '100', visible: false });
      await call.hangup();
      await sleep(500);
      expect(announced()).toBe(before);
      // she still sees her own
      expect((await presenceOf(aliceToken, '100'))?.line).toBe('idle');
    } finally {
      await setVisibility('all');
    }
  });

  it('logs and ignores a malformed dialog-info, and refuses line events without the secret', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const b64 = (text: string): string => Buffer.from(text).toString('base64');
      const batch = {
        lost: false,
        events: [
          {
            event: 'dialog',
            entity: b64('sip:100@127.0.0.1'),
            body: b64('<dialog-info entity="sip:100@127.0.0.1"><dialog'),
          },
          { event: 'reg', entity: b64('sip:100@127.0.0.1'), body: b64('not xml at all') },
          {
            event: 'dialog',
            entity: b64('sip:999@127.0.0.1'),
            body: b64(
              '<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="0" state="full" entity="sip:999@127.0.0.1">' +
                '<dialog id="x" direction="recipient"><state>early</state></dialog></dialog-info>',
            ),
          },
        ],
      };
      const secret = routingSecretOf(stack.ctx!.config);
      expect((await postLineEvents(batch, undefined)).status).toBe(401);
      expect((await postLineEvents(batch, 'f'.repeat(secret.length))).status).toBe(401);
      expect((await postLineEvents(batch, secret)).status).toBe(204);
      const logged = errors.mock.calls.map((c) => String(c[0])).join('\n');
      expect(logged).toMatch(/busy lamps: dialog event ignored: malformed dialog-info/);
      expect(logged).toMatch(/busy lamps: reg event ignored/);
      expect(logged).toMatch(/"sip:999@127.0.0.1" is none of our users/);
      // nothing changed, and the server still serves
      expect((await presenceOf(brunoToken, '100'))?.line).toBe('idle');
    } finally {
      errors.mockRestore();
    }
  });

  it('carries a burst of line events larger than one script buffer without losing any', async () => {
    // Kamailio prints http_client's POST body into an 8 KB buffer (pv_buffer_size): a batch of 32
    // dialog-info events (~1.5 KB each in base64) did not fit, the POST failed with "DATA has no
    // value", and the UC server reconciled after every burst of calls. 32 calls ringing at once.
    const ringingAtChloe: Call[] = [];
    const subscription = chloe.engine.onDidReceiveCall((call) => ringingAtChloe.push(call));
    const calls = await Promise.all(
      Array.from({ length: 32 }, (_, i) =>
        callFromAnotherDomain({
          kamailioUdpPort: stack.kamailio.process.udpPort,
          number: '102',
          from: `+3361234${String(i).padStart(4, '0')}`,
        }),
      ),
    );
    try {
      await waitFor("every call answered by Chloe's phone", () =>
        calls.every((c) => c.responses.some((r) => /^SIP\/2\.0 (18\d|[2-6]\d\d)/.test(r))),
      );
      await sleep(500);
      const log = readFileSync(stack.kamailio.process.logPath, 'utf8');
      expect(log).not.toMatch(/buffer overflow|DATA has no value|busy lamps: (UC server unavailable|queue full)/);
    } finally {
      for (const call of ringingAtChloe)
        if (call.state === CallState.RingingIn) await call.reject('decline').catch(() => undefined);
      subscription();
      for (const c of calls) c.close();
    }
  });

  it('shows unregistered, not idle, once every device of the user logged out', async () => {
    const before = announced();
    await alice.engine.stop();
    await waitForLine('unregistered');
    expect(announced()).toBeGreaterThan(before);
  });
});
