/**
 * Builds the media window's `window.ucMedia` ({@link MediaHostChannel}) over
 * a minimal `ipcRenderer` seam (media-preload.ts passes the real one; unit
 * tests a fake). Requests arrive on IPC_MEDIA_REQUEST as
 * `{ id, method, params }`; the handler's outcome goes back on
 * IPC_MEDIA_RESPONSE as `{ id, ok, value?, error? }`; events go on
 * IPC_MEDIA_EVENT as `{ event, payload }`. Main validated the params before
 * sending and validates results and events it gets back.
 *
 * Requests that arrive before the page registered its handler are queued
 * (bounded); main times out anything left unanswered.
 *
 * Sandbox rule: contract imports are types only (see uc-api.ts).
 */
import type {
  MediaEventName,
  MediaEvents,
  MediaHostChannel,
  MediaMethod,
  IPC_MEDIA_EVENT as IpcMediaEventName,
  IPC_MEDIA_REQUEST as IpcMediaRequestName,
  IPC_MEDIA_RESPONSE as IpcMediaResponseName,
} from './contract/media-contract';
import { hasOwn } from './has-own';

export const IPC_MEDIA_REQUEST: typeof IpcMediaRequestName = 'uc-media:request';
export const IPC_MEDIA_RESPONSE: typeof IpcMediaResponseName = 'uc-media:response';
export const IPC_MEDIA_EVENT: typeof IpcMediaEventName = 'uc-media:event';

/** Every media method; a missing or extra name is a compile error. */
const MEDIA_METHODS: Record<MediaMethod, true> = {
  open: true,
  createOffer: true,
  createAnswer: true,
  setRemoteDescription: true,
  setMuted: true,
  sendDtmf: true,
  close: true,
  setRinging: true,
  listDevices: true,
  setDevices: true,
  setMix: true,
  probe: true,
};
const MEDIA_EVENTS: Record<MediaEventName, true> = { connectionState: true, firstAudio: true, devicesChanged: true };

/** Most requests kept while the page has not registered its handler yet. */
export const MAX_QUEUED_MEDIA_REQUESTS = 256;

/** The part of Electron's ipcRenderer the channel uses. */
export interface IpcRendererSendLike {
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

type Handler = (method: MediaMethod, params: unknown) => Promise<unknown>;
interface IncomingRequest {
  id: number;
  method: MediaMethod;
  params: unknown;
}

/** See the file comment. */
export function createMediaHostChannel(ipc: IpcRendererSendLike): MediaHostChannel {
  let handler: Handler | undefined;
  const queue: IncomingRequest[] = [];

  const respond = (id: number, outcome: { ok: true; value: unknown } | { ok: false; error: string }): void => {
    ipc.send(
      IPC_MEDIA_RESPONSE,
      outcome.ok ? { id, ok: true, value: outcome.value } : { id, ok: false, error: outcome.error.slice(0, 2000) },
    );
  };

  const run = (active: Handler, request: IncomingRequest): void => {
    let pending: Promise<unknown>;
    try {
      pending = Promise.resolve(active(request.method, request.params));
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (value) => respond(request.id, { ok: true, value }),
      (error: unknown) =>
        respond(request.id, { ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  };

  ipc.on(IPC_MEDIA_REQUEST, (_event, message) => {
    const m = (typeof message === 'object' && message !== null ? message : {}) as Partial<IncomingRequest>;
    if (typeof m.id !== 'number' || !hasOwn(MEDIA_METHODS, m.method)) return;
    const request: IncomingRequest = { id: m.id, method: m.method as MediaMethod, params: m.params };
    if (handler) run(handler, request);
    else if (queue.length < MAX_QUEUED_MEDIA_REQUESTS) queue.push(request);
    else respond(request.id, { ok: false, error: 'media page not ready' });
  });

  return {
    onRequest(next) {
      if (typeof next !== 'function') throw new Error('handler must be a function');
      handler = next;
      for (const request of queue.splice(0)) run(next, request);
    },
    emit<E extends MediaEventName>(event: E, payload: MediaEvents[E]): void {
      if (!hasOwn(MEDIA_EVENTS, event)) throw new Error(`unknown media event ${String(event).slice(0, 64)}`);
      ipc.send(IPC_MEDIA_EVENT, { event, payload });
    },
  };
}
