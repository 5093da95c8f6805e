/**
 * The Content-Security-Policy of our pages, one definition for both ways they
 * are served: the desktop shell's `app://` protocol and the web shell's HTTP
 * server. Only `connect-src` differs (the web shell's page talks to its local
 * WebSocket). Sent as a header because only a header can say `frame-ancestors`.
 */
export function contentSecurityPolicy(connectSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    ["connect-src 'self'", ...connectSources].join(' '),
    "media-src 'self' blob: mediastream:",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
