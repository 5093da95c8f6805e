/**
 * Protocol hardening for the app's session: the windows talk to the engine
 * over IPC only, so the only network-ish loads they may make are their own
 * files (the built renderer folder), `data:`/`blob:` URLs, DevTools, and in
 * development the electron-vite dev server (HTTP + its HMR WebSocket).
 * Everything else (remote http(s)/ws, other local files) is cancelled by
 * session.webRequest.onBeforeRequest. WebRTC media does not go through
 * webRequest and is unaffected.
 */
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';

export interface RequestFilterOptions {
  /** built renderer folder; file:// loads must stay inside it */
  rendererDir: string;
  /** dev server URL (ELECTRON_RENDERER_URL) in development */
  devServerUrl?: string;
}

/** Returns the predicate `url => allowed`. */
export function createRequestFilter(options: RequestFilterOptions): (url: string) => boolean {
  const rendererPrefix = pathToFileURL(path.resolve(options.rendererDir) + path.sep).href;
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
      case 'file:':
        // URL parsing already normalised "..", so a prefix test is enough.
        return parsed.href.startsWith(rendererPrefix);
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
