/**
 * The web shell's per-launch key, as the page sees it: the shell prints
 * `http://127.0.0.1:PORT/#k=<key>`; the page takes the key from the fragment
 * (which never reaches the server), keeps it in sessionStorage so a reload of
 * this tab still connects, and removes it from the address bar (so it does not
 * end up in a screenshot, a bookmark or the history). The socket then offers
 * it as a subprotocol (see `WEB_SHELL_KEY_PROTOCOL_PREFIX` in web-protocol.ts).
 */

import {
  WEB_SHELL_KEY_FRAGMENT_PARAM,
  WEB_SHELL_KEY_PROTOCOL_PREFIX,
  WEB_SHELL_PROTOCOL,
} from '../../../../src-preload/contract/web-shell-constants';

// the contract's names (web-shell-constants.ts, zod-free), as this module's too
export { WEB_SHELL_KEY_FRAGMENT_PARAM, WEB_SHELL_KEY_PROTOCOL_PREFIX, WEB_SHELL_PROTOCOL };

const STORAGE_ITEM = 'switchboard.webShellKey';

/** What the page needs from `window` (lets tests inject fakes). */
export interface KeySources {
  location: { hash: string; pathname: string; search: string };
  history: { replaceState(data: unknown, unused: string, url: string): void };
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

/** The key of this launch, or null when the page was opened without it. */
export function takeWebShellKey(sources: KeySources): string | null {
  const { location } = sources;
  const parts = location.hash.replace(/^#/, '').split('&');
  const prefix = `${WEB_SHELL_KEY_FRAGMENT_PARAM}=`;
  const fromHash = parts.find((p) => p.startsWith(prefix))?.slice(prefix.length);
  if (fromHash) {
    try {
      sources.sessionStorage.setItem(STORAGE_ITEM, fromHash);
    } catch {
      // storage disabled: the key still works until the next reload
    }
    const rest = parts.filter((p) => p !== '' && !p.startsWith(prefix)).join('&');
    sources.history.replaceState(null, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
    return fromHash;
  }
  try {
    return sources.sessionStorage.getItem(STORAGE_ITEM);
  } catch {
    return null;
  }
}

/** The subprotocols to offer on the upgrade (none without a key: the shell will refuse it). */
export function webShellProtocols(key: string | null): string[] {
  return key ? [WEB_SHELL_PROTOCOL, `${WEB_SHELL_KEY_PROTOCOL_PREFIX}${key}`] : [WEB_SHELL_PROTOCOL];
}
