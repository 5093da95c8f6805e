/**
 * The `app://` protocol the packaged windows load their pages from, instead of
 * `file://` (https://www.electronjs.org/docs/latest/tutorial/security#18-avoid-usage-of-the-file-protocol-and-prefer-usage-of-custom-protocols):
 * a `file://` page may read any file the user can, and its origin is shared
 * with every other local file; `app://switchboard/` is one origin that serves
 * the built renderer folder and nothing else. With the
 * `grantFileProtocolExtraPrivileges` fuse off (electron-builder.yml) file://
 * loses its Electron extras too.
 *
 * Electron-free: {@link resolveAppRequest} maps a request URL to a file of the
 * renderer folder or a refusal, and {@link createAppProtocolHandler} turns that
 * into a `Response` read with Node's fs (not `net.fetch('file://…')`, which
 * the session's request filter refuses). desktop-shell.ts registers the scheme
 * and calls `protocol.handle`.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { contentTypeOf } from '../core/platform/content-type-of';
import { contentSecurityPolicy } from '../core/platform/content-security-policy';

export const APP_SCHEME = 'app';
/** The one host: `app://switchboard/index.html`. */
export const APP_HOST = 'switchboard';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * `protocol.registerSchemesAsPrivileged` entry: standard (real origin, relative
 * URLs, `'self'` in the CSP), secure (like https: getUserMedia, no mixed
 * content), fetch and streaming (audio) allowed; no `bypassCSP`, no `corsEnabled`
 * for other origins.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
} as const;

/**
 * Sent with every page (on top of the `<meta>` CSP of the HTML): the packaged
 * renderer talks to the engine over IPC only, so it needs no `ws:` at all.
 */
export const APP_CONTENT_SECURITY_POLICY = contentSecurityPolicy();

export type AppRequestResolution =
  { kind: 'file'; filePath: string } | { kind: 'refused'; status: 400 | 403 | 404; reason: string };

/**
 * Maps `app://switchboard/<path>` to `<rendererDir>/<path>` (`/` → index.html).
 * Refuses another scheme or host, credentials or a port, encoded slashes or
 * backslashes, NUL, and any `..` segment (also percent-encoded) — before any
 * file is touched, so nothing outside the folder can be named.
 */
export function resolveAppRequest(url: string, rendererDir: string): AppRequestResolution {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'refused', status: 400, reason: 'not a URL' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.hostname !== APP_HOST) {
    return { kind: 'refused', status: 403, reason: 'another origin' };
  }
  if (parsed.port !== '' || parsed.username !== '' || parsed.password !== '') {
    return { kind: 'refused', status: 403, reason: 'port or credentials' };
  }
  // The raw path, before URL normalisation hides a "/../" that came encoded.
  const raw = parsed.pathname;
  if (/%2f|%5c|%00/i.test(raw) || raw.includes('\\')) {
    return { kind: 'refused', status: 400, reason: 'encoded separator or NUL' };
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { kind: 'refused', status: 400, reason: 'bad percent-encoding' };
  }
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s === '.') || decoded.includes('\0')) {
    return { kind: 'refused', status: 400, reason: 'dot segment' };
  }
  const root = path.resolve(rendererDir);
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const filePath = path.resolve(root, relative);
  if (!filePath.startsWith(root + path.sep)) {
    return { kind: 'refused', status: 403, reason: 'outside the renderer folder' };
  }
  return { kind: 'file', filePath };
}

export interface AppProtocolHandlerOptions {
  rendererDir: string;
  log?: (message: string) => void;
}

/** The `protocol.handle(APP_SCHEME, …)` handler. */
export function createAppProtocolHandler(
  options: AppProtocolHandlerOptions,
): (request: { url: string }) => Promise<Response> {
  const log = options.log ?? ((message: string) => console.warn(message));
  const refuse = (status: number, reason: string, url: string): Response => {
    log(`[shell] app:// refused (${reason}): ${url.slice(0, 200)}`);
    return new Response(null, { status, headers: { 'Content-Security-Policy': APP_CONTENT_SECURITY_POLICY } });
  };
  return async (request) => {
    const found = resolveAppRequest(request.url, options.rendererDir);
    if (found.kind === 'refused') return refuse(found.status, found.reason, request.url);
    let body: Buffer;
    try {
      // symlinks resolved: a link in the folder must not lead out of it
      const [real, realRoot] = await Promise.all([fs.realpath(found.filePath), fs.realpath(options.rendererDir)]);
      if (!real.startsWith(realRoot + path.sep)) return refuse(403, 'link outside the renderer folder', request.url);
      body = await fs.readFile(real);
    } catch {
      return refuse(404, 'not found', request.url);
    }
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': contentTypeOf(found.filePath),
        'Content-Security-Policy': APP_CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  };
}
