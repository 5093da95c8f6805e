/**
 * Connects the main window's `window.uc` (preload.ts) to the backend:
 * `ipcMain.handle(IPC_INVOKE)` checks who is calling, then hands the raw
 * channel and payload to {@link dispatchInvoke}, which validates them; backend
 * events go to the main window on IPC_EVENT as `(channel, payload)`.
 *
 * Sender check (Electron security checklist #17,
 * https://www.electronjs.org/docs/latest/tutorial/security#17-validate-the-sender-of-all-ipc-messages):
 * the message must come from the main window's WebContents (or the call
 * popup window's, which shows the same index.html with `#popup`), from its top
 * frame, showing our own index.html. Anything else gets `forbidden-sender`.
 * Events go to both windows.
 */
import { IPC_EVENT, IPC_INVOKE, type IpcResult } from '../../src-preload/contract/ipc-contract';
import { dispatchInvoke } from '../core/platform/ipc/dispatch-invoke';
import type { UcBackend } from '../core/platform/ipc/uc-backend';

/** The frame an IPC message came from (Electron's WebFrameMain, narrowed). */
export interface SenderFrameLike {
  readonly url: string;
  /** null/undefined for a top-level frame */
  readonly parent?: unknown;
}

/** Electron's IpcMainInvokeEvent / IpcMainEvent, narrowed. */
export interface IpcEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: SenderFrameLike | null;
}

/** A WebContents we send to (narrowed). */
export interface SendTargetLike {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/** The part of Electron's ipcMain the bridge uses; the real ipcMain fits it. */
export interface IpcMainHandleLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcBridgeOptions {
  ipcMain: IpcMainHandleLike;
  backend: UcBackend;
  /** The main window's WebContents, or undefined while it does not exist. */
  mainContents: () => SendTargetLike | undefined;
  /** The call popup window's WebContents (same page, same API), or undefined. */
  popupContents?: () => SendTargetLike | undefined;
  /** True when `url` is our index.html (see AppPages.isPage). */
  isIndexUrl: (url: string) => boolean;
  log?: (message: string) => void;
}

/**
 * True when `event` comes from the top frame of `expected` showing a page
 * that `isExpectedUrl` accepts.
 */
export function isTrustedSender(
  event: IpcEventLike,
  expected: { readonly id: number } | undefined,
  isExpectedUrl: (url: string) => boolean,
): boolean {
  if (!expected) return false;
  if (event.sender.id !== expected.id) return false;
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame.parent !== null && frame.parent !== undefined) return false;
  return isExpectedUrl(frame.url);
}

/** Installs the invoke handler and the event forwarding; returns the uninstaller. */
export function installIpcBridge(options: IpcBridgeOptions): () => void {
  const log = options.log ?? ((message: string) => console.warn(message));

  options.ipcMain.handle(IPC_INVOKE, async (event, channel, payload): Promise<IpcResult<unknown>> => {
    const trusted =
      isTrustedSender(event, options.mainContents(), options.isIndexUrl) ||
      isTrustedSender(event, options.popupContents?.(), options.isIndexUrl);
    if (!trusted) {
      log(`[shell] refused ${IPC_INVOKE} from ${event.senderFrame?.url.slice(0, 200) ?? 'a destroyed frame'}`);
      return { ok: false, error: { code: 'forbidden-sender', message: 'this page may not use the UC API' } };
    }
    return dispatchInvoke(options.backend, channel, payload);
  });

  const unsubscribe = options.backend.onEvent(({ channel, payload }) => {
    for (const target of [options.mainContents(), options.popupContents?.()]) {
      if (target && !target.isDestroyed()) target.send(IPC_EVENT, channel, payload);
    }
  });

  return () => {
    unsubscribe();
    options.ipcMain.removeHandler(IPC_INVOKE);
  };
}
