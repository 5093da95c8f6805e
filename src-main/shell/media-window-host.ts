/**
 * {@link MediaHost} backed by the hidden media window (media.html +
 * media-preload.ts): requests go out on IPC_MEDIA_REQUEST as
 * `{ id, method, params }`, answers come back on IPC_MEDIA_RESPONSE, events on
 * IPC_MEDIA_EVENT as `{ event, payload }`. Only messages from the media
 * window's top frame showing media.html are accepted.
 *
 * Requests wait for the media page to have loaded (`whenReady`); the 15 s
 * timeout runs from the call, so a page that never loads fails the call.
 */
import {
  IPC_MEDIA_EVENT,
  IPC_MEDIA_REQUEST,
  IPC_MEDIA_RESPONSE,
  type MediaEventName,
  type MediaEvents,
  type MediaHost,
  type MediaMethod,
  type MediaParams,
  type MediaResults,
} from '../../src-preload/contract/media-contract';
import type { Clock } from '../core/platform/clock';
import { isTrustedSender, type IpcEventLike, type SendTargetLike } from './ipc-bridge';
import { MediaRequestBroker, type MediaDropReason } from '../core/platform/media/media-request-broker';

/** The part of Electron's ipcMain the host uses; the real ipcMain fits it. */
export interface IpcMainOnLike {
  on(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): unknown;
}

export interface MediaWindowHostOptions {
  ipcMain: IpcMainOnLike;
  /** the media window's WebContents */
  mediaContents: SendTargetLike;
  /** True when `url` is our media.html. */
  isMediaUrl: (url: string) => boolean;
  /** Resolves once media.html has loaded (did-finish-load). */
  whenReady: Promise<void>;
  clock?: Clock;
  timeoutMs?: number;
  onDrop?: (reason: MediaDropReason | 'forbidden-sender', detail: string) => void;
}

/** See the file comment. */
export class MediaWindowHost implements MediaHost {
  private readonly broker: MediaRequestBroker<SendTargetLike>;
  private readonly onResponse: (event: IpcEventLike, ...args: unknown[]) => void;
  private readonly onMediaEvent: (event: IpcEventLike, ...args: unknown[]) => void;

  constructor(private readonly options: MediaWindowHostOptions) {
    const onDrop = options.onDrop ?? ((reason, detail) => console.warn(`[media] dropped (${reason}): ${detail}`));
    this.broker = new MediaRequestBroker<SendTargetLike>({
      send: async (request) => {
        await options.whenReady;
        const target = options.mediaContents;
        if (target.isDestroyed()) throw new Error('media window is gone');
        target.send(IPC_MEDIA_REQUEST, request);
        return target;
      },
      clock: options.clock,
      timeoutMs: options.timeoutMs,
      onDrop,
    });
    const trusted = (event: IpcEventLike): boolean => {
      if (isTrustedSender(event, options.mediaContents, options.isMediaUrl)) return true;
      onDrop('forbidden-sender', `media message from ${event.senderFrame?.url.slice(0, 200) ?? 'a destroyed frame'}`);
      return false;
    };
    this.onResponse = (event, response) => {
      if (trusted(event)) this.broker.handleResponse(options.mediaContents, response);
    };
    this.onMediaEvent = (event, message) => {
      if (!trusted(event)) return;
      const m = (typeof message === 'object' && message !== null ? message : {}) as {
        event?: unknown;
        payload?: unknown;
      };
      this.broker.handleEvent(m.event, m.payload);
    };
    options.ipcMain.on(IPC_MEDIA_RESPONSE, this.onResponse);
    options.ipcMain.on(IPC_MEDIA_EVENT, this.onMediaEvent);
  }

  /** Number of requests waiting for the media window. */
  get pendingCount(): number {
    return this.broker.pendingCount;
  }

  request<M extends MediaMethod>(method: M, params: MediaParams<M>): Promise<MediaResults[M]> {
    return this.broker.request(method, params);
  }

  onEvent<E extends MediaEventName>(event: E, listener: (payload: MediaEvents[E]) => void): () => void {
    return this.broker.onEvent(event, listener);
  }

  /** The media renderer crashed or reloaded: fail what it was doing. */
  failPending(reason: string): void {
    this.broker.failTarget(this.options.mediaContents, reason);
  }

  /** Removes the IPC listeners and rejects everything pending. */
  dispose(): void {
    this.options.ipcMain.removeListener(IPC_MEDIA_RESPONSE, this.onResponse);
    this.options.ipcMain.removeListener(IPC_MEDIA_EVENT, this.onMediaEvent);
    this.broker.dispose('media window host disposed');
  }
}
