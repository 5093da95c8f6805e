/**
 * {@link MediaHost} of the web shell: the browser page is the media host.
 * Requests go as `media-request` frames to the most recent page that said
 * `hello` with `mediaHost: true` and is still connected; only that page may
 * answer (`media-response`, matched by id) and only media-host pages may
 * report `media-event`s. With no such page, requests fail at once with
 * "no media host connected"; a page that disconnects fails what it had.
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

/** See the file comment. */
export class WebMediaHost implements MediaHost {
  /** media-host pages, oldest first; the last one gets the requests */
  private readonly pages: MediaPage[] = [];
  private readonly broker: MediaRequestBroker<MediaPage>;
  private readonly onDrop: (reason: MediaDropReason | 'not-a-media-host', detail: string) => void;

  constructor(options: WebMediaHostOptions = {}) {
    this.onDrop =
      options.onDrop ?? ((reason, detail) => console.warn(`[web-shell] media dropped (${reason}): ${detail}`));
    this.broker = new MediaRequestBroker<MediaPage>({
      send: (request) => {
        const page = this.pages.at(-1);
        if (!page) throw new Error('no media host connected');
        page.sendMediaRequest(request);
        return page;
      },
      clock: options.clock,
      timeoutMs: options.timeoutMs,
      onDrop: this.onDrop,
    });
  }

  /** Number of connected media-host pages. */
  get mediaPageCount(): number {
    return this.pages.length;
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

  /** A page said hello; `mediaHost: true` makes it the current media host. */
  pageDidSayHello(page: MediaPage, mediaHost: boolean): void {
    this.remove(page);
    if (mediaHost) this.pages.push(page);
  }

  /** A page disconnected: it stops being a media host and its pending requests fail. */
  pageDidClose(page: MediaPage): void {
    if (this.remove(page)) this.broker.failTarget(page, 'media host disconnected');
  }

  /** A `media-response` frame from `page` (already shape-checked by the server). */
  handleResponse(page: MediaPage, response: { id: number; ok: boolean; value?: unknown; error?: string }): void {
    this.broker.handleResponse(page, response);
  }

  /** A `media-event` frame from `page`. */
  handleEvent(page: MediaPage, event: string, payload: unknown): void {
    if (!this.pages.includes(page)) {
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
