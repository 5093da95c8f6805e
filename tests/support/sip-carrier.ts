/**
 * The "public network" of trunk tests: a raw SIP endpoint over UDP that plays
 * a carrier (ITSP) on its own loopback address (127.0.0.2 by default: not one
 * of the proxy's aliases, so the proxy treats it as the foreign host it is).
 * It receives the calls our proxy sends out through the trunk — challenging
 * them with a digest 407 first when given credentials (RFC 2617, no qop) and
 * checking the answer — and answers them with a chosen final status; it also
 * sends calls in (an INVITE to a DID) and keeps the status lines it gets back.
 * Negative final answers are ACKed (RFC 3261 §17.1.1.3). Close it in afterAll.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';

/** audio offer of a plain RTP phone (PCMU); nothing is really sent */
const SDP = 'v=0\r\no=- 1 1 IN IP4 127.0.0.2\r\ns=-\r\nc=IN IP4 127.0.0.2\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n';

/** An INVITE the carrier received, with what the tests look at. */
export interface CarrierInvite {
  readonly text: string;
  readonly requestUri: string;
  header(name: string): string | undefined;
  /** whether its Proxy-Authorization answers our challenge with the right password */
  readonly authenticated: boolean;
  /** performance.now() when it arrived (benches) */
  readonly at: number;
}

export interface SipCarrierOptions {
  /** loopback address to bind (default 127.0.0.2) */
  readonly host?: string;
  /** digest credentials the proxy must answer a 407 with; none: no challenge */
  readonly credentials?: { readonly username: string; readonly password: string; readonly realm: string };
  /** final status to answer an accepted INVITE with (default 486 Busy Here) */
  readonly finalStatus?: { readonly code: number; readonly reason: string };
}

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

export class SipCarrier {
  /** INVITEs received (challenged ones included) */
  readonly invites: CarrierInvite[] = [];
  private readonly socket: Socket;
  private readonly nonce = randomBytes(8).toString('hex');
  private readonly responses = new Map<string, string[]>();

  private constructor(
    socket: Socket,
    readonly host: string,
    readonly port: number,
    private readonly options: SipCarrierOptions,
  ) {
    this.socket = socket;
    socket.on('message', (msg, rinfo) => this.onMessage(msg.toString('utf8'), rinfo.address, rinfo.port));
  }

  static async start(options: SipCarrierOptions = {}): Promise<SipCarrier> {
    const host = options.host ?? '127.0.0.2';
    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, host, () => resolve());
    });
    return new SipCarrier(socket, host, socket.address().port, options);
  }

  /** Sends an INVITE for `did` from `from` to the proxy's UDP port; returns its Call-ID. */
  callIn(proxyPort: number, did: string, from: string): string {
    const callId = randomBytes(8).toString('hex');
    this.responses.set(callId, []);
    const invite =
      `INVITE sip:${did}@127.0.0.1:${proxyPort} SIP/2.0\r\n` +
      `Via: SIP/2.0/UDP ${this.host}:${this.port};branch=z9hG4bK${randomBytes(6).toString('hex')};rport\r\n` +
      `Max-Forwards: 70\r\n` +
      `From: <sip:${from}@${this.host}>;tag=${randomBytes(4).toString('hex')}\r\n` +
      `To: <sip:${did}@127.0.0.1>\r\n` +
      `Call-ID: ${callId}\r\nCSeq: 1 INVITE\r\n` +
      // what a carrier may claim: never believed by our proxy
      `P-Asserted-Identity: <sip:100@127.0.0.1>\r\n` +
      `Contact: <sip:carrier@${this.host}:${this.port}>\r\n` +
      `Content-Type: application/sdp\r\nContent-Length: ${Buffer.byteLength(SDP)}\r\n\r\n${SDP}`;
    this.socket.send(invite, proxyPort, '127.0.0.1');
    return callId;
  }

  /** Status lines received for the call `callId` so far (e.g. `SIP/2.0 404 Unknown Number`). */
  responsesOf(callId: string): readonly string[] {
    return this.responses.get(callId) ?? [];
  }

  close(): void {
    this.socket.close();
  }

  private onMessage(text: string, address: string, port: number): void {
    const [first = ''] = text.split('\r\n', 1);
    const header = (name: string): string | undefined => headerOf(text, name);
    if (first.startsWith('SIP/2.0 ')) {
      const callId = header('Call-ID') ?? '';
      this.responses.get(callId)?.push(first);
      const code = Number(first.split(' ')[1]);
      if (code >= 300 && /INVITE/.test(header('CSeq') ?? '')) this.ackNegative(text, address, port);
      return;
    }
    const [method = '', requestUri = ''] = first.split(' ');
    if (method === 'ACK') return;
    if (method !== 'INVITE') {
      this.reply(text, address, port, 200, 'OK');
      return;
    }
    const authenticated = this.checkAuth(header('Proxy-Authorization'), requestUri);
    this.invites.push({ text, requestUri, header, authenticated, at: performance.now() });
    const credentials = this.options.credentials;
    if (credentials !== undefined && !authenticated) {
      this.reply(text, address, port, 407, 'Proxy Authentication Required', [
        `Proxy-Authenticate: Digest realm="${credentials.realm}", nonce="${this.nonce}", algorithm=MD5`,
      ]);
      return;
    }
    this.reply(text, address, port, 100, 'Trying');
    const final = this.options.finalStatus ?? { code: 486, reason: 'Busy Here' };
    this.reply(text, address, port, final.code, final.reason);
  }

  private checkAuth(value: string | undefined, requestUri: string): boolean {
    const credentials = this.options.credentials;
    if (value === undefined || credentials === undefined) return false;
    const param = (name: string): string | undefined => new RegExp(`${name}="?([^",]*)"?`, 'i').exec(value)?.[1];
    if (param('username') !== credentials.username || param('nonce') !== this.nonce) return false;
    const ha1 = md5(`${credentials.username}:${credentials.realm}:${credentials.password}`);
    const ha2 = md5(`INVITE:${param('uri') ?? requestUri}`);
    const qop = param('qop');
    const expected =
      qop === undefined
        ? md5(`${ha1}:${this.nonce}:${ha2}`)
        : md5(`${ha1}:${this.nonce}:${param('nc') ?? ''}:${param('cnonce') ?? ''}:${qop}:${ha2}`);
    return param('response') === expected;
  }

  private reply(
    request: string,
    address: string,
    port: number,
    code: number,
    reason: string,
    extra: string[] = [],
  ): void {
    const copy = ['Via', 'From', 'Call-ID', 'CSeq']
      .flatMap((name) => allHeaders(request, name).map((v) => `${name}: ${v}`))
      .join('\r\n');
    const to = headerOf(request, 'To') ?? '';
    const toTag = code > 100 && !/;tag=/.test(to) ? `;tag=carrier${this.nonce.slice(0, 6)}` : '';
    const message =
      `SIP/2.0 ${code} ${reason}\r\n${copy}\r\nTo: ${to}${toTag}\r\n` +
      extra.map((line) => `${line}\r\n`).join('') +
      `Content-Length: 0\r\n\r\n`;
    this.socket.send(message, port, address);
  }

  private ackNegative(response: string, address: string, port: number): void {
    const [, requestUri = ''] = /^To:\s*<([^>]+)>/im.exec(response) ?? [];
    const cseq = (headerOf(response, 'CSeq') ?? '1').split(' ')[0];
    const via = allHeaders(response, 'Via')[0] ?? '';
    const ack =
      `ACK ${requestUri} SIP/2.0\r\nVia: ${via}\r\nMax-Forwards: 70\r\n` +
      `From: ${headerOf(response, 'From') ?? ''}\r\nTo: ${headerOf(response, 'To') ?? ''}\r\n` +
      `Call-ID: ${headerOf(response, 'Call-ID') ?? ''}\r\nCSeq: ${cseq} ACK\r\nContent-Length: 0\r\n\r\n`;
    this.socket.send(ack, port, address);
  }
}

function allHeaders(text: string, name: string): string[] {
  const head = text.split('\r\n\r\n', 1)[0] ?? '';
  return head
    .split('\r\n')
    .slice(1)
    .filter((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))
    .map((line) => line.slice(name.length + 1).trim());
}

function headerOf(text: string, name: string): string | undefined {
  return allHeaders(text, name)[0];
}
