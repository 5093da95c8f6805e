/**
 * Builds the main window's `window.uc` ({@link UcApi}) over a minimal
 * `ipcRenderer` seam (preload.ts passes the real one; unit tests a fake).
 * The IPC event object never reaches the page: listeners get the payload only.
 *
 * Sandbox rule: the preload is one bundled file where only `electron` may be
 * required at run time, and stays small: the contract (zod) is imported as
 * types only; the channel names come from the contract at build time
 * (`__UC_CHANNELS__`, uc-channels-define.ts), so a channel or domain added to
 * the contract needs no edit here. Main checks every channel and payload
 * again: this only fails fast.
 */
import type {
  EventChannel,
  EventPayloads,
  InvokeChannel,
  InvokePayload,
  InvokeResult,
  IpcResult,
  UcApi,
  IPC_EVENT as IpcEventName,
  IPC_INVOKE as IpcInvokeName,
} from './contract/ipc-contract';

export const IPC_INVOKE: typeof IpcInvokeName = 'uc:invoke';
export const IPC_EVENT: typeof IpcEventName = 'uc:event';

/** Every channel of the contract (derived from it at build time: a new domain adds nothing here). */
const INVOKE_CHANNELS: ReadonlySet<string> = new Set(__UC_CHANNELS__.invoke);
const EVENT_CHANNELS: ReadonlySet<string> = new Set(__UC_CHANNELS__.events);

/** The part of Electron's ipcRenderer the API uses. */
export interface IpcRendererInvokeLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** See the file comment. */
export function createUcApi(ipc: IpcRendererInvokeLike): UcApi {
  return {
    invoke<C extends InvokeChannel>(channel: C, payload: InvokePayload<C>): Promise<IpcResult<InvokeResult<C>>> {
      // Main validates again (dispatchInvoke); this only fails fast on typos.
      if (typeof channel !== 'string' || !INVOKE_CHANNELS.has(channel)) {
        return Promise.resolve({
          ok: false,
          error: { code: 'unknown-channel', message: `unknown channel ${String(channel).slice(0, 64)}` },
        });
      }
      return ipc.invoke(IPC_INVOKE, channel, payload) as Promise<IpcResult<InvokeResult<C>>>;
    },

    on<E extends EventChannel>(channel: E, listener: (payload: EventPayloads[E]) => void): () => void {
      if (typeof channel !== 'string' || !EVENT_CHANNELS.has(channel))
        throw new Error(`unknown event channel ${String(channel).slice(0, 64)}`);
      if (typeof listener !== 'function') throw new Error('listener must be a function');
      const relay = (_event: unknown, eventChannel: unknown, payload: unknown): void => {
        if (eventChannel === channel) listener(payload as EventPayloads[E]);
      };
      ipc.on(IPC_EVENT, relay);
      return () => {
        ipc.removeListener(IPC_EVENT, relay);
      };
    },
  };
}
