import { connect as netConnect, type Socket } from 'node:net';
import { checkServerIdentity, connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { Agent, fetch as undiciFetch } from 'undici';
import type { ClientOptions } from 'ws';
import { isCleartextToNetwork } from '../../../../src-preload/contract/platform/loopback-host';
import type { FetchFn } from '../uc/uc-http-client';

/** Why a server's certificate was refused (SPEC A1). */
export type CertificateProblem =
  /** not signed by a CA this machine trusts (self-signed, private CA) or not for this host; the user may pin it */
  | 'untrusted'
  /** not the certificate the user pinned for this host: refused (a replaced certificate or an attack) */
  | 'changed';

/** A certificate the user pinned for a host: its SHA-256 fingerprint (`AB:CD:…`). */
export interface CertificatePin {
  readonly host: string;
  readonly fingerprint: string;
}

/**
 * A TLS connection refused before any byte of the request was sent: the
 * certificate and why. The session turns it into the trust question (or the
 * "certificate changed" refusal) of the login screen.
 */
export class CertificateTrustError extends Error {
  constructor(
    readonly problem: CertificateProblem,
    readonly host: string,
    readonly port: number,
    /** SHA-256 fingerprint of the certificate the server presented */
    readonly fingerprint: string,
    /** OpenSSL's verdict (e.g. DEPTH_ZERO_SELF_SIGNED_CERT) or the host-name mismatch */
    readonly reason: string,
    /** `changed`: the fingerprint the user pinned */
    readonly pinned?: string,
  ) {
    super(
      problem === 'changed'
        ? `the certificate of ${host}:${port} is not the one trusted for it (SHA-256 ${fingerprint})`
        : `the certificate of ${host}:${port} is not trusted (${reason}; SHA-256 ${fingerprint})`,
    );
    this.name = 'CertificateTrustError';
  }
}

/** Thrown before connecting at all: `http://` or `ws://` to an address that is not this machine's loopback. */
export class CleartextRefusedError extends Error {
  constructor(readonly url: string) {
    super(
      `cleartext connection refused (${url.split('?')[0]}): use https:// or wss://; http:// and ws:// only reach 127.0.0.1, ::1 or localhost`,
    );
    this.name = 'CleartextRefusedError';
  }
}

/** Throws {@link CleartextRefusedError} for cleartext to anything but the loopback (issue 10). */
export function assertNotCleartext(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return; // not a URL: the caller's own parser reports it
  }
  if (isCleartextToNetwork(parsed)) throw new CleartextRefusedError(url);
}

/**
 * The TLS trust of one UC session (SPEC A1, issue 10), used by every
 * connection of the session — the API (fetch), the live-events socket and the
 * SIP WebSocket:
 *
 * 1. a certificate that verifies against this machine's CAs and names the
 *    host is accepted (Node's default verification, unchanged);
 * 2. otherwise, on the pinned host, the certificate whose SHA-256 fingerprint
 *    the user accepted is accepted (whatever its issuer and names: the user
 *    trusted that very certificate) and any other one is refused as `changed`;
 * 3. anything else is refused as `untrusted`, with its fingerprint, for the
 *    login screen to ask once.
 *
 * The check runs when the TLS handshake completes and before the socket is
 * handed to HTTP or WebSocket, so nothing (no password, no token) is sent to
 * a server that fails it. Cleartext (`http:`, `ws:`) is refused before
 * connecting unless the host is the loopback.
 */
export class CertificateTrust {
  private agent: Agent | undefined;

  constructor(private readonly pin: CertificatePin | undefined) {}

  /**
   * Connects to `options.host:port` with TLS and calls back with the socket
   * once it passed the checks above, or with a {@link CertificateTrustError}.
   */
  connectTls(options: ConnectionOptions, callback: (err: Error | null, socket?: TLSSocket) => void): void {
    const host = stripBrackets(options.host ?? 'localhost');
    const port = Number(options.port ?? 443);
    const servername = options.servername || serverNameOf(host);
    // only these options: the HTTP/WebSocket request options that come along (path, headers…) are not TLS ones
    // (`path` would even make net.connect open a Unix socket). We decide after the handshake (below).
    const socket = tlsConnect({
      host,
      port,
      ...(servername ? { servername } : {}),
      ...(options.ALPNProtocols ? { ALPNProtocols: options.ALPNProtocols } : {}),
      rejectUnauthorized: false,
    });
    let done = false;
    const finish = (err: Error | null): void => {
      if (done) return;
      done = true;
      socket.removeListener('error', onError);
      if (err) {
        socket.destroy();
        callback(err);
      } else {
        callback(null, socket);
      }
    };
    const onError = (err: Error): void => finish(err);
    socket.once('error', onError);
    socket.once('secureConnect', () => finish(this.check(socket, host, port) ?? null));
  }

  /** The verdict on a connected socket (undefined = trusted). */
  check(socket: TLSSocket, host: string, port: number): CertificateTrustError | undefined {
    const cert = socket.getPeerCertificate();
    const fingerprint = cert.fingerprint256;
    let reason = String(socket.authorizationError ?? '');
    if (socket.authorized) {
      const mismatch = checkServerIdentity(host, cert);
      if (!mismatch) return undefined;
      reason = mismatch.message;
    }
    if (this.pin && sameHost(this.pin.host, host)) {
      if (fingerprint === this.pin.fingerprint) return undefined;
      return new CertificateTrustError('changed', host, port, fingerprint, reason, this.pin.fingerprint);
    }
    return new CertificateTrustError('untrusted', host, port, fingerprint, reason);
  }

  /** A fetch for the UC API that applies this trust (and refuses cleartext to the network). */
  readonly fetch: FetchFn = async (input, init) => {
    assertNotCleartext(input);
    this.agent ??= new Agent({
      connect: (options, callback) => {
        const host = options.hostname;
        const port = Number(options.port || (options.protocol === 'https:' ? 443 : 80));
        if (options.protocol !== 'https:') {
          // loopback only (checked above): plain TCP
          const socket: Socket = netConnect({ host, port });
          socket.once('connect', () => callback(null, socket));
          socket.once('error', (err) => callback(err, null));
          return;
        }
        this.connectTls(
          {
            host,
            port,
            ...(options.servername ? { servername: options.servername } : {}),
            ALPNProtocols: ['http/1.1'],
          },
          (err, socket) => (err ? callback(err, null) : callback(null, socket!)),
        );
      },
    });
    // undici's own fetch: its Response is the WHATWG one the client reads
    return (await undiciFetch(input, {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher: this.agent,
    })) as unknown as Response;
  };

  /**
   * Options for a `ws` WebSocket to `url` applying this trust (the events
   * socket, the SIP transport). Throws {@link CleartextRefusedError} for
   * `ws://` to the network.
   */
  webSocketOptions(url: string): ClientOptions {
    assertNotCleartext(url);
    if (!url.startsWith('wss:')) return {};
    return {
      // Node's http client waits for the callback before writing the upgrade request
      createConnection: ((options: ConnectionOptions, callback: (err: Error | null, socket?: TLSSocket) => void) => {
        this.connectTls(options, callback);
        return undefined;
      }) as unknown as ClientOptions['createConnection'],
    };
  }

  /** Closes the pooled API connections. */
  async dispose(): Promise<void> {
    const agent = this.agent;
    this.agent = undefined;
    await agent?.close();
  }
}

/** The SHA-256 fingerprint form of this module (`AB:CD:…`, as Node and `openssl x509 -fingerprint -sha256` print it). */
export function normalizeFingerprint(text: string): string | undefined {
  const hex = text.replace(/[\s:]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) return undefined;
  return hex.match(/../g)!.join(':');
}

function stripBrackets(host: string): string {
  return host.startsWith('[') ? host.slice(1, -1) : host;
}

/** SNI is for names only (RFC 6066 §3: no IP literals). */
function serverNameOf(host: string): string {
  const h = stripBrackets(host);
  return /^[\d.]+$/.test(h) || h.includes(':') ? '' : h;
}

function sameHost(a: string, b: string): boolean {
  return stripBrackets(a).toLowerCase() === stripBrackets(b).toLowerCase();
}
