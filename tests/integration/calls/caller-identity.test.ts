/**
 * Issue #10 item 1, through the real proxy and the real engine: a caller is who
 * Kamailio asserts (P-Asserted-Identity, only for authenticated users), never
 * who the From header claims. The spoofer speaks from 127.0.0.2, another host
 * as far as Kamailio knows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDialTarget } from '../../../src-preload/contract/calls/dial-target';
import { SipWsProbe } from '../../../server/stack/sip-ws-probe';
import type { Call } from '../../../src-main/core/features/calls/sip/call';
import { CallState } from '../../../src-main/core/features/calls/sip/call-state';
import { startKamailio, type KamailioFixture } from '../../support/kamailio-fixture';
import { createPhone, waitFor, type TestPhone } from '../../support/engine-harness';

// a WebSocket caller's offer: DTLS-SRTP, or the app refuses it 488 before it rings (SPEC F6, issue #15)
const SDP =
  'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\n' +
  'a=fingerprint:sha-256 AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89\r\n' +
  'a=setup:actpass\r\n';

describe('caller identity (issue #10)', () => {
  let k: KamailioFixture;
  let alice: TestPhone;
  let bruno: TestPhone;
  const probes: SipWsProbe[] = [];
  const calls: Call[] = [];

  beforeAll(async () => {
    k = await startKamailio();
    alice = createPhone(k, '100');
    bruno = createPhone(k, '101');
    alice.engine.onDidReceiveCall((c) => calls.push(c));
    expect((await alice.engine.start()).status).toBe('registered');
    expect((await bruno.engine.start()).status).toBe('registered');
  });

  afterAll(async () => {
    for (const p of probes) await p.close();
    await bruno?.dispose();
    await alice?.dispose();
    await k?.stop();
  });

  it('spoofed colleague: an unauthenticated INVITE From "Bruno" <sip:101@elsewhere> is external, not Bruno, and call back dials that URI', async () => {
    const spoofer = await SipWsProbe.connect(k.wsUrl, k.domain, 5_000, { localAddress: '127.0.0.2' });
    probes.push(spoofer);
    const before = calls.length;
    void spoofer
      .request({
        method: 'INVITE',
        fromUser: '101',
        fromDomain: 'elsewhere.example',
        toUser: '100',
        body: SDP,
        contentType: 'application/sdp',
        extraHeaders: ['P-Asserted-Identity: "Bruno Müller" <sip:101@127.0.0.1>'],
        timeoutMs: 10_000,
      })
      .catch(() => undefined);
    await waitFor('the spoofed call to ring', () => calls.length > before, 5_000);
    const call = calls[calls.length - 1]!;
    expect(call.external).toBe(true);
    expect(call.peer).toBe('sip:101@elsewhere.example');
    expect(call.peerName).toBeUndefined();
    expect(call.toView()).toMatchObject({ peer: 'sip:101@elsewhere.example', external: true });
    expect(call.toView().peerName).toBeUndefined();
    // "call back" dials what the journal keeps, the peer: the URI, never our 101
    const callBack = parseDialTarget(call.peer);
    expect(callBack.ok && callBack.target).toBe('sip:101@elsewhere.example');
    await call.reject('decline');
  });

  it('a colleague who authenticated is internal: their number and name', async () => {
    const before = calls.length;
    const outgoing = bruno.engine.dial('100');
    await waitFor('the colleague call to ring', () => calls.length > before, 5_000);
    const call = calls[calls.length - 1]!;
    expect(call.external).toBe(false);
    expect(call.peer).toBe('101');
    expect(call.peerName).toBe(k.users.find((u) => u.number === '101')!.displayName);
    expect(call.toView().external).toBeUndefined();
    await call.reject('decline');
    await waitFor('the caller to see the end', () => outgoing.state === CallState.Terminated, 5_000);
  });
});
