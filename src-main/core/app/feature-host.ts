import type { CountersView, EventChannel, EventPayloads } from '../../../src-preload/contract/ipc-contract';
import type { Clock } from '../platform/clock';
import type { Feature, FeatureHost, Logger } from '../platform/feature';
import { BackendEvents } from '../platform/ipc/backend-event';

/** Every counter at zero: what the tray shows while nobody is logged in. */
const NO_COUNTERS: CountersView = { missedCalls: 0, unreadMessages: 0, newVoicemails: 0 };

/**
 * The {@link FeatureHost} the features of one AppCore share: the event bus
 * the shells listen to, the counters of every registered feature, and
 * whether the app is shutting down. Built first by the composition, so the
 * features can be constructed with it; AppCore registers them.
 */
export class AppFeatureHost implements FeatureHost {
  readonly events: BackendEvents;
  private features: readonly Feature[] = [];
  private isDisposed = false;

  constructor(
    readonly clock: Clock,
    readonly log: Logger,
  ) {
    this.events = new BackendEvents((level, message) => log(level, message));
  }

  get disposed(): boolean {
    return this.isDisposed;
  }

  emit<E extends EventChannel>(channel: E, payload: EventPayloads[E]): void {
    this.events.emit(channel, payload);
  }

  counters(): CountersView {
    const view = { ...NO_COUNTERS };
    for (const feature of this.features) Object.assign(view, feature.counters?.());
    return view;
  }

  countersChanged(): void {
    this.emit('counters.onDidChange', this.counters());
  }

  /** The features whose counters make up {@link counters} (AppCore's registry). */
  register(features: readonly Feature[]): void {
    this.features = features;
  }

  /** The app starts shutting down: features stop publishing what no one will show. */
  markDisposed(): void {
    this.isDisposed = true;
  }
}
