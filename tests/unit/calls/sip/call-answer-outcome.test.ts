/**
 * How an outgoing call ended, as the caller's journal needs it (issue #8),
 * through the real sip.js stack against a scripted in-process SIP peer (a
 * WebSocket server on 127.0.0.1): the voicemail service answering is told by
 * the answering dialog's remote target (the 200 OK's Contact user is
 * `voicemail`, while To still names the person called); a proxy answering
 * 480 (no registered device) ends the call as `unavailable`.
 */
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { VOICEMAIL_SIP_USER } from '../../../../src-preload/contract/voicemail/voicemail-http';
import { SipEngine } from '../../../../src-main/core/features/calls/sip/sip-engine';
import type { Call } from '../../../../src-main/core/features/calls/sip/call';
import { CallState } from '../../../../src-main/core/features/calls/sip/call-state';
import type {
  MediaEventName,
  MediaEvents,
  MediaHost,
  MediaMethod,
  MediaParams,
  MediaResults,
} from '../../../../src-preload/contract/media-contract';
import { journalResultFor } from '../../../../src-main/core/features/calls/journal/journal-result';
import { systemClock } from '../../../../src-main/core/platform/clock';

const SDP = [
  'v=0',
  'o=- 1 1 IN IP4 127.0.0.1',
  's=-',
  'c=IN IP4 127.0.0.1',
  't=0 0',
  'm=audio 40000 RTP/AVP 0',
  'a=rtpmap:0 PCMU/8000',
  'a=sendrecv',
  '',
].join('\r\n');

/** Answers every media request with something plausible: the SIP side is what is tested. */
class SdpMediaHost implements MediaHost {
  async request<M extends MediaMethod>(method: M, _params: MediaParams<M>): Promise<MediaResults[M]> {
    const result = method === 'createOffer' || method === 'createAnswer' ? { sdp: SDP } : undefined;
    return result as MediaResults[M];
  }
  onEvent<E extends MediaEventName>(_event: E, _listener: (payload: MediaEvents[E]) => void): () => void {
    return () => undefined;
  }
}

/** How the peer answers the INVITE: 200 OK from this Contact user, or a final error status. */
type InviteReply = { answerAs: string } | { status: number; phrase: string };

/** A registrar and callee in one: REGISTER → 200, INVITE → the reply, BYE → 200. */
class ScriptedPeer {
  reply: InviteReply = { answerAs: '101' };
  readonly acks: string[] = [];
  private readonly sockets = new Set<WebSocket>();

  private constructor(private readonly server: WebSocketServer) {
    server.on('connection', (ws) => {
      this.sockets.add(ws);
      ws.on('message', (data) => this.onMessage(ws, String(data)));
    });
  }

  static async start(): Promise<ScriptedPeer> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'sip' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    return new ScriptedPeer(server);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onMessage(ws: WebSocket, msg: string): void {
    const method = msg.slice(0, msg.indexOf(' '));
    const header = (name: string): string[] =>
      msg
        .split('\r\n')
        .filter((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))
        .map((l) => l.slice(name.length + 1).trim());
    const base = [
      ...header('Via').map((v) => `Via: ${v};received=127.0.0.1`),
      `From: ${header('From')[0]}`,
      `To: ${header('To')[0]}${header('To')[0]!.includes(';tag=') ? '' : ';tag=peer'}`,
      `Call-ID: ${header('Call-ID')[0]}`,
      `CSeq: ${header('CSeq')[0]}`,
    ];
    const send = (lines: string[], body = '') =>
      ws.send([...lines, `Content-Length: ${Buffer.byteLength(body)}`, '', body].join('\r\n'));
    switch (method) {
      case 'REGISTER':
        send(['SIP/2.0 200 OK', ...base, `Contact: ${header('Contact')[0]};expires=300`]);
        return;
      case 'INVITE': {
        const reply = this.reply;
        if ('status' in reply) {
          send([`SIP/2.0 ${reply.status} ${reply.phrase}`, ...base]);
          return;
        }
        send(
          [
            'SIP/2.0 200 OK',
            ...base,
            `Contact: <sip:${reply.answerAs}@127.0.0.1:5060;transport=ws>`,
            'Content-Type: application/sdp',
          ],
          SDP,
        );
        return;
      }
      case 'ACK':
        this.acks.push(msg);
        return;
      case 'BYE':
        send(['SIP/2.0 200 OK', ...base]);
        return;
      default:
        return;
    }
  }
}

async function waitFor(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('outgoing call outcome seen by the caller', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function registered(): Promise<{ peer: ScriptedPeer; engine: SipEngine }> {
    const peer = await ScriptedPeer.start();
    cleanups.push(() => peer.close());
    const engine = new SipEngine({
      wsUrl: peer.url,
      domain: '127.0.0.1',
      user: '100',
      password: 'secret',
      mediaHost: new SdpMediaHost(),
      iceServers: [],
      clock: systemClock,
    });
    cleanups.push(() => engine.stop());
    await engine.start();
    expect(engine.registration.status).toBe('registered');
    return { peer, engine };
  }

  it(`the voicemail service answering (Contact user "${VOICEMAIL_SIP_USER}") is recorded as voicemail`, async () => {
    const { peer, engine } = await registered();
    peer.reply = { answerAs: VOICEMAIL_SIP_USER };
    const call = engine.dial('101', { peerName: 'Bruno Müller' }) as Call;
    await waitFor('established', () => call.state === CallState.Established);
    expect(call.answeredByVoicemail).toBe(true);
    expect(call.toView()).toMatchObject({ peer: '101', peerName: 'Bruno Müller', answeredByVoicemail: true });
    await call.hangup();
    await waitFor('terminated', () => call.state === CallState.Terminated);
    expect(journalResultFor(call.direction, call.answeredAt, call.endReason!, call.answeredByVoicemail)).toEqual({
      result: 'answered',
      reason: 'voicemail',
    });
  });

  it('the person called answering is an ordinary answered call', async () => {
    const { peer, engine } = await registered();
    peer.reply = { answerAs: '101' };
    const call = engine.dial('101') as Call;
    await waitFor('established', () => call.state === CallState.Established);
    expect(call.answeredByVoicemail).toBe(false);
    expect(call.toView().answeredByVoicemail).toBeUndefined();
    await call.hangup();
    await waitFor('terminated', () => call.state === CallState.Terminated);
    expect(journalResultFor(call.direction, call.answeredAt, call.endReason!, call.answeredByVoicemail)).toEqual({
      result: 'answered',
      reason: 'local-hangup',
    });
  });

  it('480 from the proxy (no registered device) ends the call as unavailable: "Not reachable"', async () => {
    const { peer, engine } = await registered();
    peer.reply = { status: 480, phrase: 'Temporarily Unavailable' };
    const call = engine.dial('103') as Call;
    await waitFor('terminated', () => call.state === CallState.Terminated);
    expect(call.endReason).toBe('unavailable');
    expect(call.answeredByVoicemail).toBe(false);
    expect(journalResultFor(call.direction, call.answeredAt, call.endReason!)).toEqual({
      result: 'failed',
      reason: 'unavailable',
    });
    // the final response was acknowledged (RFC 3261 §17.1.1.3)
    await waitFor('ACK', () => peer.acks.length === 1);
  });
});
