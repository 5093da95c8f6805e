/**
 * The smallest plain SIP user agent over UDP on 127.0.0.1, for requests a test must shape itself
 * (a REGISTER claiming someone else's AOR, an MWI SUBSCRIBE with a short Expires and its in-dialog
 * refresh). It answers the digest challenge (RFC 2617, auth user apart from the AOR user as a
 * device has it), answers 200 to every request it receives (NOTIFY) and keeps them. Every wait is
 * bounded; close() in afterAll.
 */
import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { buildDigestAuthorization, parseDigestChallenge } from '../../server/stack/sip-digest';

/** A SIP message as received: first line, headers (lower-case names, repeated ones joined by a newline), body. */
export interface SipMessage {
  readonly firstLine: string;
  readonly status?: number;
  readonly method?: string;
  header(name: string): string | undefined;
  readonly body: string;
  readonly raw: string;
}

/** A request to send: the agent adds Via, Max-Forwards, Call-ID (unless given), CSeq, Content-Length. */
export interface SipRequest {
  readonly method: string;
  readonly uri: string;
  readonly from: string;
  readonly to: string;
  readonly callId?: string;
  readonly cseq: number;
  readonly headers?: readonly string[];
  readonly body?: string;
}

function parse(raw: string): SipMessage {
  const [head = '', body = ''] = raw.split('\r\n\r\n', 2);
  const [firstLine = '', ...lines] = head.split('\r\n');
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers.set(name, headers.has(name) ? `${headers.get(name)}\n${value}` : value);
  }
  const status = /^SIP\/2\.0 (\d{3})/.exec(firstLine)?.[1];
  return {
    firstLine,
    ...(status ? { status: Number(status) } : { method: firstLine.split(' ', 1)[0] }),
    header: (name) => headers.get(name.toLowerCase()),
    body,
    raw,
  };
}

/** See the file comment. */
export class SipUdpClient {
  /** every request received (NOTIFY…), in order */
  readonly requests: SipMessage[] = [];
  readonly #responses: SipMessage[] = [];
  #closed = false;

  private constructor(
    private readonly socket: Socket,
    readonly port: number,
    private readonly proxy: { readonly host: string; readonly port: number },
    private readonly credentials: { readonly user: string; readonly password: string },
    private readonly via: { readonly viaHost?: string; readonly viaPort?: number },
  ) {
    socket.on('message', (data) => {
      const message = parse(data.toString('utf8'));
      if (message.status !== undefined) {
        this.#responses.push(message);
        return;
      }
      this.requests.push(message);
      this.#answer(message);
    });
  }

  /**
   * Binds a UDP socket on 127.0.0.1; `credentials.user` is the digest user name. `via` puts another
   * address in its Via headers than the one it sends from: what a NAT in front of a phone does.
   */
  static async open(
    proxy: { readonly host: string; readonly port: number },
    credentials: { readonly user: string; readonly password: string },
    via: { readonly viaHost?: string; readonly viaPort?: number } = {},
  ): Promise<SipUdpClient> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return new SipUdpClient(socket, socket.address().port, proxy, credentials, via);
  }

  /** `sip:<user>@127.0.0.1:<port>`, for Contact headers */
  contact(user: string): string {
    return `<sip:${user}@127.0.0.1:${this.port}>`;
  }

  /**
   * Sends the request and resolves with its final response; a 401/407 is answered once with
   * credentials (CSeq + 1). Throws when nothing final comes within `timeoutMs`.
   */
  async send(request: SipRequest, timeoutMs = 5_000): Promise<SipMessage> {
    const callId = request.callId ?? randomBytes(8).toString('hex');
    let response = await this.#transaction({ ...request, callId }, [], timeoutMs);
    if (response.status === 401 || response.status === 407) {
      const challengeHeader = response.header(response.status === 401 ? 'WWW-Authenticate' : 'Proxy-Authenticate');
      if (!challengeHeader) throw new Error(`SIP: ${response.status} without a challenge`);
      const authorization = buildDigestAuthorization({
        username: this.credentials.user,
        password: this.credentials.password,
        method: request.method,
        uri: request.uri,
        challenge: parseDigestChallenge(challengeHeader),
      });
      const name = response.status === 401 ? 'Authorization' : 'Proxy-Authorization';
      response = await this.#transaction(
        { ...request, callId, cseq: request.cseq + 1 },
        [`${name}: ${authorization}`],
        timeoutMs,
      );
    }
    return response;
  }

  /** Resolves with the first request received (seen or to come) that matches; throws after `timeoutMs`. */
  async waitForRequest(what: string, match: (m: SipMessage) => boolean, timeoutMs = 10_000): Promise<SipMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.requests.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`SIP: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Closes the socket (a phone gone dead); idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.socket.close();
  }

  async #transaction(
    request: SipRequest & { callId: string },
    extra: string[],
    timeoutMs: number,
  ): Promise<SipMessage> {
    const branch = `z9hG4bK${randomBytes(8).toString('hex')}`;
    const body = request.body ?? '';
    const text =
      `${request.method} ${request.uri} SIP/2.0\r\n` +
      `Via: SIP/2.0/UDP ${this.via.viaHost ?? '127.0.0.1'}:${this.via.viaPort ?? this.port};branch=${branch};rport\r\n` +
      'Max-Forwards: 70\r\n' +
      `From: ${request.from}\r\nTo: ${request.to}\r\nCall-ID: ${request.callId}\r\n` +
      `CSeq: ${request.cseq} ${request.method}\r\n` +
      [...(request.headers ?? []), ...extra].map((h) => `${h}\r\n`).join('') +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    this.socket.send(text, this.proxy.port, this.proxy.host);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.#responses.find((r) => r.header('Via')?.includes(branch) && (r.status ?? 0) >= 200);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`SIP: no final answer to ${request.method} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** 200 OK to any request (a NOTIFY, an OPTIONS keep-alive), echoing its transaction headers. */
  #answer(request: SipMessage): void {
    const copy = ['Via', 'From', 'To', 'Call-ID', 'CSeq']
      .flatMap((name) => (request.header(name) ?? '').split('\n').map((value) => `${name}: ${value}`))
      .filter((line) => !line.endsWith(': '));
    // the proxy sends from its own UDP listener: the answer goes back there (the top Via)
    this.socket.send(
      `SIP/2.0 200 OK\r\n${copy.join('\r\n')}\r\nContent-Length: 0\r\n\r\n`,
      this.proxy.port,
      this.proxy.host,
    );
  }
}
