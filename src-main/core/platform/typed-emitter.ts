/** Removes a listener; calling it more than once is harmless. */
export type Unsubscribe = () => void;

/** A subscribable event: call it with a listener, get back the unsubscribe function. */
export type Event<T> = (listener: (value: T) => void) => Unsubscribe;

/**
 * A tiny single-event emitter, used for `onDid…`/`onWill…` events:
 *
 * ```ts
 * private readonly didChange = new TypedEmitter<Settings>();
 * readonly onDidChange = this.didChange.event;
 * // …
 * this.didChange.fire(settings);
 * ```
 *
 * A listener that throws does not prevent the others from running; the error
 * is reported through `onListenerError` (default: `console.error`) so one
 * faulty subscriber cannot break the emitting service.
 */
export class TypedEmitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  /** @param onListenerError called when a listener throws */
  constructor(private readonly onListenerError: (error: unknown) => void = (e) => console.error(e)) {}

  /** Subscribes a listener; returns the function that unsubscribes it. */
  readonly on: Event<T> = (listener) => {
    // Wrap so the same function can be subscribed twice and removed independently.
    const entry = (value: T): void => listener(value);
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  };

  /** Alias of {@link TypedEmitter.on}, handy to expose as `readonly onDidX = emitter.event`. */
  get event(): Event<T> {
    return this.on;
  }

  /** Calls every current listener with `value`, in subscription order. */
  fire(value: T): void {
    // Snapshot: listeners added/removed during dispatch take effect next time.
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  /** Number of current listeners (for tests and leak checks). */
  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Removes every listener. */
  dispose(): void {
    this.listeners.clear();
  }
}
