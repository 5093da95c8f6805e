/**
 * One SIP MESSAGE (RFC 3428) sent over UDP straight to Kamailio, as a plain SIP endpoint would:
 * what baresip cannot do (another content type, a foreign From domain). With a password it answers
 * the proxy's 407 challenge once (RFC 2617 digest, the stack's own sip-digest). Resolves with the
 * final answer; every wait is bounded.
 */
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { buildDigestAuthorization, parseDigestChallenge } from '../../server/stack/sip-digest';

/** What {@link sendSipMessageOverUdp} sends. */
export interface UdpSipMessage {
  readonly kamailioUdpPort: number;
  /** sender: user@domain, and the SIP password to answer a challenge with (none: unauthenticated) */
  readonly from: { readonly user: string; readonly domain: string; readonly password?: string };
  /** recipient: sip:<to>@127.0.0.1 */
  readonly to: string;
  readonly contentType: string;
  readonly body: string;
  readonly timeoutMs?: number;
}

/** The final answer: status code, reason, and its header lines. */
export interface UdpSipAnswer {
  readonly status: number;
  readonly reason: string;
  readonly headers: readonly string[];
}

/** See the file comment. */
export async function sendSipMessageOverUdp(message: UdpSipMessage): Promise<UdpSipAnswer> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const port = socket.address().port;
  const callId = randomBytes(8).toString('hex');
  const tag = randomBytes(4).toString('hex');
  const uri = `sip:${message.to}@127.0.0.1`;
  const answers: UdpSipAnswer[] = [];
  socket.on('message', (data) => {
    const [first, ...lines] = data.toString('utf8').split('\r\n\r\n', 1)[0]!.split('\r\n');
    const status = /^SIP\/2\.0 (\d{3}) (.*)$/.exec(first ?? '');
    if (status) answers.push({ status: Number(status[1]), reason: status[2]!, headers: lines });
  });
  const send = (cseq: number, authorization?: string): void => {
    const body = Buffer.from(message.body);
    const request =
      `MESSAGE ${uri} SIP/2.0\r\n` +
      `Via: SIP/2.0/UDP 127.0.0.1:${port};branch=z9hG4bK${randomBytes(6).toString('hex')};rport\r\n` +
      'Max-Forwards: 70\r\n' +
      `From: <sip:${message.from.user}@${message.from.domain}>;tag=${tag}\r\n` +
      `To: <${uri}>\r\n` +
      `Call-ID: ${callId}\r\nCSeq: ${cseq} MESSAGE\r\n` +
      (authorization ? `Proxy-Authorization: ${authorization}\r\n` : '') +
      `Content-Type: ${message.contentType}\r\nContent-Length: ${body.length}\r\n\r\n`;
    socket.send(Buffer.concat([Buffer.from(request), body]), message.kamailioUdpPort, '127.0.0.1');
  };
  const final = async (from: number): Promise<UdpSipAnswer> => {
    const deadline = Date.now() + (message.timeoutMs ?? 5_000);
    for (;;) {
      const answer = answers.slice(from).find((a) => a.status >= 200);
      if (answer) return answer;
      if (Date.now() > deadline) throw new Error(`no final answer to the MESSAGE to ${uri}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  try {
    send(1);
    let answer = await final(0);
    if (answer.status === 407 && message.from.password !== undefined) {
      const header = answer.headers.find((h) => /^proxy-authenticate:/i.test(h));
      if (!header) throw new Error('407 without Proxy-Authenticate');
      const authorization = buildDigestAuthorization({
        username: message.from.user,
        password: message.from.password,
        method: 'MESSAGE',
        uri,
        challenge: parseDigestChallenge(header.slice(header.indexOf(':') + 1).trim()),
      });
      const seen = answers.length;
      send(2, authorization);
      answer = await final(seen);
    }
    return answer;
  } finally {
    socket.close();
  }
}
