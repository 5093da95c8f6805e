/**
 * {@link MediaHost} of the web shell: the browser page is the media host.
 *
 * One media host at a time: the first authenticated page that says `hello`
 * with `mediaHost: true` gets the role; a later claim is refused while it is
 * connected (so a second page cannot take the microphone and the calls away
 * from the owner's page) and waits in line as a standby. When the media page
 * leaves, its pending requests fail and the oldest standby takes over (this is
 * also what makes a reload work: the new page's claim may arrive before the old
 * socket's close).
 *
 * Requests go as `media-request` frames to the media page only; only that page
 * may answer (`media-response`, matched by id) and only it may report
 * `media-event`s. With no media page, requests fail at once with "no media
 * host connected".
 */
import type {
  MediaEventName,
  MediaEvents,
  MediaHost,
  MediaMethod,
  MediaParams,
  MediaResults,
} from '../../src-preload/contract/media-contract';
import type { Clock } from '../core/platform/clock';
import { MediaRequestBroker, type MediaDropReason } from '../core/platform/media/media-request-broker';

/** What the host needs from a page connection. */
export interface MediaPage {
  /** Sends a `media-request` frame to the page. */
  sendMediaRequest(request: { id: number; method: MediaMethod; params: unknown }): void;
}

export interface WebMediaHostOptions {
  clock?: Clock;
  timeoutMs?: number;
  onDrop?: (reason: MediaDropReason | 'not-a-media-host', detail: string) => void;
}

/** Outcome of a page's `hello`, for the log. */
export type MediaClaim = 'granted' | 'refused' | 'none';

/** See the file comment. */
export class WebMediaHost implements MediaHost {
  /** pages that claimed the role, first claim first; `pages[0]` is the media host, the rest wait */
  private readonly pages: MediaPage[] = [];
  private readonly broker: MediaRequestBroker<MediaPage>;
  private readonly onDrop: (reason: MediaDropReason | 'not-a-media-host', detail: string) => void;

  constructor(options: WebMediaHostOptions = {}) {
    this.onDrop =
      options.onDrop ?? ((reason, detail) => console.warn(`[web-shell] media dropped (${reason}): ${detail}`));
    this.broker = new MediaRequestBroker<MediaPage>({
      send: (request) => {
        const page = this.pages[0];
        if (!page) throw new Error('no media host connected');
        page.sendMediaRequest(request);
        return page;
      },
      clock: options.clock,
      timeoutMs: options.timeoutMs,
      onDrop: this.onDrop,
    });
  }

  /** Number of connected pages that claimed the role (the media host and its standbys). */
  get mediaPageCount(): number {
    return this.pages.length;
  }

  /** Whether `page` is the current media host. */
  isMediaHost(page: MediaPage): boolean {
    return this.pages[0] === page;
  }

  /** Number of requests waiting for a page. */
  get pendingCount(): number {
    return this.broker.pendingCount;
  }

  request<M extends MediaMethod>(method: M, params: MediaParams<M>): Promise<MediaResults[M]> {
    return this.broker.request(method, params);
  }

  onEvent<E extends MediaEventName>(event: E, listener: (payload: MediaEvents[E]) => void): () => void {
    return this.broker.onEvent(event, listener);
  }

  /**
   * A page said hello. `mediaHost: true` makes it the media host if there is
   * none, otherwise the claim is refused and the page waits as a standby;
   * `false` gives the role (or the place in line) up.
   */
  pageDidSayHello(page: MediaPage, mediaHost: boolean): MediaClaim {
    if (!mediaHost) {
      this.pageDidClose(page);
      return 'none';
    }
    if (!this.pages.includes(page)) this.pages.push(page);
    return this.pages[0] === page ? 'granted' : 'refused';
  }

  /** A page disconnected: it stops being a media host (the next standby takes over) and its pending requests fail. */
  pageDidClose(page: MediaPage): void {
    const wasHost = this.pages[0] === page;
    if (!this.remove(page) || !wasHost) return;
    this.broker.failTarget(page, 'media host disconnected');
    // A standby takes over: its own `devicesChanged` (sent when it started) was
    // dropped while it waited, so say it now and the engine applies the device
    // choice to the new host.
    if (this.pages.length > 0) this.broker.handleEvent('devicesChanged', {});
  }

  /** A `media-response` frame from `page` (already shape-checked by the server). */
  handleResponse(page: MediaPage, response: { id: number; ok: boolean; value?: unknown; error?: string }): void {
    this.broker.handleResponse(page, response);
  }

  /** A `media-event` frame from `page`. */
  handleEvent(page: MediaPage, event: string, payload: unknown): void {
    if (this.pages[0] !== page) {
      this.onDrop('not-a-media-host', `media event ${event.slice(0, 64)} from a page that is not a media host`);
      return;
    }
    this.broker.handleEvent(event, payload);
  }

  /** Rejects everything pending and forgets the pages. */
  dispose(): void {
    this.pages.length = 0;
    this.broker.dispose('web shell closed');
  }

  private remove(page: MediaPage): boolean {
    const index = this.pages.indexOf(page);
    if (index === -1) return false;
    this.pages.splice(index, 1);
    return true;
  }
}
