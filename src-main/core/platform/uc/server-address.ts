import { isCleartextToNetwork } from '../../../../src-preload/contract/platform/loopback-host';
import { UC_API_BASE_PATH, UC_API_DEFAULT_PORT } from '../../../../src-preload/contract/platform/uc-api-base';

/** Port of the UC server API when the user types a host without one (SPEC A1). */
export const DEFAULT_UC_PORT = UC_API_DEFAULT_PORT;

export type ServerAddress =
  | {
      ok: true;
      /** origin of the UC server, e.g. `https://127.0.0.1:8802` or `https://uc.example.com/uc` (no trailing slash) */
      origin: string;
      /** base URL of the HTTP API, e.g. `https://127.0.0.1:8802/api/v1` */
      apiUrl: string;
      /** base URL of the live-events WebSocket, e.g. `wss://127.0.0.1:8802/api/v1/events` */
      eventsUrl: string;
      /** host name (IPv6 without brackets) */
      host: string;
    }
  | {
      ok: false;
      message: string;
      /** `http://` to an address other than the loopback: refused, the password would travel in clear (issue 10) */
      cleartext?: true;
    };

/**
 * Reads the UC server as the user typed it on the login screen:
 * `host`, `host:port`, `[v6]:port` (`https://`, default port
 * {@link DEFAULT_UC_PORT}), or a full `https://` URL, optionally with a path
 * prefix when the server sits behind a reverse proxy. A URL without a port
 * uses its scheme's port (443): the user wrote a URL, we take it literally.
 * `http://` is refused (`cleartext`) unless the host is the loopback
 * (127.0.0.0/8, ::1, localhost: nothing leaves the machine). Certificates are
 * verified by the session's CertificateTrust (SPEC A1).
 */
export function parseServerAddress(input: string): ServerAddress {
  const text = input.trim();
  if (text === '') return { ok: false, message: 'the server address is empty' };
  if (/[\s\p{Cc}]/u.test(text))
    return { ok: false, message: 'the server address contains spaces or control characters' };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return fromUrl(text);
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:/[\]]+)(?::(\d{1,5}))?$/.exec(text);
  if (!m) return { ok: false, message: `"${text.slice(0, 64)}" is not host, host:port or an http(s):// URL` };
  const port = m[2] === undefined ? DEFAULT_UC_PORT : Number(m[2]);
  return fromUrl(`https://${m[1]}:${port}`);
}

function fromUrl(text: string): ServerAddress {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: `"${text.slice(0, 64)}" is not a valid URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: `unsupported scheme ${url.protocol} (use https://)` };
  }
  if (url.username || url.password) return { ok: false, message: 'the server address must not contain credentials' };
  if (url.search || url.hash) return { ok: false, message: 'the server address must not contain a query or fragment' };
  const rawPort = /^[a-z]+:\/\/(?:\[[^\]]*\]|[^/:]*):(\d+)/i.exec(text)?.[1];
  if (rawPort !== undefined && (Number(rawPort) < 1 || Number(rawPort) > 65535)) {
    return { ok: false, message: `port ${rawPort} is out of range (1-65535)` };
  }
  const host = url.hostname;
  const bare = host.startsWith('[') ? host.slice(1, -1) : host;
  if (!isHost(bare)) return { ok: false, message: `"${host.slice(0, 64)}" is not a valid host name` };
  if (isCleartextToNetwork(url)) {
    return {
      ok: false,
      cleartext: true,
      message: `http:// would send the password in clear text to ${host.slice(0, 64)}: use https:// (http:// is only allowed to 127.0.0.1, ::1 or localhost)`,
    };
  }
  // new URL() drops default ports; keep the rest as the user meant it.
  const path = url.pathname.replace(/\/+$/, '');
  const origin = `${url.protocol}//${host}${url.port ? `:${url.port}` : ''}${path}`;
  const apiUrl = `${origin}${UC_API_BASE_PATH}`;
  const eventsUrl = `${apiUrl.replace(/^http/, 'ws')}/events`;
  return { ok: true, origin, apiUrl, eventsUrl, host: bare };
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
