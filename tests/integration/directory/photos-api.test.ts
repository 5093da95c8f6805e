import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesResponseSchema, type Change } from '../../../src-preload/contract/directory';
import { apiErrorSchema } from '../../../src-preload/contract/platform';
import { runMigrations } from '../../../server/src/app/server-migrations';
import { demoPhotoPng } from '../../../server/src/features/directory/photos/demo-photo';
import { runPhotoCommand } from '../../../server/src/features/directory/photos/photo-command';
import { MAX_PHOTO_BYTES } from '../../../server/src/features/directory/photos/photo-image';
import { insertTestAccount } from '../../support/insert-test-account';
import { loginAccessToken } from '../../support/login-access-token';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';
import { useFreshServerDatabases } from '../../support/use-fresh-server-databases';

// Photos of internal users (SPEC C1, J2) on SQLite and PostgreSQL: migration
// 0013, GET /photos/:number (Bearer, 404, ETag/304), the set-photo and
// remove-photo CLI (magic bytes, 512 KB) and the change feed carrying the
// versioned photoUrl. Demo users 100/101 log in freely, 102 must change the
// password first.

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(REPO, 'node_modules/.bin/tsx');
const PHOTO_URL = /^\/api\/v1\/photos\/(\w+)\?v=([0-9a-f]{32})$/;
/** a minimal JPEG: SOI, APP0 marker, then anything (the server checks the signature, not the whole file) */
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);

describe.each(['sqlite', 'postgres'] as const)('internal-user photos on %s', (database) => {
  let stack: UcStack;
  let alice: string;
  let tempDir: string;

  async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${stack.apiUrl}${path}`, { headers });
  }

  const login = (user: string, password: string): Promise<string> => loginAccessToken(stack.apiUrl, user, password);

  /** The entry of internal:NUMBER as the change feed gives it now (following hasMore, bounded). */
  async function feedEntry(number: string, since = 0): Promise<{ change: Change | undefined; revision: number }> {
    let revision = since;
    let found: Change | undefined;
    for (let page = 0; page < 100; page++) {
      const res = await get(`/changes?since=${revision}&limit=1000`, { authorization: `Bearer ${alice}` });
      expect(res.status).toBe(200);
      const body = changesResponseSchema.parse(await res.json());
      found = body.changes.filter((c) => c.id === `internal:${number}`).at(-1) ?? found;
      revision = body.revision;
      if (!body.hasMore) return { change: found, revision };
    }
    throw new Error('change feed did not end');
  }

  function cli(...args: string[]): { status: number | null; out: string } {
    const result = spawnSync(TSX, ['server/src/cli.ts', ...args, '--database', stack.databaseUrl], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: result.status, out: result.stdout + result.stderr };
  }

  async function inProcess(command: 'set-photo' | 'remove-photo', ...args: string[]) {
    let out = '';
    const status = await runPhotoCommand(command, args, stack.ctx!, {
      out: (t) => (out += t),
      err: (t) => (out += t),
    });
    return { status, out };
  }

  beforeAll(async () => {
    tempDir = mkdtempSync(join(tmpdir(), 'sb-photo-'));
    stack = await startUcStack({ database, withKamailio: false });
    alice = await login('100', 'Welcome100!');
  });
  afterAll(async () => {
    await stack?.stop();
    rmSync(tempDir, { recursive: true, force: true });
  });

  it('seeds the demo users with generated PNG avatars, published in the internal directory', async () => {
    const { change } = await feedEntry('101');
    const url = change?.entry?.photoUrl ?? '';
    expect(url).toMatch(PHOTO_URL);
    expect(PHOTO_URL.exec(url)?.[1]).toBe('101');
    const res = await get(url.replace(/^\/api\/v1/, ''), { authorization: `Bearer ${alice}` });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('etag')).toBe(`"${PHOTO_URL.exec(url)?.[2]}"`);
    expect(Buffer.from(await res.arrayBuffer()).equals(demoPhotoPng('101'))).toBe(true);
  });

  it('requires a full-scope Bearer token: 401 without or with a bad one, 403 during a forced password change', async () => {
    for (const headers of [{}, { authorization: 'Bearer v1.bad.token' }] as Record<string, string>[]) {
      const res = await get('/photos/101', headers);
      expect(res.status).toBe(401);
      expect(apiErrorSchema.parse(await res.json()).error).toBe('unauthorized');
    }
    const chloe = await login('102', 'Welcome102!');
    const res = await get('/photos/101', { authorization: `Bearer ${chloe}` });
    expect(res.status).toBe(403);
    expect(apiErrorSchema.parse(await res.json()).error).toBe('password-change-required');
  });

  it('answers 304 to If-None-Match with the current ETag, 200 otherwise', async () => {
    const first = await get('/photos/100', { authorization: `Bearer ${alice}` });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const again = await get('/photos/100', { authorization: `Bearer ${alice}`, 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
    const weakList = await get('/photos/100', {
      authorization: `Bearer ${alice}`,
      'if-none-match': `"0000", W/${etag}`,
    });
    expect(weakList.status).toBe(304);
    const stale = await get('/photos/100', { authorization: `Bearer ${alice}`, 'if-none-match': '"0000"' });
    expect(stale.status).toBe(200);
  });

  it('set-photo (CLI process) replaces the photo and the feed carries the new photoUrl; remove-photo clears it', async () => {
    const before = await feedEntry('103');
    const oldUrl = before.change?.entry?.photoUrl;
    expect(oldUrl).toMatch(PHOTO_URL);
    const file = join(tempDir, 'face.jpg');
    writeFileSync(file, JPEG);
    const set = cli('set-photo', '103', file);
    expect(set, set.out).toMatchObject({ status: 0 });
    expect(set.out).toContain('Photo of 103 set (image/jpeg, 14 bytes)');

    const after = await feedEntry('103', before.revision);
    const newUrl = after.change?.entry?.photoUrl ?? '';
    expect(after.change?.op).toBe('upsert');
    expect(newUrl).toMatch(PHOTO_URL);
    expect(newUrl).not.toBe(oldUrl);
    const res = await get('/photos/103', { authorization: `Bearer ${alice}` });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await res.arrayBuffer()).equals(JPEG)).toBe(true);

    // the same image again changes nothing in the feed
    expect((await inProcess('set-photo', '103', file)).status).toBe(0);
    expect((await feedEntry('103', after.revision)).change).toBeUndefined();

    const removed = await inProcess('remove-photo', '103');
    expect(removed).toEqual({ status: 0, out: 'Photo of 103 removed.\n' });
    const gone = await feedEntry('103', after.revision);
    expect(gone.change?.op).toBe('upsert');
    expect(gone.change?.entry?.photoUrl).toBeUndefined();
    expect(gone.change?.entry?.displayName).toBe('David Moreau');
    const missing = await get('/photos/103', { authorization: `Bearer ${alice}` });
    expect(missing.status).toBe(404);
    expect(apiErrorSchema.parse(await missing.json()).error).toBe('not-found');
    expect(await inProcess('remove-photo', '103')).toEqual({ status: 0, out: '103 had no photo.\n' });
    expect((await get('/photos/nobody', { authorization: `Bearer ${alice}` })).status).toBe(404);
  }, 90_000);

  it('refuses files that are not PNG/JPEG by content, larger than 512 KB, unreadable, or for unknown accounts', async () => {
    const before = await feedEntry('104');
    const cases: [string, Buffer, RegExp][] = [
      ['fake.png', Buffer.from('GIF89a not a png'), /neither a PNG nor a JPEG/],
      ['empty.png', Buffer.alloc(0), /empty/],
      ['huge.png', Buffer.concat([demoPhotoPng('x'), Buffer.alloc(MAX_PHOTO_BYTES)]), /at most 512 KB/],
    ];
    for (const [name, bytes, message] of cases) {
      const file = join(tempDir, name);
      writeFileSync(file, bytes);
      const result = await inProcess('set-photo', '104', file);
      expect(result.status, name).toBe(1);
      expect(result.out).toMatch(message);
    }
    // exactly 512 KB is allowed
    const limit = join(tempDir, 'limit.png');
    const png = demoPhotoPng('limit');
    writeFileSync(limit, Buffer.concat([png, Buffer.alloc(MAX_PHOTO_BYTES - png.length)]));
    expect((await inProcess('set-photo', '104', limit)).status).toBe(0);
    const after = await feedEntry('104', before.revision);
    expect(after.change?.entry?.photoUrl).toMatch(PHOTO_URL);

    expect((await inProcess('set-photo', '104', join(tempDir, 'nope.png'))).out).toMatch(/Cannot read .*ENOENT/);
    expect((await inProcess('set-photo', '999', limit)).out).toMatch(/No account 999/);
    expect((await inProcess('set-photo', '104')).status).toBe(2);
    const refused = cli('set-photo', '104', join(tempDir, 'fake.png'));
    expect(refused.status).toBe(1);
    expect(refused.out).toContain('neither a PNG nor a JPEG');
    expect(cli('remove-photo').status).toBe(2);
  }, 90_000);

  it('keeps the photo when the server restarts (syncInternalDirectory) and documents the route', async () => {
    const before = await feedEntry('100');
    await stack.stopServer();
    await stack.startServer();
    // a keep-alive socket of the stopped server may still be pooled: one bounded retry on a dead socket
    for (let attempt = 0; ; attempt++) {
      try {
        alice = await login('100', 'Welcome100!');
        break;
      } catch (error) {
        if (attempt >= 2) throw error;
      }
    }
    const after = await feedEntry('100', before.revision);
    // nothing changed, so nothing new in the feed: the published entry still has its photo
    expect(after.change).toBeUndefined();
    expect((await feedEntry('100')).change?.entry?.photoUrl).toBe(before.change?.entry?.photoUrl);
    const doc = (await (await get('/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/photos/{number}');
  });
});

describe.each(['sqlite', 'postgres'] as const)('migration 0013-account-photos on %s', (dialect) => {
  const freshDb = useFreshServerDatabases(dialect, 'sb-pmig-');

  it('stores bytes exactly, one photo per account, PNG/JPEG only, deleted with the account', async () => {
    const db = await freshDb();
    await runMigrations(db as unknown as Kysely<unknown>, { upTo: '0013-account-photos' });
    const id = await insertTestAccount(db, '100', 'A');
    // every byte value, including NUL and 0xFF, survives the round trip
    const bytes = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
    const row = { account_id: id, mime: 'image/png' as const, bytes, etag: 'e1', updated_at: 1_795_000_000_000 };
    await db.insertInto('account_photos').values(row).execute();
    const read = await db.selectFrom('account_photos').selectAll().executeTakeFirstOrThrow();
    expect(Buffer.from(read.bytes).equals(bytes)).toBe(true);
    expect(read).toMatchObject({ mime: 'image/png', etag: 'e1', updated_at: 1_795_000_000_000 });
    await expect(db.insertInto('account_photos').values(row).execute()).rejects.toThrow();
    await db.deleteFrom('account_photos').execute();
    await expect(
      db
        .insertInto('account_photos')
        .values({ ...row, mime: 'image/gif' as never })
        .execute(),
    ).rejects.toThrow();
    await expect(
      db
        .insertInto('account_photos')
        .values({ ...row, account_id: id + 99 })
        .execute(),
    ).rejects.toThrow();
    await db.insertInto('account_photos').values(row).execute();
    await db.deleteFrom('accounts').where('id', '=', id).execute();
    expect(await db.selectFrom('account_photos').select('account_id').execute()).toEqual([]);
  });
});
