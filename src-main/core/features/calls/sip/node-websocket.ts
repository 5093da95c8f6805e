import { Web } from 'sip.js';
import { WebSocket as NodeWebSocket, type ClientOptions } from 'ws';
import { assertNotCleartext } from '../../../platform/tls/certificate-trust';

/** TLS options of the SIP WebSocket to a URL (the session's CertificateTrust, SPEC A1). */
export type WebSocketOptionsFn = (url: string) => ClientOptions;

/**
 * sip.js's WebSocket transport (RFC 7118) on the `ws` implementation with the
 * session's TLS trust: the certificate the user pinned for the host is
 * accepted for WSS like for the API, and cleartext `ws://` to the network is
 * refused before connecting (issue 10).
 *
 * sip.js constructs `new WebSocket(server, "sip")` from the global name,
 * synchronously inside `connect()`, with no way to pass options. So for that
 * one synchronous call the global is a `ws` subclass carrying our options,
 * and it is put back right after: nothing else runs in between, and other
 * engines (or Electron's own WebSocket) are not affected.
 */
export function secureTransport(
  webSocketOptions: WebSocketOptionsFn | undefined,
  trace: ((message: string) => void) | undefined,
): typeof Web.Transport {
  class SipWebSocket extends NodeWebSocket {
    constructor(url: string, protocols?: string | string[]) {
      assertNotCleartext(url);
      super(url, protocols, webSocketOptions?.(url) ?? {});
    }
  }
  return class SecureTransport extends Web.Transport {
    override connect(): Promise<void> {
      const g = globalThis as { WebSocket?: unknown };
      const previous = g.WebSocket;
      g.WebSocket = SipWebSocket;
      try {
        return super.connect();
      } finally {
        g.WebSocket = previous;
      }
    }

    override send(message: string): Promise<void> {
      trace?.(message);
      return super.send(message);
    }
  };
}
