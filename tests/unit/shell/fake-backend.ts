import type {
  EventChannel,
  EventPayloads,
  InvokeChannel,
  InvokeResult,
} from '../../../src-preload/contract/ipc-contract';
import { backendEvent } from '../../../src-main/core/platform/ipc/backend-event';
import type { BackendEventListener, UcBackend, ValidPayload } from '../../../src-main/core/platform/ipc/uc-backend';

type Handlers = { [C in InvokeChannel]?: (payload: ValidPayload<C>) => InvokeResult<C> | Promise<InvokeResult<C>> };

/**
 * A UcBackend for shell tests: records every invoke it receives, answers from
 * `handlers` (missing handler → throws), and lets the test emit events.
 */
export class FakeBackend implements UcBackend {
  readonly calls: Array<{ channel: InvokeChannel; payload: unknown }> = [];
  readonly listeners = new Set<BackendEventListener>();
  disposed = 0;

  constructor(private readonly handlers: Handlers = {}) {}

  async invoke<C extends InvokeChannel>(channel: C, payload: ValidPayload<C>): Promise<InvokeResult<C>> {
    this.calls.push({ channel, payload });
    const handler = this.handlers[channel] as ((p: ValidPayload<C>) => InvokeResult<C>) | undefined;
    if (!handler) throw new Error(`no fake handler for ${channel}`);
    return handler(payload);
  }

  onEvent(listener: BackendEventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit<E extends EventChannel>(channel: E, payload: EventPayloads[E]): void {
    for (const listener of [...this.listeners]) listener(backendEvent(channel, payload));
  }

  async dispose(): Promise<void> {
    this.disposed++;
  }
}
