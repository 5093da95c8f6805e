/**
 * An external caller in its simplest form: one INVITE over UDP from a plain
 * SIP endpoint of another domain, unauthenticated, straight to Kamailio's UDP
 * listener — what a trunk or a desk phone elsewhere sends. The busy lamps
 * then say "ringing from an external caller" (SPEC B4). Answers that come
 * back (100, 180, the final one) are kept; nothing is acknowledged, so hang
 * up or reject at the callee.
 */
import { createSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';

/** audio offer a plain RTP phone makes (PCMU), port 9: nothing is really sent */
const SDP = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n';

export interface ForeignSipCall {
  readonly callId: string;
  /** the status lines received so far, e.g. `SIP/2.0 180 Ringing` */
  readonly responses: readonly string[];
  close(): void;
}

/**
 * Sends the INVITE to `number` at Kamailio's UDP port on 127.0.0.1, from
 * `sip:<from>@elsewhere.example`.
 */
export async function callFromAnotherDomain(opts: {
  kamailioUdpPort: number;
  number: string;
  from?: string;
}): Promise<ForeignSipCall> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const responses: string[] = [];
  socket.on('message', (msg) => {
    const first = msg.toString('utf8').split('\r\n', 1)[0];
    if (first?.startsWith('SIP/2.0')) responses.push(first);
  });
  const port = socket.address().port;
  const callId = randomBytes(8).toString('hex');
  const invite =
    `INVITE sip:${opts.number}@127.0.0.1 SIP/2.0\r\n` +
    `Via: SIP/2.0/UDP 127.0.0.1:${port};branch=z9hG4bK${randomBytes(6).toString('hex')};rport\r\n` +
    `Max-Forwards: 70\r\n` +
    `From: "Outside" <sip:${opts.from ?? '+33612345678'}@elsewhere.example>;tag=${randomBytes(4).toString('hex')}\r\n` +
    `To: <sip:${opts.number}@127.0.0.1>\r\n` +
    `Call-ID: ${callId}\r\nCSeq: 1 INVITE\r\n` +
    `Contact: <sip:outside@127.0.0.1:${port}>\r\n` +
    `Content-Type: application/sdp\r\nContent-Length: ${Buffer.byteLength(SDP)}\r\n\r\n${SDP}`;
  socket.send(invite, opts.kamailioUdpPort, '127.0.0.1');
  return { callId, responses, close: () => socket.close() };
}
