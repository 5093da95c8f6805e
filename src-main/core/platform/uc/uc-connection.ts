import { TypedEmitter, type Event } from '../typed-emitter';
import type { UcEventsClient } from './uc-events-client';
import type { UcHttpClient } from './uc-http-client';

export type UcConnectionState = 'online' | 'offline';

/**
 * Whether the UC server can be reached right now (SPEC A4), from two signals:
 * the live-events socket (open → online; waiting to reconnect → offline) and
 * every HTTP request (no reply → offline; a reply while the socket waits →
 * reconnect the socket at once instead of after its backoff).
 *
 * Starts `online`: it is created right after a successful login.
 */
export class UcConnection {
  private current: UcConnectionState = 'online';
  private readonly disposers: Array<() => void>;
  private readonly didChange = new TypedEmitter<UcConnectionState>();
  /** Fires when the state flips. */
  readonly onDidChange: Event<UcConnectionState> = this.didChange.event;

  constructor(client: Pick<UcHttpClient, 'onDidReach'>, events: UcEventsClient) {
    this.disposers = [
      events.onDidChangeState((s) => {
        if (s === 'open') this.set('online');
        else if (s === 'waiting') this.set('offline');
      }),
      client.onDidReach((reached) => {
        if (!reached) this.set('offline');
        else if (events.state === 'waiting') events.retryNow();
      }),
    ];
  }

  get state(): UcConnectionState {
    return this.current;
  }

  dispose(): void {
    for (const d of this.disposers) d();
    this.didChange.dispose();
  }

  private set(state: UcConnectionState): void {
    if (state === this.current) return;
    this.current = state;
    this.didChange.fire(state);
  }
}
