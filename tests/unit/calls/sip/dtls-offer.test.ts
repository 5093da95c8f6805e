/**
 * SPEC F6: DTLS-SRTP is required. The check on an SDP offer, and the SipEngine refusing an INVITE
 * whose offer has no DTLS fingerprint with 488 and a Warning that says why, before it rings —
 * against an in-process WebSocket SIP peer (the registrar answers 200, then sends the INVITE).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import { dtlsSrtpRefusal } from '../../../../src-main/core/features/calls/media/dtls-offer';
import { SipEngine } from '../../../../src-main/core/features/calls/sip/sip-engine';
import { FakeMediaHost } from '../../../support/fake-media-host';
import { ManualClock } from '../../../support/manual-clock';

const FP =
  'a=fingerprint:sha-256 AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89';
const sdp = (proto: string, extra: string[] = [], session: string[] = []) =>
  [
    'v=0',
    'o=- 1 1 IN IP4 127.0.0.1',
    's=-',
    ...session,
    'c=IN IP4 127.0.0.1',
    't=0 0',
    `m=audio 9 ${proto} 111 0`,
    ...extra,
    '',
  ].join('\r\n');

describe('dtlsSrtpRefusal', () => {
  it('accepts DTLS-SRTP offers, fingerprint at media or session level, and late offers', () => {
    expect(dtlsSrtpRefusal(sdp('UDP/TLS/RTP/SAVPF', [FP]))).toBeUndefined();
    expect(dtlsSrtpRefusal(sdp('UDP/TLS/RTP/SAVPF', [], [FP]))).toBeUndefined();
    expect(dtlsSrtpRefusal(sdp('TCP/DTLS/RTP/SAVPF', [FP]))).toBeUndefined();
    expect(dtlsSrtpRefusal(undefined)).toBeUndefined();
    expect(dtlsSrtpRefusal('')).toBeUndefined();
  });

  it('refuses plain RTP, SDES-SRTP and a DTLS profile without fingerprint, saying why', () => {
    expect(dtlsSrtpRefusal(sdp('RTP/AVP'))).toMatch(/DTLS-SRTP required: the audio stream is RTP\/AVP/);
    expect(dtlsSrtpRefusal(sdp('RTP/SAVP', ['a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:x']))).toMatch(/RTP\/SAVP/);
    expect(dtlsSrtpRefusal(sdp('UDP/TLS/RTP/SAVPF'))).toBe(
      'DTLS-SRTP required: the offer has no DTLS fingerprint (a=fingerprint)',
    );
    expect(dtlsSrtpRefusal(sdp('UDP/TLS/RTP/SAVPF', ['a=fingerprint:sha-256 not-hex']))).toMatch(/no DTLS fingerprint/);
    expect(dtlsSrtpRefusal('v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n')).toBe('the offer has no audio stream');
  });
});

describe('SipEngine and an offer without DTLS', () => {
  let server: WebSocketServer | undefined;
  let engine: SipEngine | undefined;
  afterEach(async () => {
    await engine?.stop();
    for (const ws of server?.clients ?? []) ws.terminate();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it('answers 488 with a Warning naming the reason, and no call reaches the app', async () => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'sip' });
    await new Promise<void>((resolve) => server!.once('listening', () => resolve()));
    const replies: string[] = [];
    let client: WebSocket | undefined;
    let contact = '';
    server.on('connection', (ws) => {
      client = ws;
      ws.on('message', (data) => {
        const msg = String(data);
        const header = (name: string) =>
          msg
            .split('\r\n')
            .filter((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))
            .map((l) => l.slice(name.length + 1).trim());
        if (msg.startsWith('REGISTER ')) {
          contact = /<([^>]+)>/.exec(header('Contact')[0] ?? '')![1]!;
          ws.send(
            [
              'SIP/2.0 200 OK',
              ...header('Via').map((v) => `Via: ${v}`),
              `From: ${header('From')[0]}`,
              `To: ${header('To')[0]};tag=r`,
              `Call-ID: ${header('Call-ID')[0]}`,
              `CSeq: ${header('CSeq')[0]}`,
              `Contact: ${header('Contact')[0]};expires=300`,
              'Content-Length: 0',
              '',
              '',
            ].join('\r\n'),
          );
        } else if (msg.startsWith('SIP/2.0 ')) {
          replies.push(msg);
        }
      });
    });
    const received: unknown[] = [];
    engine = new SipEngine({
      wsUrl: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
      domain: '127.0.0.1',
      user: '100',
      password: 'secret',
      mediaHost: new FakeMediaHost(),
      iceServers: [],
      clock: new ManualClock(),
    });
    engine.onDidCreateCall((c) => received.push(c));
    expect((await engine.start()).status).toBe('registered');

    const body = sdp('RTP/AVP');
    client!.send(
      [
        `INVITE ${contact} SIP/2.0`,
        'Via: SIP/2.0/WSS 127.0.0.1:5061;branch=z9hG4bKplain1',
        'Max-Forwards: 70',
        'From: <sip:200@127.0.0.1>;tag=caller',
        'To: <sip:100@127.0.0.1>',
        'Call-ID: plain-rtp-offer',
        'CSeq: 1 INVITE',
        'Contact: <sip:200@127.0.0.1;transport=ws>',
        'Content-Type: application/sdp',
        `Content-Length: ${Buffer.byteLength(body)}`,
        '',
        body,
      ].join('\r\n'),
    );
    const deadline = Date.now() + 5000;
    while (!replies.some((r) => r.startsWith('SIP/2.0 488')) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
    }
    const refusal = replies.find((r) => r.startsWith('SIP/2.0 488'));
    expect(refusal).toBeDefined();
    expect(refusal).toMatch(/^Warning: 399 127\.0\.0\.1 "DTLS-SRTP required: the audio stream is RTP\/AVP/m);
    // refused before ringing: no 180, no call for the app
    // no call for the app: it never rings here (sip.js itself sent 100 and its initial 180 to the caller)
    expect(received).toEqual([]);
  });
});
