/**
 * Protocol hardening for the app's session: the windows talk to the engine
 * over IPC only, so the only network-ish loads they may make are their own
 * pages (`app://switchboard/…`, which app-protocol.ts serves from the built
 * renderer folder only), `data:`/`blob:` URLs, DevTools, and in
 * development the electron-vite dev server (HTTP + its HMR WebSocket).
 * Everything else (remote http(s)/ws, any `file://`) is cancelled by
 * session.webRequest.onBeforeRequest. WebRTC media does not go through
 * webRequest and is unaffected.
 */
import { APP_HOST, APP_SCHEME } from './app-protocol';

export interface RequestFilterOptions {
  /** dev server URL (ELECTRON_RENDERER_URL) in development */
  devServerUrl?: string;
}

/** Returns the predicate `url => allowed`. */
export function createRequestFilter(options: RequestFilterOptions): (url: string) => boolean {
  let devHosts: { http: string; ws: string } | undefined;
  if (options.devServerUrl) {
    const dev = new URL(options.devServerUrl);
    devHosts = { http: dev.origin, ws: `${dev.protocol === 'https:' ? 'wss:' : 'ws:'}//${dev.host}` };
  }
  return (url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    switch (parsed.protocol) {
      case 'data:':
      case 'blob:':
      case 'devtools:':
        return true;
      case `${APP_SCHEME}:`:
        // the protocol handler keeps it inside the renderer folder
        return parsed.host === APP_HOST;
      case 'http:':
      case 'https:':
        return devHosts !== undefined && parsed.origin === devHosts.http;
      case 'ws:':
      case 'wss:':
        return devHosts !== undefined && `${parsed.protocol}//${parsed.host}` === devHosts.ws;
      default:
        return false;
    }
  };
}
