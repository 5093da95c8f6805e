import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import {
  changesResponseSchema,
  contactImportResponseSchema,
  contactMutationResponseSchema,
  type Change,
  type ContactMutationResponse,
} from '../../../src-preload/contract/directory';
import type { LiveEvent } from '../../../src-preload/contract/ipc-contract';
import { apiErrorSchema, LIVE_EVENTS_CLOSE } from '../../../src-preload/contract/platform';
import { loginResponseSchema } from '../../../src-preload/contract/session';
import { publishInternalEntry } from '../../../server/src/features/directory/internal-directory';
import type { Db } from '../../../server/src/platform/db/database';
import { openLiveEvents } from '../../support/open-live-events';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

// The data API (change feed, contacts CRUD with Idempotency-Key, imports,
// live events) over real HTTP and WebSocket against real SQLite and
// PostgreSQL. Users: 100 Alice and 101 Bruno (demo users, no forced change),
// 102 Chloé (forced password change: her token may only change the password).

interface Reply {
  status: number;
  json: unknown;
}

describe.each(['sqlite', 'postgres'] as const)('UC server data API on %s', (database) => {
  let stack: UcStack;
  let alice: string;
  let bruno: string;
  let chloe: string;
  let db: Db;

  async function call(
    method: string,
    path: string,
    options: { body?: unknown; token?: string | undefined; key?: string } = {},
  ): Promise<Reply> {
    const response = await fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.token !== undefined ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.key !== undefined ? { 'idempotency-key': options.key } : {}),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : undefined };
  }

  async function token(user: string, password: string): Promise<string> {
    const res = await call('POST', '/auth/login', { body: { user, password } });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    return loginResponseSchema.parse(res.json).accessToken;
  }

  function expectError(res: Reply, status: number, code: string): string {
    expect(res.status, JSON.stringify(res.json)).toBe(status);
    const error = apiErrorSchema.parse(res.json);
    expect(error.error).toBe(code);
    return error.message;
  }

  function ok(res: Reply): ContactMutationResponse {
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    return contactMutationResponseSchema.parse(res.json);
  }

  async function createContact(owner: string, fields: Record<string, string>): Promise<ContactMutationResponse> {
    return ok(await call('POST', '/contacts', { token: owner, key: randomUUID(), body: { id: randomUUID(), fields } }));
  }

  /** Every change visible to `owner` since `since`, following hasMore (bounded). */
  async function pullAll(owner: string, since = 0, limit = 1000): Promise<{ changes: Change[]; revision: number }> {
    const changes: Change[] = [];
    let revision = since;
    for (let page = 0; page < 1000; page++) {
      const res = await call('GET', `/changes?since=${revision}&limit=${limit}`, { token: owner });
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      const body = changesResponseSchema.parse(res.json);
      changes.push(...body.changes);
      expect(body.revision).toBeGreaterThanOrEqual(revision);
      revision = body.revision;
      if (!body.hasMore) return { changes, revision };
    }
    throw new Error('change feed did not end');
  }

  async function personalCount(ownerNumber: string): Promise<number> {
    const row = await db
      .selectFrom('directory_entries')
      .innerJoin('accounts', 'accounts.id', 'directory_entries.owner_account_id')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('accounts.number', '=', ownerNumber)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  function importBody(content: string | Uint8Array, format: 'csv' | 'xml' = 'csv', encoding?: string): unknown {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
    return { format, ...(encoding ? { encoding } : {}), contentBase64: bytes.toString('base64') };
  }

  beforeAll(async () => {
    stack = await startUcStack({ database, withKamailio: false });
    db = stack.ctx!.db;
    alice = await token('100', 'Welcome100!');
    bruno = await token('101', 'Welcome101!');
    chloe = await token('102', 'Welcome102!');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('serves the internal directory to every user in the initial sync', async () => {
    const { changes } = await pullAll(bruno);
    const internal = changes.filter((c) => c.entry?.source === 'internal');
    expect(internal.map((c) => c.id).sort()).toEqual(stack.users.map((u) => `internal:${u.number}`).sort());
    expect(internal.find((c) => c.id === 'internal:101')?.entry).toMatchObject({
      displayName: 'Bruno Müller',
      numbers: [{ kind: 'internal', number: '101' }],
    });
  });

  it('documents the data routes in the OpenAPI description', async () => {
    const res = await call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    const paths = Object.keys((res.json as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(expect.arrayContaining(['/changes', '/contacts', '/contacts/{id}', '/contacts/import']));
  });

  it('creates a contact with canonical numbers, flagged as edited by hand', async () => {
    const id = randomUUID();
    const res = ok(
      await call('POST', '/contacts', {
        token: alice,
        key: randomUUID(),
        body: {
          id,
          fields: { firstName: 'Hans', lastName: 'Müller', business: '+49 (89) 7007-98765', mobile: '1 23' },
        },
      }),
    );
    expect(res.entry).toMatchObject({
      id: `personal:${id}`,
      source: 'personal',
      displayName: 'Hans Müller',
      handEdited: true,
      numbers: [
        { kind: 'business', number: '+49 89 700798765' },
        { kind: 'mobile', number: '123' },
      ],
    });
    expect(res.revision).toBeGreaterThan(0);
    expectError(
      await call('POST', '/contacts', {
        token: alice,
        key: randomUUID(),
        body: { id: randomUUID(), fields: { email: 'a@b.cd' } },
      }),
      400,
      'invalid-request',
    );
    expectError(
      await call('POST', '/contacts', {
        token: alice,
        key: randomUUID(),
        body: { id: randomUUID(), fields: { lastName: 'X', email: 'nope' } },
      }),
      400,
      'invalid-request',
    );
  });

  it('applies a replayed Idempotency-Key once and returns the stored reply', async () => {
    const key = randomUUID();
    const body = { id: randomUUID(), fields: { firstName: 'Replay', lastName: 'Once' } };
    const before = await personalCount('100');
    const first = ok(await call('POST', '/contacts', { token: alice, key, body }));
    const second = ok(await call('POST', '/contacts', { token: alice, key, body }));
    expect(second).toEqual(first);
    expect(await personalCount('100')).toBe(before + 1);
    const feed = await pullAll(alice, first.revision - 1);
    expect(feed.changes.filter((c) => c.id === `personal:${body.id}`)).toHaveLength(1);
    // a patch replayed after a later edit does not undo the later edit
    const patchKey = randomUUID();
    ok(
      await call('PATCH', `/contacts/personal:${body.id}`, {
        token: alice,
        key: patchKey,
        body: { fields: { company: 'A' } },
      }),
    );
    ok(
      await call('PATCH', `/contacts/personal:${body.id}`, {
        token: alice,
        key: randomUUID(),
        body: { fields: { company: 'B' } },
      }),
    );
    const replay = ok(
      await call('PATCH', `/contacts/personal:${body.id}`, {
        token: alice,
        key: patchKey,
        body: { fields: { company: 'A' } },
      }),
    );
    expect(replay.entry?.company).toBe('A');
    const stored = await db
      .selectFrom('directory_entries')
      .select('company')
      .where('id', '=', `personal:${body.id}`)
      .executeTakeFirst();
    expect(stored?.company).toBe('B');
    // the same key for another request is refused; no key at all too
    expectError(await call('DELETE', `/contacts/personal:${body.id}`, { token: alice, key }), 409, 'conflict');
    expect(expectError(await call('POST', '/contacts', { token: alice, body }), 400, 'invalid-request')).toMatch(
      /Idempotency-Key/,
    );
  });

  it('applies a key sent twice at the same time only once', async () => {
    const key = randomUUID();
    const body = { id: randomUUID(), fields: { firstName: 'Twice', lastName: 'AtOnce' } };
    const before = await personalCount('100');
    const [first, second] = await Promise.all([
      call('POST', '/contacts', { token: alice, key, body }),
      call('POST', '/contacts', { token: alice, key, body }),
    ]);
    expect(ok(second)).toEqual(ok(first));
    expect(await personalCount('100')).toBe(before + 1);
  });

  it('signals a reset server with a revision below since, and publishes unchanged accounts for free', async () => {
    const head = (await pullAll(alice)).revision;
    const reset = changesResponseSchema.parse(
      (await call('GET', `/changes?since=${head + 1000}`, { token: alice })).json,
    );
    expect(reset).toEqual({ changes: [], revision: head, hasMore: false });
    await publishInternalEntry(stack.ctx!, { number: '100', displayName: 'Alice Martin' });
    expect((await pullAll(alice, head)).changes).toEqual([]);
  });

  it('resolves concurrent edits per field, last writer wins', async () => {
    const created = await createContact(alice, { firstName: 'Per', lastName: 'Field', mobile: '+33 6 12 34 56 78' });
    const path = `/contacts/${created.entry!.id}`;
    // two offline clients: one changed the e-mail, the other the company
    ok(await call('PATCH', path, { token: alice, key: randomUUID(), body: { fields: { email: 'per@example.com' } } }));
    const both = ok(
      await call('PATCH', path, { token: alice, key: randomUUID(), body: { fields: { company: 'ACME' } } }),
    );
    expect(both.entry).toMatchObject({ email: 'per@example.com', company: 'ACME', firstName: 'Per' });
    expect(both.entry?.numbers).toEqual([{ kind: 'mobile', number: '+33 6 12 34 56 78' }]);
    // same field: the later request wins; '' clears a field
    ok(await call('PATCH', path, { token: alice, key: randomUUID(), body: { fields: { company: 'First' } } }));
    const last = ok(
      await call('PATCH', path, {
        token: alice,
        key: randomUUID(),
        body: { fields: { company: 'Second', mobile: '' } },
      }),
    );
    expect(last.entry).toMatchObject({ company: 'Second', email: 'per@example.com', numbers: [] });
    // a patch that would leave no name is refused and changes nothing
    expectError(
      await call('PATCH', path, {
        token: alice,
        key: randomUUID(),
        body: { fields: { firstName: '', lastName: '', company: '' } },
      }),
      400,
      'invalid-request',
    );
    const feed = await pullAll(alice, last.revision - 1);
    expect(feed.changes.find((c) => c.id === created.entry!.id)?.entry).toMatchObject({
      company: 'Second',
      handEdited: true,
    });
  });

  it('deletes a contact: a tombstone in the feed, then 404', async () => {
    const created = await createContact(alice, { company: 'Doomed Ltd' });
    const id = created.entry!.id;
    const deleted = ok(await call('DELETE', `/contacts/${id}`, { token: alice, key: randomUUID() }));
    expect(deleted.entry).toBeUndefined();
    const feed = await pullAll(alice, created.revision);
    expect(feed.changes.filter((c) => c.id === id)).toEqual([{ revision: deleted.revision, op: 'delete', id }]);
    expectError(await call('DELETE', `/contacts/${id}`, { token: alice, key: randomUUID() }), 404, 'not-found');
    expectError(
      await call('PATCH', `/contacts/${id}`, {
        token: alice,
        key: randomUUID(),
        body: { fields: { company: 'Back' } },
      }),
      404,
      'not-found',
    );
  });

  it('pages the change feed in revision order, each change once, and validates paging', async () => {
    const start = (await pullAll(alice)).revision;
    const ids: string[] = [];
    for (let i = 0; i < 23; i++) ids.push((await createContact(alice, { lastName: `Page ${i}` })).entry!.id);
    const seen: number[] = [];
    const got: string[] = [];
    let revision = start;
    let pages = 0;
    for (;;) {
      const body = changesResponseSchema.parse(
        (await call('GET', `/changes?since=${revision}&limit=5`, { token: alice })).json,
      );
      pages += 1;
      expect(body.changes.length).toBeLessThanOrEqual(5);
      seen.push(...body.changes.map((c) => c.revision));
      got.push(...body.changes.map((c) => c.id));
      revision = body.revision;
      if (!body.hasMore) break;
      expect(pages).toBeLessThan(20);
    }
    expect(pages).toBe(5);
    expect(got).toEqual(ids);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(new Set(seen).size).toBe(seen.length);
    // nothing new: same revision back, no changes
    const empty = changesResponseSchema.parse((await call('GET', `/changes?since=${revision}`, { token: alice })).json);
    expect(empty).toEqual({ changes: [], revision, hasMore: false });
    for (const bad of ['limit=0', 'limit=5001', 'since=-1', 'since=abc', 'other=1'])
      expectError(await call('GET', `/changes?${bad}`, { token: alice }), 400, 'invalid-request');
  });

  it("never shows one user's contacts to another, and answers 404 for them", async () => {
    const secret = await createContact(alice, { firstName: 'Secret', lastName: 'Alice', email: 'secret@example.com' });
    const id = secret.entry!.id;
    const brunoFeed = await pullAll(bruno);
    // Bruno has no contacts of his own yet: no personal entry at all may reach him
    expect(brunoFeed.changes.filter((c) => c.entry?.source === 'personal')).toEqual([]);
    expect(brunoFeed.changes.find((c) => c.id === id)).toBeUndefined();
    expect(JSON.stringify(brunoFeed)).not.toContain('secret@example.com');
    const notFound = expectError(
      await call('PATCH', `/contacts/${id}`, {
        token: bruno,
        key: randomUUID(),
        body: { fields: { company: 'Hacked' } },
      }),
      404,
      'not-found',
    );
    // exactly the answer for a contact that does not exist
    expect(notFound).toBe(`No contact ${id}`);
    expectError(await call('DELETE', `/contacts/${id}`, { token: bruno, key: randomUUID() }), 404, 'not-found');
    expectError(
      await call('POST', '/contacts', {
        token: bruno,
        key: randomUUID(),
        body: { id: id.slice(9), fields: { company: 'X' } },
      }),
      409,
      'conflict',
    );
    // Bruno's import with the same name creates HIS contact, Alice's is untouched
    const aliceBefore = await personalCount('100');
    const imported = contactImportResponseSchema.parse(
      (
        await call('POST', '/contacts/import', {
          token: bruno,
          body: importBody('firstName,lastName,company\nSecret,Alice,Hacked\n'),
        })
      ).json,
    );
    expect(imported.report).toEqual({ imported: 1, updated: 0, skipped: [] });
    expect(await personalCount('100')).toBe(aliceBefore);
    const row = await db.selectFrom('directory_entries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.company).toBeNull();
    expect((await pullAll(alice)).changes.some((c) => c.entry?.company === 'Hacked')).toBe(false);
  });

  it('requires a valid full-scope token on every data route', async () => {
    const id = (await createContact(alice, { lastName: 'Guarded' })).entry!.id;
    const routes: [string, string, unknown?][] = [
      ['GET', '/changes?since=0'],
      ['POST', '/contacts', { id: randomUUID(), fields: { lastName: 'X' } }],
      ['PATCH', `/contacts/${id}`, { fields: { lastName: 'X' } }],
      ['DELETE', `/contacts/${id}`],
      ['POST', '/contacts/import', importBody('lastName\nX\n')],
    ];
    for (const [method, path, body] of routes) {
      const opts = { key: randomUUID(), ...(body === undefined ? {} : { body }) };
      expectError(await call(method, path, opts), 401, 'unauthorized');
      expectError(await call(method, path, { ...opts, token: 'forged.token' }), 401, 'unauthorized');
      expectError(await call(method, path, { ...opts, token: chloe }), 403, 'password-change-required');
      // authentication comes before validation: an anonymous bad payload is still a 401
      const junk = method === 'GET' ? { key: randomUUID() } : { key: randomUUID(), body: { junk: true } };
      expectError(await call(method, method === 'GET' ? '/changes?since=-5' : path, junk), 401, 'unauthorized');
    }
    const row = await db
      .selectFrom('directory_entries')
      .select('last_name')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.last_name).toBe('Guarded');
  });

  it('imports CSV and XML with a report of skipped rows', async () => {
    const csv = [
      'Prénom;Nom;Société;E-mail;Portable;Téléphone',
      'Jean;Dupont;ACME;jean@acme.fr;+33 6 11 22 33 44;0033 1 23 45 67 89',
      ';;;;+33 6 00 00 00 00;',
      'Paul;Bad;;not-an-email;;',
      'Anne;Numéro;;;call me;',
      'jean;DUPONT;;;;',
    ].join('\n');
    const res = await call('POST', '/contacts/import', { token: alice, body: importBody(csv) });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const { report } = contactImportResponseSchema.parse(res.json);
    expect(report.imported).toBe(1);
    expect(report.updated).toBe(0);
    expect(report.skipped.map((s) => s.row)).toEqual([3, 4, 5, 6]);
    expect(report.skipped[0]?.reason).toMatch(/no name/);
    expect(report.skipped[1]?.reason).toMatch(/e-mail/);
    expect(report.skipped[2]?.reason).toMatch(/number/);
    expect(report.skipped[3]?.reason).toBe('duplicate of row 2');
    const jean = await db
      .selectFrom('directory_entries')
      .selectAll()
      .where('display_name', '=', 'Jean Dupont')
      .executeTakeFirstOrThrow();
    expect(jean).toMatchObject({ company: 'ACME', email: 'jean@acme.fr', hand_edited: 0 });
    expect(JSON.parse(jean.numbers)).toEqual([
      { kind: 'business', number: '+33 1 23 45 67 89' },
      { kind: 'mobile', number: '+33 6 11 22 33 44' },
    ]);

    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<contacts>
  <contact><firstName>Zoé</firstName><lastName>Xml</lastName><mobile>+41 79 123 45 67</mobile></contact>
  <contact><email>nobody@example.com</email></contact>
</contacts>`;
    const xmlRes = contactImportResponseSchema.parse(
      (await call('POST', '/contacts/import', { token: alice, body: importBody(xml, 'xml') })).json,
    );
    expect(xmlRes.report).toEqual({
      imported: 1,
      updated: 0,
      skipped: [{ row: 2, reason: 'no name (first name, last name or company)' }],
    });
    const feed = await pullAll(alice, xmlRes.revision - 1);
    expect(feed.changes.map((c) => c.entry?.displayName)).toContain('Zoé Xml');
  });

  it('imports windows-1252 ("Müller") when that encoding is chosen, and refuses it as UTF-8', async () => {
    const bytes = Buffer.from('firstName,lastName\nGünter,Müller1252\n', 'latin1');
    const before = await personalCount('100');
    const wrong = await call('POST', '/contacts/import', { token: alice, body: importBody(bytes) });
    expect(expectError(wrong, 400, 'import-failed')).toMatch(/not valid utf-8/);
    expect(await personalCount('100')).toBe(before);
    const res = contactImportResponseSchema.parse(
      (await call('POST', '/contacts/import', { token: alice, body: importBody(bytes, 'csv', 'windows-1252') })).json,
    );
    expect(res.report.imported).toBe(1);
    const row = await db
      .selectFrom('directory_entries')
      .select(['first_name', 'last_name'])
      .where('last_name', '=', 'Müller1252')
      .executeTakeFirst();
    expect(row).toEqual({ first_name: 'Günter', last_name: 'Müller1252' });
    expect(
      expectError(
        await call('POST', '/contacts/import', { token: alice, body: importBody(bytes, 'csv', 'klingon') }),
        400,
        'invalid-request',
      ),
    ).toMatch(/Unknown encoding/);
  });

  it('refuses malformed CSV and XML as a whole: clear report, nothing half-imported', async () => {
    const before = await personalCount('100');
    const headBefore = (await pullAll(alice)).revision;
    const cases: [string, 'csv' | 'xml', RegExp][] = [
      ['firstName,lastName\nGood,One\nGood,Two\n"Broken,Three\nGood,Four\n', 'csv', /cannot be read/],
      ['firstName,lastName\nGood,One\nToo,Many,Cells\n', 'csv', /cannot be read/],
      ['email,mobile\na@b.cd,123\n', 'csv', /Missing a name column/],
      [
        '<contacts><contact><lastName>Good</lastName></contact><contact><lastName>Bad</contact></contacts>',
        'xml',
        /malformed/,
      ],
      ['<people><person><lastName>X</lastName></person></people>', 'xml', /<contacts> root/],
    ];
    for (const [content, format, message] of cases) {
      const res = await call('POST', '/contacts/import', { token: alice, body: importBody(content, format) });
      expect(expectError(res, 400, 'import-failed')).toMatch(message);
      const error = apiErrorSchema.parse(res.json);
      expect(error.report?.imported).toBe(0);
      expect(error.report?.skipped[0]?.reason).toMatch(message);
    }
    expect(await personalCount('100')).toBe(before);
    expect((await pullAll(alice, headBefore)).changes).toEqual([]);
  });

  it('never overwrites a hand-edited contact on re-import, updates imported ones', async () => {
    const first = contactImportResponseSchema.parse(
      (
        await call('POST', '/contacts/import', {
          token: alice,
          body: importBody('firstName,lastName,company\nIvo,Imported,Old Co\nHedda,Handmade,Old Co\n'),
        })
      ).json,
    );
    expect(first.report).toEqual({ imported: 2, updated: 0, skipped: [] });
    const hedda = await db
      .selectFrom('directory_entries')
      .select('id')
      .where('display_name', '=', 'Hedda Handmade')
      .executeTakeFirstOrThrow();
    ok(
      await call('PATCH', `/contacts/${hedda.id}`, {
        token: alice,
        key: randomUUID(),
        body: { fields: { email: 'hedda@home.org' } },
      }),
    );
    const again = contactImportResponseSchema.parse(
      (
        await call('POST', '/contacts/import', {
          token: alice,
          body: importBody('firstName,lastName,company\nIvo,Imported,New Co\nhedda,HANDMADE,New Co\n'),
        })
      ).json,
    );
    expect(again.report).toEqual({
      imported: 0,
      updated: 1,
      skipped: [{ row: 3, reason: 'edited by hand: not overwritten' }],
    });
    const rows = await db
      .selectFrom('directory_entries')
      .select(['display_name', 'company', 'email', 'hand_edited'])
      .where('display_name', 'in', ['Ivo Imported', 'Hedda Handmade'])
      .orderBy('display_name')
      .execute();
    expect(rows).toEqual([
      { display_name: 'Hedda Handmade', company: 'Old Co', email: 'hedda@home.org', hand_edited: 1 },
      { display_name: 'Ivo Imported', company: 'New Co', email: null, hand_edited: 0 },
    ]);
  });

  it('a client syncing while others write concurrently misses nothing (revisions commit in order)', async () => {
    const start = (await pullAll(alice)).revision;
    const seen = new Set<string>();
    let revision = start;
    let writing = true;
    const reader = (async () => {
      for (let i = 0; i < 10_000 && writing; i++) {
        const body = changesResponseSchema.parse(
          (await call('GET', `/changes?since=${revision}&limit=7`, { token: alice })).json,
        );
        for (const change of body.changes) seen.add(change.id);
        revision = body.revision;
      }
    })();
    const created = await Promise.all(
      Array.from({ length: 40 }, (_, i) => createContact(i % 2 === 0 ? alice : bruno, { lastName: `Concurrent ${i}` })),
    );
    writing = false;
    await reader;
    const rest = await pullAll(alice, revision);
    for (const change of rest.changes) seen.add(change.id);
    const aliceIds = created.filter((_, i) => i % 2 === 0).map((c) => c.entry!.id);
    const brunoIds = created.filter((_, i) => i % 2 === 1).map((c) => c.entry!.id);
    expect(aliceIds.filter((id) => !seen.has(id))).toEqual([]);
    expect(brunoIds.filter((id) => seen.has(id))).toEqual([]);
  });

  describe('live events', () => {
    function connect(accessToken: string | undefined): Promise<{ socket: WebSocket; events: LiveEvent[] }> {
      return openLiveEvents(stack.apiUrl, accessToken ?? '', accessToken === undefined ? { authFrame: '{}' } : {});
    }

    async function waitFor(events: LiveEvent[], revision: number, withinMs: number): Promise<number> {
      const started = Date.now();
      while (Date.now() - started < withinMs) {
        if (events.some((e) => e.type === 'changed' && e.revision >= revision)) return Date.now() - started;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`no 'changed' >= ${revision} within ${withinMs} ms (got ${JSON.stringify(events)})`);
    }

    it('closes a connection whose first frame carries no valid token (4401), or a password-change-only one (4403)', async () => {
      await expect(connect(undefined)).rejects.toMatchObject({ code: LIVE_EVENTS_CLOSE.unauthorized });
      await expect(connect('forged.token')).rejects.toMatchObject({ code: LIVE_EVENTS_CLOSE.unauthorized });
      await expect(connect(chloe)).rejects.toMatchObject({ code: LIVE_EVENTS_CLOSE.passwordChangeRequired });
    });

    it("pushes 'changed' within 1 s to the users who can see the change, and only to them", async () => {
      const a = await connect(alice);
      const b = await connect(bruno);
      try {
        const created = await createContact(alice, { firstName: 'Live', lastName: 'Event' });
        expect(await waitFor(a.events, created.revision, 1000)).toBeLessThan(1000);
        await new Promise((r) => setTimeout(r, 300));
        expect(b.events.filter((e) => e.type === 'changed')).toEqual([]);
        // a shared change (an account's directory entry) reaches everyone
        await publishInternalEntry(stack.ctx!, {
          number: '101',
          displayName: 'Bruno Müller',
          email: 'bruno@example.com',
        });
        const head = (await pullAll(bruno)).revision;
        await waitFor(a.events, head, 1000);
        await waitFor(b.events, head, 1000);
      } finally {
        a.socket.close();
        b.socket.close();
      }
    });
  });
});
