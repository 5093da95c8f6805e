import type { z } from 'zod';
import type {
  InvokeChannel,
  InvokeResult,
  InvokeResults,
  invokeSchemas,
} from '../../../../src-preload/contract/ipc-contract';
import type { BackendEventListener } from './backend-event';

/** Validated payload type of an invoke channel (after zod parsing). */
export type ValidPayload<C extends InvokeChannel> = z.output<(typeof invokeSchemas)[C]>;

/** The handler of one invoke channel. */
export type Handler<C extends InvokeChannel> = (
  payload: ValidPayload<C>,
) => Promise<InvokeResults[C]> | InvokeResults[C];

/** A handler for every invoke channel of the contract. */
export type Handlers = { [C in InvokeChannel]: Handler<C> };

export type { BackendEvent, BackendEventListener } from './backend-event';

/**
 * What a shell (Electron or web) needs from the core: handle an already
 * validated invoke, and publish events. Handlers throw {@link UcError} for
 * expected failures.
 */
export interface UcBackend {
  invoke<C extends InvokeChannel>(channel: C, payload: ValidPayload<C>): Promise<InvokeResult<C>>;
  onEvent(listener: BackendEventListener): () => void;
}
