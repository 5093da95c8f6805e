import type { EventChannel, EventPayloads } from '../../../../src-preload/contract/ipc-contract';
import type { Unsubscribe } from '../typed-emitter';

/**
 * One event of the contract as a discriminated union: checking `channel`
 * narrows `payload`, so the shells forward or read events without casts.
 * Derived from the contract's `EventPayloads`: a new event channel is a new
 * member here with no edit.
 */
export type BackendEvent = { [C in EventChannel]: { channel: C; payload: EventPayloads[C] } }[EventChannel];

/** Receives every event the backend publishes. */
export type BackendEventListener = (event: BackendEvent) => void;

/**
 * Builds a {@link BackendEvent} from a channel and its payload. The one place
 * the generic pair becomes the union (TypeScript cannot see that a generic
 * `{ channel: E; payload: EventPayloads[E] }` is a member of it).
 */
export function backendEvent<E extends EventChannel>(channel: E, payload: EventPayloads[E]): BackendEvent {
  return { channel, payload } as BackendEvent;
}

/**
 * The backend's event listeners: `emit` calls each in subscription order; a
 * listener that throws is logged and does not stop the others.
 */
export class BackendEvents {
  private readonly listeners = new Set<BackendEventListener>();

  constructor(private readonly log: (level: 'error', message: string) => void = () => undefined) {}

  emit<E extends EventChannel>(channel: E, payload: EventPayloads[E]): void {
    const event = backendEvent(channel, payload);
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (err) {
        this.log('error', `event listener failed on ${channel}: ${String(err)}`);
      }
    }
  }

  on(listener: BackendEventListener): Unsubscribe {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  clear(): void {
    this.listeners.clear();
  }
}
