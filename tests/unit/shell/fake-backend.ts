import type {
  EventChannel,
  EventPayloads,
  InvokeChannel,
  InvokeResult,
} from '../../../src-preload/contract/ipc-contract';
import type { EventListener, UcBackend, ValidPayload } from '../../../src-main/core/platform/ipc/uc-backend';

type Handlers = { [C in InvokeChannel]?: (payload: ValidPayload<C>) => InvokeResult<C> | Promise<InvokeResult<C>> };

/**
 * A UcBackend for shell tests: records every invoke it receives, answers from
 * `handlers` (missing handler → throws), and lets the test emit events.
 */
export class FakeBackend implements UcBackend {
  readonly calls: Array<{ channel: InvokeChannel; payload: unknown }> = [];
  readonly listeners = new Set<EventListener>();
  disposed = 0;

  constructor(private readonly handlers: Handlers = {}) {}

  async invoke<C extends InvokeChannel>(channel: C, payload: ValidPayload<C>): Promise<InvokeResult<C>> {
    this.calls.push({ channel, payload });
    const handler = this.handlers[channel] as ((p: ValidPayload<C>) => InvokeResult<C>) | undefined;
    if (!handler) throw new Error(`no fake handler for ${channel}`);
    return handler(payload);
  }

  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit<E extends EventChannel>(channel: E, payload: EventPayloads[E]): void {
    for (const listener of [...this.listeners]) listener(channel, payload);
  }

  async dispose(): Promise<void> {
    this.disposed++;
  }
}
