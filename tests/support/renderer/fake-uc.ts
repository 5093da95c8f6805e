/**
 * A scriptable in-memory UcApi for renderer unit tests: records invokes,
 * answers from per-channel handlers, and lets the test emit events.
 */
import {
  DEFAULT_SETTINGS,
  type EventChannel,
  type EventPayloads,
  type InvokeChannel,
  type InvokePayload,
  type InvokeResult,
  type IpcResult,
  type Settings,
  type UcApi,
} from '../../../src-preload/contract/ipc-contract';

type Handler<C extends InvokeChannel> = (
  payload: InvokePayload<C>,
) => IpcResult<InvokeResult<C>> | Promise<IpcResult<InvokeResult<C>>>;

export class FakeUc implements UcApi {
  readonly calls: Array<{ channel: InvokeChannel; payload: unknown }> = [];
  private readonly handlers = new Map<
    InvokeChannel,
    (payload: unknown) => IpcResult<unknown> | Promise<IpcResult<unknown>>
  >();
  private readonly listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();

  handle<C extends InvokeChannel>(channel: C, handler: Handler<C>): this {
    this.handlers.set(channel, handler as (payload: unknown) => IpcResult<unknown> | Promise<IpcResult<unknown>>);
    return this;
  }

  async invoke<C extends InvokeChannel>(channel: C, payload: InvokePayload<C>): Promise<IpcResult<InvokeResult<C>>> {
    this.calls.push({ channel, payload });
    const handler = this.handlers.get(channel);
    if (!handler) return { ok: false, error: { code: 'unknown-channel', message: channel } };
    return (await handler(payload)) as IpcResult<InvokeResult<C>>;
  }

  on<E extends EventChannel>(channel: E, listener: (payload: EventPayloads[E]) => void): () => void {
    const set = this.listeners.get(channel) ?? new Set();
    this.listeners.set(channel, set);
    set.add(listener as (payload: unknown) => void);
    return () => set.delete(listener as (payload: unknown) => void);
  }

  emit<E extends EventChannel>(channel: E, payload: EventPayloads[E]): void {
    for (const listener of this.listeners.get(channel) ?? []) listener(payload);
  }

  listenerCount(channel: EventChannel): number {
    return this.listeners.get(channel)?.size ?? 0;
  }

  invoked(channel: InvokeChannel): unknown[] {
    return this.calls.filter((c) => c.channel === channel).map((c) => c.payload);
  }
}

/** A promise the test resolves by hand (e.g. a slow engine answer). */
export function deferred<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Settings as the engine returns them, with overrides. */
export function settingsOf(partial: Partial<Settings> = {}): Settings {
  return {
    ...DEFAULT_SETTINGS,
    ...partial,
  };
}

/** Lets pending promise callbacks run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
