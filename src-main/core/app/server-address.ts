/** Port of the SIP WebSocket listener when the user types a host without one. */
export const DEFAULT_WS_PORT = 8080;

export type ServerAddress =
  | {
      ok: true;
      /** WebSocket URL of the SIP proxy (RFC 7118) */
      wsUrl: string;
      /** SIP domain = the server host (IPv6 without brackets) */
      domain: string;
    }
  | { ok: false; message: string };

/**
 * Reads the server as the user typed it on the login screen:
 * `host`, `host:port`, `[v6]:port`, or a full `ws://` / `wss://` URL (path
 * allowed). A bare host or host:port means plain `ws://`. The SIP domain of
 * the account is the host.
 */
export function parseServerAddress(input: string): ServerAddress {
  const text = input.trim();
  if (text === '') return { ok: false, message: 'the server address is empty' };
  if (/[\s\p{Cc}]/u.test(text))
    return { ok: false, message: 'the server address contains spaces or control characters' };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return fromUrl(text);
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:/[\]]+)(?::(\d{1,5}))?$/.exec(text);
  if (!m) return { ok: false, message: `"${text.slice(0, 64)}" is not host:port or a ws:// URL` };
  const port = m[2] === undefined ? DEFAULT_WS_PORT : Number(m[2]);
  return fromUrl(`ws://${m[1]}:${port}`);
}

function fromUrl(text: string): ServerAddress {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: `"${text.slice(0, 64)}" is not a valid URL` };
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    return { ok: false, message: `unsupported scheme ${url.protocol} (use ws:// or wss://)` };
  }
  if (url.username || url.password) return { ok: false, message: 'the server address must not contain credentials' };
  if (url.search || url.hash) return { ok: false, message: 'the server address must not contain a query or fragment' };
  const host = url.hostname;
  const bare = host.startsWith('[') ? host.slice(1, -1) : host;
  if (!isHost(bare)) return { ok: false, message: `"${host.slice(0, 64)}" is not a valid host name` };
  // new URL() drops default ports; keep the URL as the user meant it otherwise.
  const wsUrl = `${url.protocol}//${host}${url.port ? `:${url.port}` : ''}${url.pathname === '/' ? '' : url.pathname}`;
  return { ok: true, wsUrl, domain: bare };
}

function isHost(host: string): boolean {
  if (host.includes(':')) return /^[0-9a-f:.]+$/i.test(host); // IPv6, already checked by URL
  if (host.length === 0 || host.length > 253) return false;
  const labels = host.split('.');
  if (labels.every((l) => /^\d+$/.test(l))) {
    return labels.length === 4 && labels.every((l) => Number(l) <= 255);
  }
  return labels.every((l) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(l));
}
