/**
 * Static file serving helpers of the web shell: safe path resolution (no
 * traversal, no symlink escape), content types and the security headers
 * every response carries.
 */
import { realpath, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { contentSecurityPolicy } from '../core/platform/content-security-policy';

/** Shared with the Electron shell's app:// protocol (one table of content types). */
export { contentTypeOf } from '../core/platform/content-type-of';

/**
 * The page's Content-Security-Policy as a header: the renderer's meta CSP
 * (src-renderer/index.html) narrowed to this server's WebSocket, plus what
 * only a header can say (frame-ancestors).
 */
export function webShellContentSecurityPolicy(port: number): string {
  return contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]);
}

/** Headers sent with every HTTP response of the web shell. */
export function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': webShellContentSecurityPolicy(port),
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
