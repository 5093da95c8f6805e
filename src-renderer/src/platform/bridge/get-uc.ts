/**
 * Picks the renderer's transport to the engine: Electron's preload API when
 * present, otherwise the web shell's WebSocket (whose page also becomes the
 * media host).
 */
import type { UcApi } from '../../../../src-preload/contract/ipc-contract';
import type { MediaHostChannel } from '../../../../src-preload/contract/media-contract';
import { takeWebShellKey, webShellProtocols } from './web-shell-key';
import { createWebSocketUc, WEB_SHELL_PATH } from './web-socket-uc';

export interface Bridge {
  uc: UcApi;
  kind: 'electron' | 'web';
  /** present in the web shell: the page is the media host */
  media?: MediaHostChannel;
  /** whether the transport to the engine is up (always true for Electron IPC) */
  isConnected(): boolean;
  onDidChangeConnection(listener: (connected: boolean) => void): () => void;
}

let bridge: Bridge | null = null;

/** The one bridge of this page (created on first use). */
export function getBridge(): Bridge {
  if (bridge) return bridge;
  if (window.uc) {
    bridge = {
      uc: window.uc,
      kind: 'electron',
      isConnected: () => true,
      onDidChangeConnection: () => () => {},
    };
  } else {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    // first: it removes `k=` from the fragment, leaving `#popup` for the popup page
    const key = takeWebShellKey({ location, history, sessionStorage: window.sessionStorage });
    // the call-popup page (#popup) only shows calls: the main page stays the media host
    const mediaHost = !isPopupPage();
    const ws = createWebSocketUc({
      url: `${scheme}://${location.host}${WEB_SHELL_PATH}`,
      protocols: webShellProtocols(key),
      mediaHost,
    });
    bridge = {
      uc: ws,
      kind: 'web',
      ...(mediaHost ? { media: ws.media } : {}),
      isConnected: () => ws.connected,
      onDidChangeConnection: (listener) => ws.onDidChangeConnection(listener),
    };
  }
  return bridge;
}

/** Shorthand for `getBridge().uc`. */
export function getUc(): UcApi {
  return getBridge().uc;
}

/** The compact call-popup window (SPEC F2): the Electron shell loads index.html#popup. */
export function isPopupPage(): boolean {
  return location.hash === '#popup';
}
