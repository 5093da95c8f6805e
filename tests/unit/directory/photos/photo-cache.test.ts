import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAccountDatabase } from '../../../../src-main/core/app/client-migrations';
import { PhotoCache } from '../../../../src-main/core/features/directory/photos/photo-cache';
import { UcClientError } from '../../../../src-main/core/platform/uc/uc-client-error';
import { UcServerClient } from '../../../../src-main/core/app/uc-server-client';

// PhotoCache + UcServerClient.getPhoto against a real HTTP server on
// 127.0.0.1 that serves GET /api/v1/photos/:number like the UC server
// (Bearer, ETag / If-None-Match -> 304, 404) and POST /auth/refresh.

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 9, 9]);

class FakePhotoServer {
  readonly photos = new Map<string, { mime: string; bytes: Buffer; etag: string }>();
  /** "GET /api/v1/photos/100 if-none-match=…" per request */
  readonly requests: string[] = [];
  validToken = 'token-1';
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/v1`;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://x');
    this.requests.push(`${req.method} ${url.pathname} if-none-match=${req.headers['if-none-match'] ?? ''}`);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'POST' && url.pathname === '/api/v1/auth/refresh') {
      this.validToken = 'token-2';
      return json(200, { accessToken: 'token-2', accessExpiresAt: Date.now() + 3600_000, refreshToken: 'r2' });
    }
    const match = /^\/api\/v1\/photos\/(\w+)$/.exec(url.pathname);
    if (req.method !== 'GET' || !match) return json(404, { error: 'not-found', message: 'no route' });
    if (req.headers.authorization !== `Bearer ${this.validToken}`)
      return json(401, { error: 'unauthorized', message: 'Invalid or expired access token' });
    const photo = this.photos.get(match[1]!);
    if (!photo) return json(404, { error: 'not-found', message: 'No photo' });
    if (req.headers['if-none-match'] === `"${photo.etag}"`) {
      res.writeHead(304, { etag: `"${photo.etag}"` });
      return void res.end();
    }
    res.writeHead(200, { 'content-type': photo.mime, etag: `"${photo.etag}"` });
    res.end(photo.bytes);
  }
}

let server: FakePhotoServer;
let db: Database;
let client: UcServerClient;
let now: number;
let loggedIn: boolean;
let cache: PhotoCache;

beforeEach(async () => {
  server = new FakePhotoServer();
  await server.start();
  db = openAccountDatabase(':memory:');
  client = new UcServerClient({ apiUrl: server.apiUrl, timeoutMs: 2000 });
  client.setTokens({ accessToken: 'token-1', accessExpiresAt: Date.now() + 3600_000, refreshToken: 'r1' });
  now = 1_795_000_000_000;
  loggedIn = true;
  cache = new PhotoCache({
    db,
    client: () => (loggedIn ? client : undefined),
    clock: { now: () => now },
    revalidateAfterMs: 60_000,
    maxEntries: 3,
  });
});
afterEach(async () => {
  await server.stop();
  db.close();
});

const dataUrlOf = (mime: string, bytes: Buffer) => `data:${mime};base64,${bytes.toString('base64')}`;
const photoCount = (): number => db.prepare('SELECT count(*) FROM photos').pluck().get() as number;

describe('UcServerClient.getPhoto', () => {
  it('returns mime, bytes and etag; undefined on 404; not-modified on a matching ETag', async () => {
    server.photos.set('100', { mime: 'image/png', bytes: PNG, etag: 'e1' });
    const photo = await client.getPhoto('/api/v1/photos/100?v=e1');
    expect(photo).toEqual({ mime: 'image/png', bytes: new Uint8Array(PNG), etag: 'e1' });
    expect(await client.getPhoto('/api/v1/photos/100?v=e1', 'e1')).toBe('not-modified');
    expect(await client.getPhoto('/api/v1/photos/999?v=x')).toBeUndefined();
  });

  it('refreshes the access token once on 401 and retries', async () => {
    server.photos.set('100', { mime: 'image/jpeg', bytes: JPEG, etag: 'j' });
    server.validToken = 'token-2';
    const photo = await client.getPhoto('/api/v1/photos/100?v=j');
    expect(photo).toMatchObject({ mime: 'image/jpeg', etag: 'j' });
    expect(client.tokens?.accessToken).toBe('token-2');
    expect(server.requests.filter((r) => r.startsWith('POST /api/v1/auth/refresh'))).toHaveLength(1);
  });

  it('never sends the token to another host or outside /photos/', async () => {
    for (const path of ['http://127.0.0.1:1/api/v1/photos/100', '//evil.example/api/v1/photos/1', '/api/v1/changes']) {
      await expect(client.getPhoto(path)).rejects.toThrow(UcClientError);
    }
    expect(server.requests).toEqual([]);
  });

  it('rejects a reply that is not an image', async () => {
    server.photos.set('100', { mime: 'text/html', bytes: Buffer.from('<html>'), etag: 'h' });
    await expect(client.getPhoto('/api/v1/photos/100')).rejects.toMatchObject({ kind: 'bad-server-reply' });
  });
});

describe('PhotoCache', () => {
  it('fetches once, stores the photo and serves the cached copy while fresh', async () => {
    server.photos.set('100', { mime: 'image/png', bytes: PNG, etag: 'e1' });
    expect(await cache.dataUrl('/api/v1/photos/100?v=e1')).toBe(dataUrlOf('image/png', PNG));
    expect(await cache.dataUrl('/api/v1/photos/100?v=e1')).toBe(dataUrlOf('image/png', PNG));
    expect(server.requests).toHaveLength(1);
    expect(photoCount()).toBe(1);
  });

  it('shares one request between concurrent callers', async () => {
    server.photos.set('100', { mime: 'image/png', bytes: PNG, etag: 'e1' });
    const all = await Promise.all(Array.from({ length: 5 }, () => cache.dataUrl('/api/v1/photos/100?v=e1')));
    expect(new Set(all)).toEqual(new Set([dataUrlOf('image/png', PNG)]));
    expect(server.requests).toHaveLength(1);
  });

  it('revalidates a stale copy with If-None-Match (304 keeps it)', async () => {
    server.photos.set('100', { mime: 'image/png', bytes: PNG, etag: 'e1' });
    await cache.dataUrl('/api/v1/photos/100?v=e1');
    now += 61_000;
    expect(await cache.dataUrl('/api/v1/photos/100?v=e1')).toBe(dataUrlOf('image/png', PNG));
    expect(server.requests.at(-1)).toBe('GET /api/v1/photos/100 if-none-match="e1"');
    // fresh again after the 304: no third request
    await cache.dataUrl('/api/v1/photos/100?v=e1');
    expect(server.requests).toHaveLength(2);
  });

  it('serves the cached copy offline and when logged out; null without one', async () => {
    server.photos.set('100', { mime: 'image/jpeg', bytes: JPEG, etag: 'j' });
    await cache.dataUrl('/api/v1/photos/100?v=j');
    await server.stop();
    now += 120_000; // stale: it tries the server, which is gone
    expect(await cache.dataUrl('/api/v1/photos/100?v=j')).toBe(dataUrlOf('image/jpeg', JPEG));
    expect(await cache.dataUrl('/api/v1/photos/101?v=x')).toBeNull();
    loggedIn = false;
    expect(await cache.dataUrl('/api/v1/photos/100?v=j')).toBe(dataUrlOf('image/jpeg', JPEG));
    // the copy survives a restart of the app (same database)
    const again = new PhotoCache({ db, client: () => undefined, clock: { now: () => now } });
    expect(await again.dataUrl('/api/v1/photos/100?v=j')).toBe(dataUrlOf('image/jpeg', JPEG));
  });

  it('forgets a photo the server no longer has (404) and drops old versions of the same path', async () => {
    server.photos.set('100', { mime: 'image/png', bytes: PNG, etag: 'e1' });
    await cache.dataUrl('/api/v1/photos/100?v=e1');
    server.photos.set('100', { mime: 'image/jpeg', bytes: JPEG, etag: 'e2' });
    expect(await cache.dataUrl('/api/v1/photos/100?v=e2')).toBe(dataUrlOf('image/jpeg', JPEG));
    expect(db.prepare('SELECT url FROM photos').pluck().all()).toEqual(['/api/v1/photos/100?v=e2']);
    server.photos.delete('100');
    now += 61_000;
    expect(await cache.dataUrl('/api/v1/photos/100?v=e2')).toBeNull();
    expect(photoCount()).toBe(0);
  });

  it('keeps at most maxEntries photos, evicting the least recently fetched', async () => {
    for (const n of ['100', '101', '102', '103']) {
      server.photos.set(n, { mime: 'image/png', bytes: PNG, etag: n });
      now += 1;
      await cache.dataUrl(`/api/v1/photos/${n}?v=${n}`);
    }
    expect(db.prepare('SELECT url FROM photos ORDER BY url').pluck().all()).toEqual([
      '/api/v1/photos/101?v=101',
      '/api/v1/photos/102?v=102',
      '/api/v1/photos/103?v=103',
    ]);
  });
});
