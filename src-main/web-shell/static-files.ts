/**
 * Static file serving helpers of the web shell: safe path resolution (no
 * traversal, no symlink escape), content types and the security headers
 * every response carries.
 */
import { realpath, stat } from 'node:fs/promises';
import * as path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wasm': 'application/wasm',
};

/** Content type for a file name (by extension); unknown → application/octet-stream. */
export function contentTypeOf(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The page's Content-Security-Policy as a header: the renderer's meta CSP
 * (src-renderer/index.html) narrowed to this server's WebSocket, plus what
 * only a header can say (frame-ancestors).
 */
export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "media-src 'self' blob: mediastream:",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers sent with every HTTP response of the web shell. */
export function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(port),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'microphone=(self), camera=(), geolocation=()',
    'Cache-Control': 'no-cache',
  };
}

export type StaticLookup =
  { kind: 'file'; filePath: string; size: number } | { kind: 'bad-request'; reason: string } | { kind: 'not-found' };

/**
 * Maps a request path (`/`, `/assets/x.js`, …) to a regular file inside
 * `root`. Rejects encoded traversal (`..`, `%2e%2e`, backslashes), NUL bytes
 * and symlinks that point outside `root`. `/` means `/index.html`.
 */
export async function resolveStaticFile(root: string, requestPath: string): Promise<StaticLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return { kind: 'bad-request', reason: 'malformed URL encoding' };
  }
  if (decoded.includes('\0')) return { kind: 'bad-request', reason: 'NUL byte in path' };
  if (decoded.includes('\\')) return { kind: 'bad-request', reason: 'backslash in path' };
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..')) return { kind: 'bad-request', reason: 'path traversal' };
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');

  const base = path.resolve(root);
  const candidate = path.resolve(base, relative);
  if (candidate !== base && !candidate.startsWith(base + path.sep)) {
    return { kind: 'bad-request', reason: 'path traversal' };
  }
  try {
    const [realBase, realFile] = await Promise.all([realpath(base), realpath(candidate)]);
    if (!realFile.startsWith(realBase + path.sep)) return { kind: 'not-found' };
    const info = await stat(realFile);
    if (!info.isFile()) return { kind: 'not-found' };
    return { kind: 'file', filePath: realFile, size: info.size };
  } catch {
    return { kind: 'not-found' };
  }
}
