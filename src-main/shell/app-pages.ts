/**
 * Knows where the app's own pages live (`app://switchboard/…`, served from the
 * built renderer folder by app-protocol.ts, or the electron-vite dev server)
 * and answers "is this URL our index/media page?". Used for loading the
 * windows, the IPC sender check and navigation denial (a window may only
 * navigate to its own page).
 */
import { APP_ORIGIN } from './app-protocol';

export type AppPage = 'index' | 'media';

const PAGE_FILES: Record<AppPage, string> = { index: 'index.html', media: 'media.html' };

export type AppPagesSource =
  /** built renderer folder (out/renderer), served as app://switchboard/ (app-protocol.ts) */
  | { kind: 'app' }
  /** electron-vite dev server (ELECTRON_RENDERER_URL), http://localhost:port */
  | { kind: 'dev'; baseUrl: string };

/** See the file comment. */
export class AppPages {
  private readonly urls: Record<AppPage, URL>;

  constructor(source: AppPagesSource) {
    if (source.kind === 'app') {
      this.urls = {
        index: new URL(PAGE_FILES.index, `${APP_ORIGIN}/`),
        media: new URL(PAGE_FILES.media, `${APP_ORIGIN}/`),
      };
    } else {
      const base = new URL(source.baseUrl);
      if (base.protocol !== 'http:' && base.protocol !== 'https:') {
        throw new Error(`dev renderer URL must be http(s): ${source.baseUrl}`);
      }
      this.urls = {
        index: new URL(PAGE_FILES.index, base.origin + '/'),
        media: new URL(PAGE_FILES.media, base.origin + '/'),
      };
    }
  }

  /** The URL to load for a page. */
  urlOf(page: AppPage): string {
    return this.urls[page].href;
  }

  /**
   * True when `url` is exactly that page (same scheme, host, port and path);
   * query and fragment are ignored (the renderer may use hash routes).
   */
  isPage(url: string, page: AppPage): boolean {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    const expected = this.urls[page];
    if (parsed.protocol !== expected.protocol) return false;
    // Node's URL gives a non-special scheme the origin "null": compare scheme, host and port.
    const sameOrigin = parsed.host === expected.host && parsed.username === '' && parsed.password === '';
    // The dev server serves index.html at "/" too.
    return sameOrigin && (parsed.pathname === expected.pathname || (page === 'index' && parsed.pathname === '/'));
  }
}
