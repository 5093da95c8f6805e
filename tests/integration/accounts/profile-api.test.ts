import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesResponseSchema, type Change } from '../../../src-preload/contract/directory';
import { apiErrorSchema } from '../../../src-preload/contract/platform';
import { profileSchema, type Profile } from '../../../src-preload/contract/profile';
import { loginAccessToken } from '../../support/login-access-token';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

// The user's own personal data (issue #16, SPEC J1, J2) against a real UC server on SQLite:
// PATCH /me/profile (canonical numbers, e-mail check, all or nothing), PUT /me/photo (type,
// size and dimension refusals, resize to 200×200 by sharp), DELETE /me/photo, the change feed
// carrying each change to colleagues, and nobody changing anyone else's data.

const PHOTO_URL = /^\/api\/v1\/photos\/(\w+)\?v=([0-9a-f]{32})$/;

function png(width: number, height: number, noise = false): Promise<Buffer> {
  const channels = 3;
  if (!noise)
    return sharp({ create: { width, height, channels, background: '#3366cc' } })
      .png()
      .toBuffer();
  // pseudo-random pixels do not compress: a large file from a modest image
  const raw = Buffer.alloc(width * height * channels);
  let seed = 12345;
  for (let i = 0; i < raw.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    raw[i] = seed >> 16;
  }
  return sharp(raw, { raw: { width, height, channels } }).png({ compressionLevel: 0 }).toBuffer();
}

describe('personal data and photo (/me/profile, /me/photo)', () => {
  let stack: UcStack;
  let alice: string;
  let bruno: string;

  const call = (token: string, method: string, path: string, body?: unknown, type = 'application/json') =>
    fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': type }),
      },
      body: body === undefined ? undefined : Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body),
    });

  async function patchProfile(token: string, body: unknown): Promise<Response> {
    return call(token, 'PATCH', '/me/profile', body);
  }

  /** internal:NUMBER as the change feed gives it to `token`'s client now (bounded paging). */
  async function feedEntry(token: string, number: string): Promise<Change | undefined> {
    let revision = 0;
    let found: Change | undefined;
    for (let page = 0; page < 100; page++) {
      const res = await call(token, 'GET', `/changes?since=${revision}&limit=1000`);
      expect(res.status).toBe(200);
      const body = changesResponseSchema.parse(await res.json());
      found = body.changes.filter((c) => c.id === `internal:${number}`).at(-1) ?? found;
      revision = body.revision;
      if (!body.hasMore) return found;
    }
    throw new Error('change feed did not end');
  }

  beforeAll(async () => {
    stack = await startUcStack({ database: 'sqlite', withKamailio: false });
    alice = await loginAccessToken(stack.apiUrl, '100', 'Welcome100!');
    bruno = await loginAccessToken(stack.apiUrl, '101', 'Welcome101!');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('refuses anonymous callers', async () => {
    for (const [method, path] of [
      ['GET', '/me/profile'],
      ['PATCH', '/me/profile'],
      ['PUT', '/me/photo'],
      ['DELETE', '/me/photo'],
    ] as const) {
      const res = await fetch(`${stack.apiUrl}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
  });

  it('stores numbers in canonical form and the e-mail; colleagues see them in the directory', async () => {
    const res = await patchProfile(alice, {
      mobile: '0049 (170) 123-4567',
      otherNumber: '+33 1 23 45 67 89',
      email: ' alice.martin@example.com ',
    });
    expect(res.status).toBe(200);
    const profile: Profile = profileSchema.parse(await res.json());
    expect(profile).toMatchObject({
      number: '100',
      mobile: '+49 170 1234567',
      otherNumber: '+33 1 23 45 67 89',
      email: 'alice.martin@example.com',
    });
    const again = profileSchema.parse(await (await call(alice, 'GET', '/me/profile')).json());
    expect(again).toEqual(profile);
    const entry = (await feedEntry(bruno, '100'))?.entry;
    expect(entry?.email).toBe('alice.martin@example.com');
    expect(entry?.numbers).toEqual([
      { kind: 'internal', number: '100' },
      { kind: 'mobile', number: '+49 170 1234567' },
      { kind: 'other', number: '+33 1 23 45 67 89' },
    ]);
  });

  it('refuses bad numbers and e-mails with the fields named, storing nothing', async () => {
    const before = await (await call(alice, 'GET', '/me/profile')).json();
    const cases: [unknown, string[]][] = [
      [{ mobile: '12ab34' }, ['mobile']],
      [{ otherNumber: '+49 1' }, ['otherNumber']],
      [{ otherNumber: '*21#' }, ['otherNumber']],
      [{ email: 'not-an-address' }, ['email']],
      [{ mobile: '+33 6 12 34 56 78', email: 'a@b@c' }, ['email']],
      [{ mobile: 'x', otherNumber: 'y', email: 'z' }, ['mobile', 'otherNumber', 'email']],
    ];
    for (const [body, fields] of cases) {
      const res = await patchProfile(alice, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const error = apiErrorSchema.parse(await res.json());
      expect(error.error).toBe('invalid-request');
      expect(error.rules).toEqual(fields);
      expect(error.message.length).toBeGreaterThan(0);
    }
    // an unknown field (e.g. the display name, or another user's number) is refused by the schema
    expect((await patchProfile(alice, { number: '101', mobile: '+49 170 1' })).status).toBe(400);
    expect(await (await call(alice, 'GET', '/me/profile')).json()).toEqual(before);
  });

  it('clears a field with "" or null', async () => {
    const res = await patchProfile(alice, { otherNumber: '', email: null });
    const profile = profileSchema.parse(await res.json());
    expect(profile.otherNumber).toBeUndefined();
    expect(profile.email).toBeUndefined();
    expect(profile.mobile).toBe('+49 170 1234567');
    const entry = (await feedEntry(bruno, '100'))?.entry;
    expect(entry?.numbers.map((n) => n.kind)).toEqual(['internal', 'mobile']);
    expect(entry?.email).toBeUndefined();
  });

  it('another user cannot change it: Bruno’s changes land on Bruno only', async () => {
    const aliceBefore = await (await call(alice, 'GET', '/me/profile')).json();
    const res = await patchProfile(bruno, { mobile: '+49 171 7654321' });
    expect(profileSchema.parse(await res.json())).toMatchObject({ number: '101', mobile: '+49 171 7654321' });
    expect(await (await call(alice, 'GET', '/me/profile')).json()).toEqual(aliceBefore);
    // there is no route naming another account
    expect((await call(bruno, 'PATCH', '/accounts/100/profile', { mobile: '1' })).status).toBe(404);
    expect((await call(bruno, 'PUT', '/photos/100', await png(100, 100), 'image/png')).status).toBe(404);
    expect((await call(bruno, 'DELETE', '/photos/100')).status).toBe(404);
  });

  it('resizes an uploaded 1000×800 PNG to 200×200, served to colleagues through the feed’s photoUrl', async () => {
    const upload = await png(1000, 800);
    const res = await call(alice, 'PUT', '/me/photo', upload, 'image/png');
    expect(res.status).toBe(200);
    const profile = profileSchema.parse(await res.json());
    expect(profile.photoUrl).toMatch(PHOTO_URL);
    const entry = (await feedEntry(bruno, '100'))?.entry;
    expect(entry?.photoUrl).toBe(profile.photoUrl);
    const served = await call(bruno, 'GET', profile.photoUrl!.replace(/^\/api\/v1/, ''));
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 200, 200]);
  });

  it('accepts a JPEG (stored as a 200×200 JPEG)', async () => {
    const jpeg = await sharp({ create: { width: 300, height: 640, channels: 3, background: '#aa2200' } })
      .jpeg()
      .toBuffer();
    const res = await call(bruno, 'PUT', '/me/photo', jpeg, 'image/jpeg');
    expect(res.status).toBe(200);
    const url = profileSchema.parse(await res.json()).photoUrl!;
    const served = await call(alice, 'GET', url.replace(/^\/api\/v1/, ''));
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 200, 200]);
  });

  it('refuses too small, too large, other formats and broken files, keeping the current photo', async () => {
    const before = profileSchema.parse(await (await call(alice, 'GET', '/me/profile')).json()).photoUrl;
    const big = await png(450, 450, true);
    expect(big.length).toBeGreaterThan(512 * 1024);
    const gif = Buffer.from(
      'GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00',
      'binary',
    );
    const brokenPng = Buffer.concat([(await png(100, 100)).subarray(0, 40), Buffer.alloc(50)]);
    const cases: [Buffer, string, number, string][] = [
      [await png(39, 100), 'image/png', 400, 'too-small'],
      [await png(100, 30), 'image/png', 400, 'too-small'],
      [big, 'image/png', 413, 'too-large'],
      [gif, 'application/octet-stream', 400, 'not-an-image'],
      [brokenPng, 'image/png', 400, 'not-an-image'],
      [Buffer.alloc(0), 'image/png', 400, 'empty'],
    ];
    for (const [bytes, type, status, reason] of cases) {
      const res = await call(alice, 'PUT', '/me/photo', bytes, type);
      expect(res.status, reason).toBe(status);
      const error = apiErrorSchema.parse(await res.json());
      expect(error.error, reason).toBe('invalid-photo');
      expect(error.rules).toEqual([reason]);
    }
    const after = profileSchema.parse(await (await call(alice, 'GET', '/me/profile')).json()).photoUrl;
    expect(after).toBe(before);
  });

  it('deletes the photo: the entry loses its photoUrl and the photo is gone', async () => {
    const url = profileSchema.parse(await (await call(alice, 'GET', '/me/profile')).json()).photoUrl!;
    const res = await call(alice, 'DELETE', '/me/photo');
    expect(res.status).toBe(200);
    expect(profileSchema.parse(await res.json()).photoUrl).toBeUndefined();
    expect((await feedEntry(bruno, '100'))?.entry?.photoUrl).toBeUndefined();
    expect((await call(bruno, 'GET', url.replace(/^\/api\/v1/, ''))).status).toBe(404);
  });
});
