import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { buildDigestAuthorization, parseDigestChallenge } from './sip-digest';

/** A parsed SIP message (RFC 3261 7) received over the WebSocket. */
export interface SipMessage {
  /** Response status code; undefined for requests. */
  readonly status: number | undefined;
  readonly reason: string | undefined;
  /** Request method; undefined for responses. */
  readonly method: string | undefined;
  readonly requestUri: string | undefined;
  /** Lower-case full header names -> values in order. */
  readonly headers: ReadonlyMap<string, readonly string[]>;
  readonly body: string;
  readonly raw: string;
}

/** Credentials for the digest retry after a 401/407. */
export interface SipCredentials {
  readonly username: string;
  readonly password: string;
}

/** One out-of-dialog request sent by {@link SipWsProbe.request}. */
export interface SipProbeRequest {
  readonly method: string;
  /** From user part (e.g. "100"). */
  readonly fromUser: string;
  /** From host; default the probe's domain (another one simulates a foreign caller). */
  readonly fromDomain?: string;
  /** Target user; Request-URI becomes sip:toUser@domain. Omit for REGISTER (sip:domain). */
  readonly toUser?: string;
  readonly body?: string;
  readonly contentType?: string;
  /** Extra raw header lines, e.g. "Expires: 600". */
  readonly extraHeaders?: readonly string[];
  /** Answer one 401/407 challenge with these credentials. */
  readonly credentials?: SipCredentials;
  /** Per attempt. Default 5 s. */
  readonly timeoutMs?: number;
  /** Call-ID to reuse (e.g. successive REGISTERs of one binding). */
  readonly callId?: string;
  /** Request-URI instead of sip:toUser@domain (e.g. a forged in-dialog target). */
  readonly requestUri?: string;
  /** To tag: makes it an in-dialog request (RFC 3261 §12.2). */
  readonly toTag?: string;
}

/** How {@link SipWsProbe.connect} opens its WebSocket. */
export interface SipProbeConnectOptions {
  /** local address to connect from (another loopback address plays another host) */
  readonly localAddress?: string;
  /** Origin header (what a browser page would send) */
  readonly origin?: string;
}

/** Decides the answer to a request Kamailio routes to this probe. */
export type SipRequestHandler = (request: SipMessage) => { status: number; reason: string };

// RFC 3261 7.3.3 compact header forms
const COMPACT: Record<string, string> = {
  v: 'via',
  f: 'from',
  t: 'to',
  i: 'call-id',
  m: 'contact',
  l: 'content-length',
  c: 'content-type',
  k: 'supported',
  e: 'content-encoding',
  s: 'subject',
};

/** Parses one SIP message (one WebSocket frame carries exactly one, RFC 7118 5.2). */
export function parseSipMessage(raw: string): SipMessage {
  const split = raw.indexOf('\r\n\r\n');
  const head = split >= 0 ? raw.slice(0, split) : raw;
  const body = split >= 0 ? raw.slice(split + 4) : '';
  const lines = head.split('\r\n');
  const startLine = lines.shift() ?? '';
  const headers = new Map<string, string[]>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const rawName = line.slice(0, colon).trim().toLowerCase();
    const name = COMPACT[rawName] ?? rawName;
    const values = headers.get(name) ?? [];
    values.push(line.slice(colon + 1).trim());
    headers.set(name, values);
  }
  const status = /^SIP\/2\.0 (\d{3}) ?(.*)$/.exec(startLine);
  if (status) {
    return {
      status: Number(status[1]),
      reason: status[2] ?? '',
      method: undefined,
      requestUri: undefined,
      headers,
      body,
      raw,
    };
  }
  const request = /^([A-Z]+) (\S+) SIP\/2\.0$/.exec(startLine);
  if (!request) throw new Error(`Not a SIP message: ${JSON.stringify(startLine)}`);
  return { status: undefined, reason: undefined, method: request[1], requestUri: request[2], headers, body, raw };
}

/** First value of a header (case-insensitive full name). */
export function sipHeader(message: SipMessage, name: string): string | undefined {
  return message.headers.get(name.toLowerCase())?.[0];
}

interface Pending {
  resolve(message: SipMessage): void;
}

/**
 * Minimal SIP-over-WebSocket user agent (RFC 7118) for tests and health checks:
 * sends out-of-dialog requests, answers one digest challenge (RFC 2617), and
 * auto-answers requests routed to it. Not a client implementation (that is sip.js).
 */
export class SipWsProbe {
  /** Random host used in Via/Contact, as sip.js does ("xxx.invalid"). */
  readonly viaHost = `${randomBytes(5).toString('hex')}.invalid`;
  readonly contactUser = randomBytes(4).toString('hex');
  /** Requests received (MESSAGE, INVITE, NOTIFY...) in arrival order. */
  readonly received: SipMessage[] = [];
  private readonly pending = new Map<string, Pending>();
  private cseq = 1;
  private handler: SipRequestHandler = (request) =>
    request.method === 'INVITE' ? { status: 486, reason: 'Busy Here' } : { status: 200, reason: 'OK' };

  private constructor(
    private readonly socket: WebSocket,
    /** SIP domain for From/To/Request-URI, e.g. "127.0.0.1". */
    readonly domain: string,
  ) {
    socket.on('message', (data: WebSocket.RawData) => this.onFrame(data.toString()));
  }

  /** Opens the WebSocket with subprotocol "sip" (self-signed certificates accepted). */
  static connect(
    url: string,
    domain: string,
    timeoutMs = 5_000,
    options: SipProbeConnectOptions = {},
  ): Promise<SipWsProbe> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, 'sip', {
        rejectUnauthorized: false,
        handshakeTimeout: timeoutMs,
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
        ...(options.origin ? { origin: options.origin } : {}),
      });
      socket.once('open', () => {
        socket.removeAllListeners('error');
        socket.on('error', () => undefined); // later errors show up as request timeouts
        resolve(new SipWsProbe(socket, domain));
      });
      socket.once('error', (error) => reject(new Error(`WebSocket ${url}: ${error.message}`)));
    });
  }

  /** Replaces the auto-answer policy for incoming requests. */
  onDidReceiveRequest(handler: SipRequestHandler): void {
    this.handler = handler;
  }

  /** REGISTER `user` (digest retry if password given). expires 0 = unregister. */
  register(user: string, password: string | undefined, expires = 600): Promise<SipMessage> {
    return this.request({
      method: 'REGISTER',
      fromUser: user,
      extraHeaders: [
        `Contact: <sip:${this.contactUser}@${this.viaHost};transport=ws>;expires=${expires}`,
        `Expires: ${expires}`,
      ],
      credentials: password === undefined ? undefined : { username: user, password },
      callId: `reg-${this.contactUser}-${user}`,
    });
  }

  /**
   * Sends a request and resolves with its final response (1xx skipped). If
   * credentials are given and the answer is 401/407, retries once with them.
   */
  async request(spec: SipProbeRequest): Promise<SipMessage> {
    const callId = spec.callId ?? `${randomBytes(8).toString('hex')}@${this.viaHost}`;
    const fromTag = randomBytes(5).toString('hex');
    const first = await this.sendOnce(spec, callId, fromTag, undefined);
    if ((first.status === 401 || first.status === 407) && spec.credentials) {
      const headerName = first.status === 401 ? 'www-authenticate' : 'proxy-authenticate';
      const challengeHeader = sipHeader(first, headerName);
      if (!challengeHeader) throw new Error(`${first.status} without ${headerName}`);
      const authorization = buildDigestAuthorization({
        username: spec.credentials.username,
        password: spec.credentials.password,
        method: spec.method,
        uri: this.requestUri(spec),
        challenge: parseDigestChallenge(challengeHeader),
      });
      const name = first.status === 401 ? 'Authorization' : 'Proxy-Authorization';
      return this.sendOnce(spec, callId, fromTag, `${name}: ${authorization}`);
    }
    return first;
  }

  /** Closes the WebSocket (Kamailio then drops the contact: usrloc handle_lost_tcp). */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.readyState === WebSocket.CLOSED) return resolve();
      const timer = setTimeout(() => {
        this.socket.terminate();
        resolve();
      }, 2_000);
      this.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.socket.close();
    });
  }

  private requestUri(spec: SipProbeRequest): string {
    if (spec.requestUri !== undefined) return spec.requestUri;
    return spec.toUser === undefined ? `sip:${this.domain}` : `sip:${spec.toUser}@${this.domain}`;
  }

  private sendOnce(
    spec: SipProbeRequest,
    callId: string,
    fromTag: string,
    authLine: string | undefined,
  ): Promise<SipMessage> {
    const branch = `z9hG4bK${randomBytes(8).toString('hex')}`;
    const uri = this.requestUri(spec);
    const toUri =
      spec.toUser === undefined ? `sip:${spec.fromUser}@${this.domain}` : `sip:${spec.toUser}@${this.domain}`;
    const body = spec.body ?? '';
    const lines = [
      `${spec.method} ${uri} SIP/2.0`,
      `Via: SIP/2.0/WS ${this.viaHost};branch=${branch}`,
      'Max-Forwards: 70',
      `From: <sip:${spec.fromUser}@${spec.fromDomain ?? this.domain}>;tag=${fromTag}`,
      `To: <${toUri}>${spec.toTag ? `;tag=${spec.toTag}` : ''}`,
      `Call-ID: ${callId}`,
      `CSeq: ${this.cseq++} ${spec.method}`,
      ...(spec.method === 'REGISTER' ? [] : [`Contact: <sip:${this.contactUser}@${this.viaHost};transport=ws;ob>`]),
      ...(spec.extraHeaders ?? []),
      ...(authLine ? [authLine] : []),
      ...(body ? [`Content-Type: ${spec.contentType ?? 'text/plain'}`] : []),
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ];
    const timeoutMs = spec.timeoutMs ?? 5_000;
    const cseqNumber = this.cseq - 1;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(branch);
        reject(new Error(`No final response to ${spec.method} ${uri} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(branch, {
        resolve: (message) => {
          clearTimeout(timer);
          // RFC 3261 17.1.1.3: the client transaction ACKs a non-2xx final response to INVITE
          if (spec.method === 'INVITE' && (message.status ?? 0) >= 300) {
            this.socket.send(
              [
                `ACK ${uri} SIP/2.0`,
                `Via: SIP/2.0/WS ${this.viaHost};branch=${branch}`,
                'Max-Forwards: 70',
                `From: <sip:${spec.fromUser}@${spec.fromDomain ?? this.domain}>;tag=${fromTag}`,
                `To: ${sipHeader(message, 'to') ?? `<${toUri}>`}`,
                `Call-ID: ${callId}`,
                `CSeq: ${cseqNumber} ACK`,
                'Content-Length: 0',
                '',
                '',
              ].join('\r\n'),
            );
          }
          resolve(message);
        },
      });
      this.socket.send(lines.join('\r\n'), (error) => {
        if (!error) return;
        clearTimeout(timer);
        this.pending.delete(branch);
        reject(new Error(`WebSocket send failed: ${error.message}`));
      });
    });
  }

  private onFrame(text: string): void {
    let message: SipMessage;
    try {
      message = parseSipMessage(text);
    } catch {
      return; // not SIP (e.g. a keepalive CRLF)
    }
    if (message.status !== undefined) {
      if (message.status < 200) return;
      const branch = /branch=([^;,\s]+)/.exec(sipHeader(message, 'via') ?? '')?.[1];
      const pending = branch === undefined ? undefined : this.pending.get(branch);
      if (branch !== undefined && pending) {
        this.pending.delete(branch);
        pending.resolve(message);
      }
      return;
    }
    this.received.push(message);
    if (message.method === 'ACK') return;
    const { status, reason } = this.handler(message);
    this.reply(message, status, reason);
  }

  private reply(request: SipMessage, status: number, reason: string): void {
    const to = sipHeader(request, 'to') ?? '';
    const lines = [
      `SIP/2.0 ${status} ${reason}`,
      ...(request.headers.get('via') ?? []).map((via) => `Via: ${via}`),
      ...(request.headers.get('record-route') ?? []).map((rr) => `Record-Route: ${rr}`),
      `From: ${sipHeader(request, 'from') ?? ''}`,
      `To: ${/;tag=/.test(to) ? to : `${to};tag=${randomBytes(5).toString('hex')}`}`,
      `Call-ID: ${sipHeader(request, 'call-id') ?? ''}`,
      `CSeq: ${sipHeader(request, 'cseq') ?? ''}`,
      'Content-Length: 0',
      '',
      '',
    ];
    this.socket.send(lines.join('\r\n'));
  }
}
