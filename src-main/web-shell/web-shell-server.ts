/**
 * The web shell: the same core in plain Node, serving the built renderer to a
 * browser on 127.0.0.1 and speaking the UC contract over one local WebSocket
 * per page (frames in src-preload/contract/web-protocol.ts).
 *
 * HTTP: GET/HEAD of files under `staticDir` (default out/web, built by
 * `npm run build:web`) with a CSP header; anything else 404/405. WebSocket on
 * WEB_SHELL_WS_PATH. Both refuse a Host header other than this server
 * (DNS-rebinding defence); the WebSocket also refuses an Origin other than
 * this server's own (http://127.0.0.1:PORT or http://localhost:PORT), so no
 * other web site open in the browser can drive the phone, and requires the
 * per-launch key (see `WEB_SHELL_KEY_PROTOCOL_PREFIX` in web-protocol.ts) so no
 * other local program or user can either: without it the upgrade is refused
 * with 401 before it takes one of the `maxPages` places.
 *
 * Every incoming frame is validated (pageFrameSchema, then the invoke payload
 * by dispatchInvoke); a bad frame gets an error `result` and the connection
 * stays up.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import type { IpcResult } from '../../src-preload/contract/ipc-contract';
import type { MediaHost } from '../../src-preload/contract/media-contract';
import {
  pageFrameSchema,
  WEB_SHELL_KEY_FRAGMENT_PARAM,
  WEB_SHELL_KEY_PROTOCOL_PREFIX,
  WEB_SHELL_PROTOCOL,
  WEB_SHELL_WS_PATH,
  type PageFrame,
  type ShellFrame,
} from '../../src-preload/contract/web-protocol';
import { dispatchInvoke } from '../core/platform/ipc/dispatch-invoke';
import type { UcBackend } from '../core/platform/ipc/uc-backend';
import { assertNever } from '../../src-preload/contract/platform/assert-never';
import type { Clock } from '../core/platform/clock';
import { contentTypeOf, resolveStaticFile, securityHeaders } from './static-files';
import { WebMediaHost, type MediaPage } from './web-media-host';

/** A backend the web shell can shut down. */
export type DisposableBackend = UcBackend & { dispose(): Promise<void> };

export interface WebShellOptions<B extends DisposableBackend = DisposableBackend> {
  /** Only loopback: the web shell is a local tool. */
  host?: '127.0.0.1';
  /** 0 = a free port chosen by the OS */
  port?: number;
  /** built renderer folder; default <repo>/out/web */
  staticDir?: string;
  createBackend: (mediaHost: MediaHost) => B;
  /** media request timeout (default 15 s) */
  mediaTimeoutMs?: number;
  clock?: Clock;
  /** most pages connected at once (default 16) */
  maxPages?: number;
  log?: (message: string) => void;
  /**
   * the key every WebSocket upgrade must carry; default 32 random bytes
   * (base64url) per launch. Injected by tests only.
   */
  key?: string;
}

export interface WebShell<B extends DisposableBackend = DisposableBackend> {
  /** what to open: http://127.0.0.1:PORT/#k=KEY (the page reads the key from the fragment) */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  /** the per-launch key (see {@link WebShellOptions.key}) */
  key: string;
  port: number;
  backend: B;
  mediaHost: WebMediaHost;
  /** Disposes the backend (bounded wait), then closes every socket and the server. */
  close(): Promise<void>;
}

/** Largest frame accepted (an SDP is at most 64 KiB). */
const MAX_FRAME_BYTES = 1024 * 1024;
/** How long close() waits for the backend to unregister and close the journal. */
const DISPOSE_TIMEOUT_MS = 5_000;
/** Id used in a `result` for a frame so broken that it has no usable id. */
const NO_ID = -1;
/** A key is base64url (a valid subprotocol token) and long enough not to be guessed. */
const KEY_PATTERN = /^[A-Za-z0-9_-]{32,128}$/;

const defaultStaticDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../out/web');

/** Starts the web shell; resolves once it listens. */
export async function startWebShell<B extends DisposableBackend>(options: WebShellOptions<B>): Promise<WebShell<B>> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new Error('the web shell only listens on 127.0.0.1');
  const staticDir = path.resolve(options.staticDir ?? defaultStaticDir);
  const maxPages = options.maxPages ?? 16;
  const log = options.log ?? ((message: string) => console.warn(message));
  const key = options.key ?? randomBytes(32).toString('base64url');
  if (!KEY_PATTERN.test(key)) throw new Error('web shell key: 32 to 128 base64url characters');
  const keyDigest = digest(key);

  const mediaHost = new WebMediaHost({
    clock: options.clock,
    timeoutMs: options.mediaTimeoutMs,
    onDrop: (reason, detail) => log(`[web-shell] media dropped (${reason}): ${detail}`),
  });
  const backend = options.createBackend(mediaHost);
  const pages = new Set<PageConnection>();
  let port = 0;

  const allowedHosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = (): string[] => allowedHosts().map((h) => `http://${h}`);

  const server = createServer((req, res) => {
    void serveHttp(req, res).catch((error: unknown) => {
      log(`[web-shell] HTTP error: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) plain(res, 500, 'internal error');
      else res.destroy();
    });
  });

  const plain = (res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void => {
    res.writeHead(status, { ...securityHeaders(port), 'Content-Type': 'text/plain; charset=utf-8', ...extra });
    res.end(text);
  };

  async function serveHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts().includes(req.headers.host ?? '')) {
      plain(res, 403, 'forbidden host');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      plain(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
      return;
    }
    const pathname = (req.url ?? '/').split('?')[0]!.split('#')[0]!;
    if (!pathname.startsWith('/')) {
      plain(res, 400, 'bad request');
      return;
    }
    const found = await resolveStaticFile(staticDir, pathname);
    switch (found.kind) {
      case 'bad-request':
        plain(res, 400, `bad request: ${found.reason}`);
        return;
      case 'not-found':
        plain(
          res,
          404,
          pathname === '/' || pathname === '/index.html'
            ? `not found: the renderer is not built in ${staticDir} (run npm run build:web)`
            : 'not found',
        );
        return;
      case 'file':
        res.writeHead(200, {
          ...securityHeaders(port),
          'Content-Type': contentTypeOf(found.filePath),
          'Content-Length': String(found.size),
        });
        if (req.method === 'HEAD') {
          res.end();
          return;
        }
        createReadStream(found.filePath)
          .on('error', () => res.destroy())
          .pipe(res);
        return;
      default:
        assertNever(found);
    }
  }

  // ---- WebSocket

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    clientTracking: false,
    // The key protocol is never echoed back; the page gets the one it must speak.
    handleProtocols: () => WEB_SHELL_PROTOCOL,
  });

  /** Whether the upgrade offers the key (compared as SHA-256 digests: constant time, any length). */
  const carriesKey = (req: IncomingMessage): boolean => {
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    if (!offered.includes(WEB_SHELL_PROTOCOL)) return false;
    const candidate = offered.find((p) => p.startsWith(WEB_SHELL_KEY_PROTOCOL_PREFIX));
    if (candidate === undefined) return false;
    return timingSafeEqual(digest(candidate.slice(WEB_SHELL_KEY_PROTOCOL_PREFIX.length)), keyDigest);
  };

  const refuseUpgrade = (socket: Duplex, status: string, why: string): void => {
    log(`[web-shell] refused WebSocket: ${why}`);
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = (req.url ?? '').split('?')[0];
    if (pathname !== WEB_SHELL_WS_PATH) return refuseUpgrade(socket, '404 Not Found', `path ${pathname}`);
    if (!allowedHosts().includes(req.headers.host ?? '')) return refuseUpgrade(socket, '403 Forbidden', 'bad Host');
    const origin = req.headers.origin;
    if (!origin || !allowedOrigins().includes(origin)) {
      return refuseUpgrade(socket, '403 Forbidden', `bad Origin ${String(origin).slice(0, 100)}`);
    }
    // Before the cap: a socket without the key never takes a place, so nobody
    // without the key can fill the 16 places and lock the owner out.
    if (!carriesKey(req)) {
      return refuseUpgrade(socket, '401 Unauthorized', `no or wrong key from ${req.socket.remoteAddress ?? '?'}`);
    }
    if (pages.size >= maxPages) return refuseUpgrade(socket, '503 Service Unavailable', 'too many pages');
    wss.handleUpgrade(req, socket, head, (ws) => {
      const page = new PageConnection(ws);
      pages.add(page);
      ws.on('message', (data, isBinary) => onFrame(page, data, isBinary));
      ws.on('close', () => {
        pages.delete(page);
        mediaHost.pageDidClose(page);
      });
      ws.on('error', (error) => log(`[web-shell] socket error: ${error.message}`));
    });
  });

  function onFrame(page: PageConnection, data: RawData, isBinary: boolean): void {
    if (isBinary) {
      page.sendResult(NO_ID, invalid('binary frames are not supported'));
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(rawToString(data));
    } catch {
      page.sendResult(NO_ID, invalid('frame is not JSON'));
      return;
    }
    const parsed = pageFrameSchema.safeParse(raw);
    if (!parsed.success) {
      const id = typeof raw === 'object' && raw !== null && 'id' in raw ? (raw as { id: unknown }).id : undefined;
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'frame'}: ${i.message}`).join('; ');
      page.sendResult(
        typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : NO_ID,
        invalid(`invalid frame: ${detail}`.slice(0, 500)),
      );
      return;
    }
    handleFrame(page, parsed.data);
  }

  function handleFrame(page: PageConnection, frame: PageFrame): void {
    switch (frame.t) {
      case 'hello':
        if (mediaHost.pageDidSayHello(page, frame.mediaHost) === 'refused') {
          log('[web-shell] refused media host claim: another page is the media host (this one waits as a standby)');
        }
        return;
      case 'invoke':
        void dispatchInvoke(backend, frame.channel, frame.payload).then((result) => page.sendResult(frame.id, result));
        return;
      case 'media-response':
        mediaHost.handleResponse(page, frame);
        return;
      case 'media-event':
        mediaHost.handleEvent(page, frame.event, frame.payload);
        return;
      default:
        assertNever(frame);
    }
  }

  const unsubscribe = backend.onEvent(({ channel, payload }) => {
    for (const page of pages) page.send({ t: 'event', channel, payload });
  });

  // ---- listen

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (error: unknown) => {
    unsubscribe();
    mediaHost.dispose();
    await backend.dispose();
    throw error;
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('web shell: no TCP address');
  port = address.port;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      unsubscribe();
      // Backend first, pages still connected: hanging up still reaches the media page.
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        backend.dispose().catch((error: unknown) => log(`[web-shell] backend dispose failed: ${String(error)}`)),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, DISPOSE_TIMEOUT_MS))),
      ]);
      clearTimeout(timer);
      for (const page of pages) page.socket.terminate();
      pages.clear();
      mediaHost.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    })();
    return closing;
  };

  const origin = `http://${host}:${port}`;
  return { url: `${origin}/#${WEB_SHELL_KEY_FRAGMENT_PARAM}=${key}`, origin, key, port, backend, mediaHost, close };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function invalid(message: string): IpcResult<never> {
  return { ok: false, error: { code: 'invalid-payload', message } };
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

/** One connected page. */
class PageConnection implements MediaPage {
  constructor(readonly socket: WebSocket) {}

  send(frame: ShellFrame): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  sendResult(id: number, result: IpcResult<unknown>): void {
    this.send({ t: 'result', id, result });
  }

  sendMediaRequest(request: { id: number; method: string; params: unknown }): void {
    if (this.socket.readyState !== WebSocket.OPEN) throw new Error('media host connection is closing');
    this.socket.send(JSON.stringify({ t: 'media-request', ...request } satisfies ShellFrame));
  }
}
