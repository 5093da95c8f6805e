import type {
  MediaEventName,
  MediaEvents,
  MediaHost,
  MediaMethod,
  MediaParams,
  MediaResults,
} from '../../src-preload/contract/media-contract';

/**
 * A media host for engine tests: records every request, answers it from
 * `results` (undefined otherwise), can be "disconnected" (requests then fail
 * like the web shell's with no page), and lets the test fire media events.
 */
export class FakeMediaHost implements MediaHost {
  /** false: every request fails with "no media host connected" */
  connected = true;
  readonly requests: Array<{ method: MediaMethod; params: unknown }> = [];
  private readonly listeners = new Map<MediaEventName, Set<(payload: never) => void>>();

  /** what each method answers; a test may change it */
  constructor(readonly results: { [M in MediaMethod]?: MediaResults[M] } = {}) {}

  async request<M extends MediaMethod>(method: M, params: MediaParams<M>): Promise<MediaResults[M]> {
    if (!this.connected) throw new Error('no media host connected');
    this.requests.push({ method, params });
    return this.results[method] as MediaResults[M];
  }

  onEvent<E extends MediaEventName>(event: E, listener: (payload: MediaEvents[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  fire<E extends MediaEventName>(event: E, payload: MediaEvents[E]): void {
    for (const l of this.listeners.get(event) ?? []) (l as (p: MediaEvents[E]) => void)(payload);
  }

  /** The params of every setDevices request, in order. */
  setDevices(): unknown[] {
    return this.requests.filter((r) => r.method === 'setDevices').map((r) => r.params);
  }
}
