/**
 * Builds the main window's `window.uc` ({@link UcApi}) over a minimal
 * `ipcRenderer` seam (preload.ts passes the real one; unit tests a fake).
 * The IPC event object never reaches the page: listeners get the payload only.
 *
 * Sandbox rule: this file is bundled into the preload, where only `electron`
 * may be required at run time. The contract modules import zod, so they are
 * imported *as types only*; the constants below are pinned to the contract's
 * literal types, so a drift is a compile error rather than a silent mismatch.
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

/** Every invoke channel; `Record<InvokeChannel, true>` makes a missing or extra name a compile error. */
const INVOKE_CHANNELS: Record<InvokeChannel, true> = {
  'session.login': true,
  'session.logout': true,
  'session.getState': true,
  'calls.dial': true,
  'calls.answer': true,
  'calls.reject': true,
  'calls.hangup': true,
  'calls.setHold': true,
  'calls.setMuted': true,
  'calls.sendDtmf': true,
  'calls.transfer': true,
  'calls.deflectToVoicemail': true,
  'calls.openTransfer': true,
  'calls.transferToCall': true,
  'calls.list': true,
  'journal.list': true,
  'dial.getRecent': true,
  'settings.get': true,
  'settings.update': true,
  'session.changePassword': true,
  'directory.search': true,
  'directory.get': true,
  'directory.getPhoto': true,
  'contacts.create': true,
  'contacts.update': true,
  'contacts.delete': true,
  'contacts.import': true,
  'sync.getState': true,
  'links.open': true,
  'links.confirm': true,
  'links.getPending': true,
  'hotkey.getStatus': true,
  'headsets.getStatus': true,
  'window.command': true,
  'counters.get': true,
  'counters.markSeen': true,
  'popup.getState': true,
  'audio.listDevices': true,
  'messages.listConversations': true,
  'messages.history': true,
  'messages.send': true,
  'messages.markRead': true,
  'presence.get': true,
  'presence.set': true,
  'voicemail.list': true,
  'voicemail.getAudio': true,
  'voicemail.setListened': true,
  'voicemail.delete': true,
};

/** Every event channel, same trick. */
const EVENT_CHANNELS: Record<EventChannel, true> = {
  'session.onDidChangeState': true,
  'calls.onDidChange': true,
  'journal.onDidChange': true,
  'settings.onDidChange': true,
  'sync.onDidChange': true,
  'directory.onDidChange': true,
  'links.onDidRequestDial': true,
  'links.onDidRefuse': true,
  'hotkey.onDidChangeStatus': true,
  'hotkey.onDidHandlePress': true,
  'headsets.onDidChange': true,
  'notifications.onDidActivate': true,
  'counters.onDidChange': true,
  'popup.onDidChange': true,
  'audio.onDidChangeDevices': true,
  'messages.onDidChange': true,
  'calls.onDidRequestTransfer': true,
  'presence.onDidChange': true,
  'voicemail.onDidChange': true,
};

/** The part of Electron's ipcRenderer the API uses. */
export interface IpcRendererInvokeLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function hasOwn(table: object, key: unknown): boolean {
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(table, key);
}

/** See the file comment. */
export function createUcApi(ipc: IpcRendererInvokeLike): UcApi {
  return {
    invoke<C extends InvokeChannel>(channel: C, payload: InvokePayload<C>): Promise<IpcResult<InvokeResult<C>>> {
      // Main validates again (dispatchInvoke); this only fails fast on typos.
      if (!hasOwn(INVOKE_CHANNELS, channel)) {
        return Promise.resolve({
          ok: false,
          error: { code: 'unknown-channel', message: `unknown channel ${String(channel).slice(0, 64)}` },
        });
      }
      return ipc.invoke(IPC_INVOKE, channel, payload) as Promise<IpcResult<InvokeResult<C>>>;
    },

    on<E extends EventChannel>(channel: E, listener: (payload: EventPayloads[E]) => void): () => void {
      if (!hasOwn(EVENT_CHANNELS, channel)) throw new Error(`unknown event channel ${String(channel).slice(0, 64)}`);
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
