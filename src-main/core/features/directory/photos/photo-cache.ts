import type { SqliteDatabase } from '../../../platform/db/open-database';
import type { DirectoryApi, UcPhoto } from '../directory-api';

/** Options of {@link PhotoCache}. */
export interface PhotoCacheOptions {
  /** the local database (migration 0007 `photos`) */
  db: SqliteDatabase;
  /** the logged-in UC server client, or undefined (logged out: cached copies only) */
  client: () => Pick<DirectoryApi, 'getPhoto'> | undefined;
  clock?: { now(): number };
  /** age after which a cached photo is revalidated with If-None-Match (default 24 h) */
  revalidateAfterMs?: number;
  /** most photos kept; the least recently fetched go first (default 2000) */
  maxEntries?: number;
}

interface PhotoRow {
  url: string;
  mime: 'image/png' | 'image/jpeg';
  bytes: Buffer;
  etag: string;
  fetched_at: number;
}

/**
 * Photos of directory entries for the renderer (SPEC C1): fetched through
 * the authenticated {@link DirectoryApi} (the renderer cannot send the
 * Bearer token, and its CSP allows only data: images), kept in SQLite so they
 * show instantly and offline, and handed out as `data:` URLs.
 *
 * A photoUrl carries the photo's content version (`?v=`), so a changed photo
 * is a new URL: a cached URL is served as is, revalidated (ETag → 304) once
 * it is older than `revalidateAfterMs`, and older versions of the same path
 * are dropped when a new one is stored. Offline or on any server error the
 * cached copy is used (or null without one); a 404 forgets the copy.
 */
export class PhotoCache {
  private readonly db: SqliteDatabase;
  private readonly client: PhotoCacheOptions['client'];
  private readonly clock: { now(): number };
  private readonly revalidateAfterMs: number;
  private readonly maxEntries: number;
  /** one request per URL at a time (a list of avatars asks for the same photo repeatedly) */
  private readonly inFlight = new Map<string, Promise<string | null>>();

  constructor(options: PhotoCacheOptions) {
    this.db = options.db;
    this.client = options.client;
    this.clock = options.clock ?? { now: () => Date.now() };
    this.revalidateAfterMs = options.revalidateAfterMs ?? 24 * 3600_000;
    this.maxEntries = options.maxEntries ?? 2000;
  }

  /** The photo at `photoUrl` (a server path from a directory entry) as a data: URL, or null if there is none. */
  dataUrl(photoUrl: string): Promise<string | null> {
    let pending = this.inFlight.get(photoUrl);
    if (!pending) {
      pending = this.load(photoUrl).finally(() => this.inFlight.delete(photoUrl));
      this.inFlight.set(photoUrl, pending);
    }
    return pending;
  }

  private async load(url: string): Promise<string | null> {
    const cached = this.read(url);
    if (cached && this.clock.now() - cached.fetched_at < this.revalidateAfterMs) return toDataUrl(cached);
    const client = this.client();
    if (!client) return cached ? toDataUrl(cached) : null;
    let reply: UcPhoto | 'not-modified' | undefined;
    try {
      reply = await client.getPhoto(url, cached?.etag || undefined);
    } catch {
      // unreachable, logged out, a broken reply: the copy we have is still the best answer
      return cached ? toDataUrl(cached) : null;
    }
    if (reply === 'not-modified') {
      if (!cached) return null;
      this.db.prepare('UPDATE photos SET fetched_at = ? WHERE url = ?').run(this.clock.now(), url);
      return toDataUrl(cached);
    }
    if (reply === undefined) {
      this.db.prepare('DELETE FROM photos WHERE url = ?').run(url);
      return null;
    }
    const row: PhotoRow = {
      url,
      mime: reply.mime,
      bytes: Buffer.from(reply.bytes),
      etag: reply.etag,
      fetched_at: this.clock.now(),
    };
    this.store(row);
    return toDataUrl(row);
  }

  private read(url: string): PhotoRow | undefined {
    return this.db
      .prepare<[string], PhotoRow>('SELECT url, mime, bytes, etag, fetched_at FROM photos WHERE url = ?')
      .get(url);
  }

  private store(row: PhotoRow): void {
    const path = row.url.split('?')[0]!;
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO photos (url, mime, bytes, etag, fetched_at) VALUES (@url, @mime, @bytes, @etag, @fetched_at)
           ON CONFLICT (url) DO UPDATE SET mime = excluded.mime, bytes = excluded.bytes, etag = excluded.etag,
             fetched_at = excluded.fetched_at`,
        )
        .run(row);
      // older versions of the same photo are never asked for again
      this.db
        .prepare('DELETE FROM photos WHERE url <> ? AND (url = ? OR substr(url, 1, ?) = ?)')
        .run(row.url, path, path.length + 1, `${path}?`);
      this.db
        .prepare(
          'DELETE FROM photos WHERE url IN (SELECT url FROM photos ORDER BY fetched_at DESC, url LIMIT -1 OFFSET ?)',
        )
        .run(this.maxEntries);
    })();
  }
}

function toDataUrl(row: Pick<PhotoRow, 'mime' | 'bytes'>): string {
  return `data:${row.mime};base64,${Buffer.from(row.bytes).toString('base64')}`;
}
