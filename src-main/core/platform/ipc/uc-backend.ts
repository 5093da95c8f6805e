import type { z } from 'zod';
import type {
  EventChannel,
  EventPayloads,
  InvokeChannel,
  InvokeResult,
  invokeSchemas,
} from '../../../../src-preload/contract/ipc-contract';

/** Validated payload type of an invoke channel (after zod parsing). */
export type ValidPayload<C extends InvokeChannel> = z.output<(typeof invokeSchemas)[C]>;

export type EventListener = <E extends EventChannel>(channel: E, payload: EventPayloads[E]) => void;

/**
 * What a shell (Electron or web) needs from the core: handle an already
 * validated invoke, and publish events. Handlers throw {@link UcError} for
 * expected failures.
 */
export interface UcBackend {
  invoke<C extends InvokeChannel>(channel: C, payload: ValidPayload<C>): Promise<InvokeResult<C>>;
  onEvent(listener: EventListener): () => void;
}
