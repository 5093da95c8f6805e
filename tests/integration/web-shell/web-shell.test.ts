/**
 * The web shell end to end over real sockets on 127.0.0.1 (random port), with
 * a fake backend and `ws` clients standing in for pages.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DEFAULT_SETTINGS } from '../../../src-preload/contract/ipc-contract';
import {
  WEB_SHELL_KEY_PROTOCOL_PREFIX,
  WEB_SHELL_PROTOCOL,
  WEB_SHELL_WS_PATH,
  type ShellFrame,
} from '../../../src-preload/contract/web-protocol';
import { UcError } from '../../../src-main/core/platform/ipc/uc-error';
import { startWebShell, type WebShell } from '../../../src-main/web-shell/web-shell-server';
import { FakeBackend } from '../../unit/shell/fake-backend';

let staticDir: string;
let outside: string;

beforeAll(() => {
  outside = mkdtempSync(path.join(tmpdir(), 'web-shell-'));
  staticDir = path.join(outside, 'web');
  mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Switchboard</title>');
  writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'export {};');
  writeFileSync(path.join(outside, 'secret.txt'), 'top secret');
});

afterAll(() => {
  rmSync(outside, { recursive: true, force: true });
});

let shell: WebShell<FakeBackend>;
const sockets: WebSocket[] = [];
/** what the shell logged in this test */
let logs: string[];

beforeEach(async () => {
  logs = [];
  shell = await startWebShell({
    port: 0,
    staticDir,
    log: (message) => logs.push(message),
    createBackend: () =>
      new FakeBackend({
        'settings.get': () => ({ ...DEFAULT_SETTINGS, language: 'fr' }),
        'calls.dial': ({ target }) => {
          if (target === '') throw new UcError('invalid-number', 'empty number');
          return { callId: `c-${target}` };
        },
      }),
  });
});

afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate();
  await shell.close();
});

interface HttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw HTTP GET (the path is sent exactly as given, no normalisation). */
function get(rawPath: string, headers: Record<string, string> = {}): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: shell.port, path: rawPath, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** A page: a ws client with a frame inbox. */
class Page {
  readonly frames: ShellFrame[] = [];
  private waiters: Array<() => void> = [];
  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as ShellFrame);
      for (const w of this.waiters.splice(0)) w();
    });
  }

  /** Opens a page socket that carries the shell's key, like the real page. */
  static async open(origin?: string): Promise<Page> {
    const socket = new WebSocket(`ws://127.0.0.1:${shell.port}${WEB_SHELL_WS_PATH}`, protocolsFor(shell.key), {
      origin: origin ?? `http://127.0.0.1:${shell.port}`,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new Page(socket);
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Resolves with the first frame matching `predicate` (waits at most 5 s). */
  async next<T extends ShellFrame>(predicate: (f: ShellFrame) => f is T): Promise<T>;
  async next(predicate: (f: ShellFrame) => boolean): Promise<ShellFrame>;
  async next(predicate: (f: ShellFrame) => boolean): Promise<ShellFrame> {
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      const index = this.frames.findIndex(predicate);
      if (index !== -1) return this.frames.splice(index, 1)[0]!;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    throw new Error(`no matching frame; got ${JSON.stringify(this.frames)}`);
  }

  result(id: number): Promise<ShellFrame> {
    return this.next((f) => f.t === 'result' && f.id === id);
  }
}

/** The subprotocols a page offers: the shell's protocol and, given a key, the key. */
function protocolsFor(key: string | null): string[] {
  return key === null ? [WEB_SHELL_PROTOCOL] : [WEB_SHELL_PROTOCOL, `${WEB_SHELL_KEY_PROTOCOL_PREFIX}${key}`];
}

/**
 * Attempts a WebSocket upgrade and reports the HTTP status it was refused with
 * (or 101). It carries the shell's key unless `key` says otherwise (`null`: none).
 */
function upgradeStatus(options: {
  origin?: string;
  path?: string;
  host?: string;
  key?: string | null;
  protocols?: string[];
}): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (options.origin !== undefined) headers['Origin'] = options.origin;
    if (options.host !== undefined) headers['Host'] = options.host;
    const protocols = options.protocols ?? protocolsFor(options.key === undefined ? shell.key : options.key);
    const socket = new WebSocket(`ws://127.0.0.1:${shell.port}${options.path ?? WEB_SHELL_WS_PATH}`, protocols, {
      headers,
    });
    sockets.push(socket);
    socket.once('open', () => resolve(101));
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', (e) => reject(e));
  });
}

describe('web shell HTTP', () => {
  it('serves the renderer with its content type and a CSP header', async () => {
    expect(shell.url).toBe(`http://127.0.0.1:${shell.port}/#k=${shell.key}`);
    expect(shell.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>Switchboard</title>');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    expect(index.headers['content-security-policy']).toContain(`ws://127.0.0.1:${shell.port}`);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    const js = await get('/assets/app.js?v=1');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('refuses path traversal and answers 404 for missing files', async () => {
    for (const p of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const reply = await get(p);
      expect(reply.status, p).toBe(400);
      expect(reply.body).not.toContain('top secret');
    }
    const missing = await get('/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-security-policy']).toBeDefined();
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const reply = await get('/', { Host: `evil.example:${shell.port}` });
    expect(reply.status).toBe(403);
    expect((await get('/', { Host: `localhost:${shell.port}` })).status).toBe(200);
  });
});

describe('web shell WebSocket', () => {
  it('refuses a bad or missing Origin, a foreign Host and other paths', async () => {
    expect(await upgradeStatus({ origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus({ origin: `http://127.0.0.1:${shell.port + 1}` })).toBe(403);
    expect(await upgradeStatus({})).toBe(403);
    expect(await upgradeStatus({ origin: `http://127.0.0.1:${shell.port}`, host: 'evil.example' })).toBe(403);
    expect(await upgradeStatus({ origin: `http://127.0.0.1:${shell.port}`, path: '/other' })).toBe(404);
    expect(await upgradeStatus({ origin: `http://localhost:${shell.port}` })).toBe(101);
  });

  it('round-trips an invoke to the backend', async () => {
    const page = await Page.open();
    page.send({ t: 'hello', mediaHost: false });
    page.send({ t: 'invoke', id: 1, channel: 'calls.dial', payload: { target: '102' } });
    page.send({ t: 'invoke', id: 2, channel: 'settings.get', payload: {} });
    page.send({ t: 'invoke', id: 3, channel: 'calls.dial', payload: { target: '' } });
    expect(await page.result(1)).toEqual({ t: 'result', id: 1, result: { ok: true, value: { callId: 'c-102' } } });
    expect(await page.result(2)).toEqual({
      t: 'result',
      id: 2,
      result: { ok: true, value: { ...DEFAULT_SETTINGS, language: 'fr' } },
    });
    expect(await page.result(3)).toEqual({
      t: 'result',
      id: 3,
      result: { ok: false, error: { code: 'invalid-number', message: 'empty number' } },
    });
    expect(shell.backend.calls.map((c) => c.channel)).toEqual(['calls.dial', 'settings.get', 'calls.dial']);
  });

  it('answers invalid frames and payloads with error results and keeps the connection', async () => {
    const page = await Page.open();
    page.send('not json');
    expect(await page.result(-1)).toMatchObject({ result: { ok: false, error: { code: 'invalid-payload' } } });
    page.send({ t: 'invoke', id: 5, channel: 'calls.dial', payload: { target: 42 } });
    expect(await page.result(5)).toMatchObject({ result: { ok: false, error: { code: 'invalid-payload' } } });
    page.send({ t: 'invoke', id: 6, channel: 'fs.readFile', payload: {} });
    expect(await page.result(6)).toMatchObject({ result: { ok: false, error: { code: 'unknown-channel' } } });
    page.send({ t: 'invoke', id: 7, channel: 'calls.dial', payload: { target: '1' }, extra: true });
    expect(await page.result(7)).toMatchObject({
      result: { ok: false, error: { code: 'invalid-payload', message: expect.stringMatching(/invalid frame/) } },
    });
    page.send({ t: 'bogus' });
    expect(await page.result(-1)).toMatchObject({ result: { ok: false } });
    page.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await page.result(-1)).toMatchObject({
      result: { ok: false, error: { message: expect.stringMatching(/binary/) } },
    });
    expect(shell.backend.calls).toEqual([]);
    page.send({ t: 'invoke', id: 8, channel: 'settings.get', payload: {} });
    expect(await page.result(8)).toMatchObject({ result: { ok: true } });
  });

  it('broadcasts backend events to every page', async () => {
    const a = await Page.open();
    const b = await Page.open();
    // make sure both connections are registered server-side before emitting
    a.send({ t: 'invoke', id: 1, channel: 'settings.get', payload: {} });
    b.send({ t: 'invoke', id: 1, channel: 'settings.get', payload: {} });
    await a.result(1);
    await b.result(1);
    shell.backend.emit('settings.onDidChange', { ...DEFAULT_SETTINGS, language: 'en' });
    const expected = {
      t: 'event',
      channel: 'settings.onDidChange',
      payload: { ...DEFAULT_SETTINGS, language: 'en' },
    };
    expect(await a.next((f) => f.t === 'event')).toEqual(expected);
    expect(await b.next((f) => f.t === 'event')).toEqual(expected);
  });
});

describe('web shell media host', () => {
  it('rejects media requests while no page is a media host', async () => {
    await expect(shell.mediaHost.request('close', { sessionId: 's' })).rejects.toThrow('no media host connected');
  });

  it('round-trips a media request through the page and delivers its events', async () => {
    const page = await Page.open();
    page.send({ t: 'hello', mediaHost: true });
    // hello is processed before this invoke's result comes back
    page.send({ t: 'invoke', id: 1, channel: 'settings.get', payload: {} });
    await page.result(1);

    const offer = shell.mediaHost.request('createOffer', { sessionId: 'call-1', hold: false });
    const req = await page.next((f): f is Extract<ShellFrame, { t: 'media-request' }> => f.t === 'media-request');
    expect(req).toMatchObject({ method: 'createOffer', params: { sessionId: 'call-1', hold: false } });
    page.send({ t: 'media-response', id: req.id, ok: true, value: { sdp: 'v=0\r\n' } });
    await expect(offer).resolves.toEqual({ sdp: 'v=0\r\n' });

    const failing = shell.mediaHost.request('setRemoteDescription', { sessionId: 'call-1', type: 'answer', sdp: 'x' });
    const req2 = await page.next((f): f is Extract<ShellFrame, { t: 'media-request' }> => f.t === 'media-request');
    page.send({ t: 'media-response', id: req2.id, ok: false, error: 'bad sdp' });
    await expect(failing).rejects.toThrow('media setRemoteDescription failed: bad sdp');

    const states: string[] = [];
    const connected = new Promise<void>((resolve) =>
      shell.mediaHost.onEvent('connectionState', (p) => {
        states.push(p.state);
        resolve();
      }),
    );
    page.send({ t: 'media-event', event: 'connectionState', payload: { sessionId: 'call-1', state: 'connected' } });
    await connected;
    expect(states).toEqual(['connected']);
  });

  it('only the page that got a request may answer it, and a leaving media page fails its requests', async () => {
    const media = await Page.open();
    const other = await Page.open();
    media.send({ t: 'hello', mediaHost: true });
    other.send({ t: 'hello', mediaHost: false });
    media.send({ t: 'invoke', id: 1, channel: 'settings.get', payload: {} });
    other.send({ t: 'invoke', id: 1, channel: 'settings.get', payload: {} });
    await media.result(1);
    await other.result(1);

    const pending = shell.mediaHost.request('close', { sessionId: 's' });
    const req = await media.next((f): f is Extract<ShellFrame, { t: 'media-request' }> => f.t === 'media-request');
    other.send({ t: 'media-response', id: req.id, ok: true });
    // the spoofed answer must not settle it; the media page leaving must
    const outcome = pending.then(
      () => 'resolved',
      (e: Error) => e.message,
    );
    media.socket.close();
    await expect(outcome).resolves.toBe('media close failed: media host disconnected');
  });

  it('close() disposes the backend and stops listening', async () => {
    const page = await Page.open();
    const closed = new Promise<void>((resolve) => page.socket.once('close', () => resolve()));
    await shell.close();
    await closed;
    expect(shell.backend.disposed).toBe(1);
    await expect(get('/')).rejects.toThrow();
  });
});

describe('web shell attacks', () => {
  const origin = (): string => `http://127.0.0.1:${shell.port}`;

  it('a local program without the launch key is refused (401) and logged, and the key is never logged', async () => {
    const wrong = shell.key.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    expect(await upgradeStatus({ origin: origin(), key: null })).toBe(401);
    expect(await upgradeStatus({ origin: origin(), key: wrong })).toBe(401);
    expect(await upgradeStatus({ origin: origin(), key: shell.key.slice(0, -1) })).toBe(401);
    expect(await upgradeStatus({ origin: origin(), key: '' })).toBe(401);
    // the key without the shell's protocol, or outside the subprotocol header, does not count either
    expect(await upgradeStatus({ origin: origin(), protocols: [`${WEB_SHELL_KEY_PROTOCOL_PREFIX}${shell.key}`] })).toBe(
      401,
    );
    expect(await upgradeStatus({ origin: origin(), path: `${WEB_SHELL_WS_PATH}?k=${shell.key}`, key: null })).toBe(401);
    expect(logs.filter((l) => l.includes('refused WebSocket: no or wrong key'))).toHaveLength(6);
    expect(logs.join('\n')).not.toContain(shell.key);

    // the page that has it gets in, and only the shell's protocol is echoed back
    const page = await Page.open();
    expect(page.socket.protocol).toBe(WEB_SHELL_PROTOCOL);
    page.send({ t: 'invoke', id: 1, channel: 'settings.get', payload: {} });
    expect(await page.result(1)).toMatchObject({ result: { ok: true } });
    expect(shell.backend.calls.map((c) => c.channel)).toEqual(['settings.get']);
  });

  it('a second page cannot take the media host role (microphone, calls) from the first', async () => {
    const owner = await Page.open();
    const intruder = await Page.open();
    owner.send({ t: 'hello', mediaHost: true });
    owner.send({ t: 'invoke', id: 1, channel: 'settings.get', payload: {} });
    await owner.result(1);
    intruder.send({ t: 'hello', mediaHost: true });
    intruder.send({ t: 'invoke', id: 1, channel: 'settings.get', payload: {} });
    await intruder.result(1);
    expect(logs).toContain(
      '[web-shell] refused media host claim: another page is the media host (this one waits as a standby)',
    );

    const offer = shell.mediaHost.request('createOffer', { sessionId: 'call-1', hold: false });
    const req = await owner.next((f): f is Extract<ShellFrame, { t: 'media-request' }> => f.t === 'media-request');
    expect(intruder.frames.filter((f) => f.t === 'media-request')).toEqual([]);
    // the intruder can neither answer the owner's request nor report media events
    intruder.send({ t: 'media-response', id: req.id, ok: true, value: { sdp: 'spoofed' } });
    const states: string[] = [];
    shell.mediaHost.onEvent('connectionState', (p) => states.push(p.state));
    intruder.send({ t: 'media-event', event: 'connectionState', payload: { sessionId: 'call-1', state: 'failed' } });
    owner.send({ t: 'media-event', event: 'connectionState', payload: { sessionId: 'call-1', state: 'connected' } });
    owner.send({ t: 'media-response', id: req.id, ok: true, value: { sdp: 'v=0\r\n' } });
    await expect(offer).resolves.toEqual({ sdp: 'v=0\r\n' });
    expect(states).toEqual(['connected']);

    // once the owner's page is gone (e.g. reloaded), the waiting page takes over and the engine hears of it
    const devicesChanged = new Promise<void>((resolve) => shell.mediaHost.onEvent('devicesChanged', () => resolve()));
    owner.socket.close();
    await devicesChanged;
    void shell.mediaHost.request('close', { sessionId: 'call-1' }).catch(() => {});
    await intruder.next((f) => f.t === 'media-request');
  });

  it('sockets without the key cannot fill the 16-page cap to lock the owner out', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 40 }, () => upgradeStatus({ origin: origin(), key: null })),
    );
    expect(new Set(attempts)).toEqual(new Set([401]));
    // the owner still gets all 16 places; the cap still holds for pages with the key
    const owned = await Promise.all(Array.from({ length: 16 }, () => Page.open()));
    expect(owned).toHaveLength(16);
    expect(await upgradeStatus({ origin: origin() })).toBe(503);
  });
});
