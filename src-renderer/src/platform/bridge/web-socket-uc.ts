/**
 * The web shell's `UcApi`: the same invoke/event contract as Electron IPC,
 * carried as JSON frames over one WebSocket (see `web-protocol.ts`), plus the
 * page side of the media-host protocol on the same socket.
 *
 * The socket reconnects by itself with bounded exponential backoff and says
 * `hello` again on every connection. Invokes issued while disconnected wait
 * (bounded) for the next connection; invokes in flight when the socket drops
 * resolve with an `internal` error, since the shell may or may not have run them.
 *
 * Note: in the web shell the page itself is the media host, so calls do not
 * survive a page reload (the peer connections live in the page).
 */
import type {
  EventChannel,
  EventPayloads,
  InvokeChannel,
  InvokePayload,
  InvokeResult,
  IpcResult,
  UcApi,
} from '../../../../src-preload/contract/ipc-contract';
import type {
  MediaEventName,
  MediaEvents,
  MediaHostChannel,
  MediaMethod,
} from '../../../../src-preload/contract/media-contract';
import type { PageFrame, ShellFrame } from '../../../../src-preload/contract/web-protocol';
import { assertNever } from '../../../../src-preload/contract/platform';

/** The web shell's WebSocket path: the contract's (web-shell-constants.ts, zod-free). */
export { WEB_SHELL_WS_PATH as WEB_SHELL_PATH } from '../../../../src-preload/contract/web-shell-constants';

/** The subset of the DOM WebSocket this client needs (lets tests inject a fake). */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  send(data: string): void;
  close(): void;
}

export type SocketFactory = (url: string, protocols: string[]) => SocketLike;

export interface WebSocketUcOptions {
  url: string;
  /** subprotocols offered on every upgrade (the web shell's key, see web-shell-key.ts) */
  protocols?: string[];
  createSocket?: SocketFactory;
  /** first reconnect delay (ms); doubles up to {@link maxBackoffMs} */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** how long an invoke waits for a connection before failing (ms) */
  connectWaitMs?: number;
  /** how long an invoke waits for its result once sent (ms) */
  invokeTimeoutMs?: number;
  /** say `mediaHost: true` in the hello (default); the #popup page is not a media host */
  mediaHost?: boolean;
}

export interface WebSocketUc extends UcApi {
  /** the page side of the media protocol, on the same socket */
  readonly media: MediaHostChannel;
  readonly connected: boolean;
  /** fires with `true` on every (re)connection and `false` when the socket drops */
  onDidChangeConnection(listener: (connected: boolean) => void): () => void;
  dispose(): void;
}

const OPEN = 1;

type MediaHandler = (method: MediaMethod, params: unknown) => Promise<unknown>;

interface Pending {
  resolve: (result: IpcResult<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
}

function failure(message: string): IpcResult<never> {
  return { ok: false, error: { code: 'internal', message } };
}

export function isShellFrame(value: unknown): value is ShellFrame {
  if (typeof value !== 'object' || value === null) return false;
  const frame = value as Record<string, unknown>;
  switch (frame.t) {
    case 'result':
      return typeof frame.id === 'number';
    case 'event':
      return typeof frame.channel === 'string';
    case 'media-request':
      return typeof frame.id === 'number' && typeof frame.method === 'string';
    default:
      return false;
  }
}

/** Creates the WebSocket-backed `UcApi` and connects immediately. */
export function createWebSocketUc(options: WebSocketUcOptions): WebSocketUc {
  const createSocket: SocketFactory =
    options.createSocket ?? ((url, protocols) => new WebSocket(url, protocols) as unknown as SocketLike);
  const minBackoff = options.minBackoffMs ?? 250;
  const maxBackoff = options.maxBackoffMs ?? 5_000;
  const connectWaitMs = options.connectWaitMs ?? 10_000;
  const invokeTimeoutMs = options.invokeTimeoutMs ?? 30_000;

  let socket: SocketLike | null = null;
  let connected = false;
  let disposed = false;
  let backoff = minBackoff;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  /** sends waiting for the socket to open */
  const waiting = new Set<{ send: () => void; fail: () => void; timer: ReturnType<typeof setTimeout> }>();
  let mediaHandler: MediaHandler | null = null;
  /** media requests that arrived before the host registered its handler */
  const queuedMedia: Array<{ id: number; method: string; params: unknown }> = [];

  function send(frame: PageFrame): boolean {
    if (!socket || socket.readyState !== OPEN) return false;
    socket.send(JSON.stringify(frame));
    return true;
  }

  function setConnected(value: boolean): void {
    if (connected === value) return;
    connected = value;
    for (const listener of [...connectionListeners]) listener(value);
  }

  function connect(): void {
    if (disposed) return;
    let ws: SocketLike;
    try {
      ws = createSocket(options.url, options.protocols ?? []);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      backoff = minBackoff;
      ws.send(JSON.stringify({ t: 'hello', mediaHost: options.mediaHost ?? true } satisfies PageFrame));
      setConnected(true);
      for (const w of [...waiting]) {
        waiting.delete(w);
        clearTimeout(w.timer);
        w.send();
      }
    };
    ws.onmessage = (ev) => {
      if (socket !== ws || typeof ev.data !== 'string') return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(ev.data);
      } catch {
        return;
      }
      if (isShellFrame(parsed)) handleFrame(parsed);
    };
    ws.onerror = () => {
      // onclose follows; nothing to do here.
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      for (const [id, p] of pending) {
        clearTimeout(p.timer);
        pending.delete(id);
        p.resolve(failure('connection to the local service lost'));
      }
      setConnected(false);
      scheduleReconnect();
    };
  }

  function scheduleReconnect(): void {
    if (disposed || reconnectTimer) return;
    const delay = backoff;
    backoff = Math.min(backoff * 2, maxBackoff);
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, delay);
  }

  function handleFrame(frame: ShellFrame): void {
    switch (frame.t) {
      case 'result': {
        const p = pending.get(frame.id);
        if (!p) return;
        pending.delete(frame.id);
        clearTimeout(p.timer);
        p.resolve(frame.result as IpcResult<unknown>);
        return;
      }
      case 'event': {
        const listeners = eventListeners.get(frame.channel);
        if (!listeners) return;
        for (const listener of [...listeners]) {
          try {
            listener(frame.payload);
          } catch (err) {
            console.error('uc event listener failed', frame.channel, err);
          }
        }
        return;
      }
      case 'media-request':
        if (mediaHandler) runMedia(mediaHandler, frame.id, frame.method, frame.params);
        else if (queuedMedia.length < 256) queuedMedia.push(frame);
        return;
      default:
        assertNever(frame, 'unknown web-shell frame');
    }
  }

  function runMedia(handler: MediaHandler, id: number, method: string, params: unknown): void {
    handler(method as MediaMethod, params).then(
      (value) => {
        send({ t: 'media-response', id, ok: true, value });
      },
      (err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        send({ t: 'media-response', id, ok: false, error: message.slice(0, 2000) });
      },
    );
  }

  function invokeRaw(channel: string, payload: unknown): Promise<IpcResult<unknown>> {
    return new Promise((resolve) => {
      const doSend = () => {
        const id = nextId++;
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve(failure(`no answer for ${channel}`));
        }, invokeTimeoutMs);
        pending.set(id, { resolve, timer });
        if (!send({ t: 'invoke', id, channel, payload })) {
          clearTimeout(timer);
          pending.delete(id);
          resolve(failure('not connected to the local service'));
        }
      };
      if (connected && socket?.readyState === OPEN) {
        doSend();
        return;
      }
      const entry = {
        send: doSend,
        fail: () => resolve(failure('not connected to the local service')),
        timer: setTimeout(() => {
          waiting.delete(entry);
          entry.fail();
        }, connectWaitMs),
      };
      waiting.add(entry);
    });
  }

  const media: MediaHostChannel = {
    onRequest(handler) {
      mediaHandler = handler;
      for (const req of queuedMedia.splice(0)) runMedia(handler, req.id, req.method, req.params);
    },
    emit<E extends MediaEventName>(event: E, payload: MediaEvents[E]) {
      send({ t: 'media-event', event, payload });
    },
  };

  connect();

  return {
    media,
    get connected() {
      return connected;
    },
    invoke<C extends InvokeChannel>(channel: C, payload: InvokePayload<C>) {
      return invokeRaw(channel, payload) as Promise<IpcResult<InvokeResult<C>>>;
    },
    on<E extends EventChannel>(channel: E, listener: (payload: EventPayloads[E]) => void) {
      let set = eventListeners.get(channel);
      if (!set) {
        set = new Set();
        eventListeners.set(channel, set);
      }
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => {
        set.delete(wrapped);
      };
    },
    onDidChangeConnection(listener) {
      connectionListeners.add(listener);
      return () => {
        connectionListeners.delete(listener);
      };
    },
    dispose() {
      disposed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      for (const w of [...waiting]) {
        clearTimeout(w.timer);
        w.fail();
      }
      waiting.clear();
      const ws = socket;
      socket = null;
      ws?.close();
      for (const [id, p] of pending) {
        clearTimeout(p.timer);
        pending.delete(id);
        p.resolve(failure('disposed'));
      }
      setConnected(false);
    },
  };
}
