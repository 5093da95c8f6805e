import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncState } from '../../../../src-preload/contract/ipc-contract';
import type { SqliteDatabase } from '../../../../src-main/core/platform/db/open-database';
import { openAccountDatabase } from '../../../../src-main/core/app/client-migrations';
import { DirectoryCache } from '../../../../src-main/core/features/directory/directory-cache';
import { InvalidContactError } from '../../../../src-main/core/features/directory/contacts/contact-entry';
import { ContactNotFoundError, SyncEngine } from '../../../../src-main/core/features/directory/sync/sync-engine';
import { UcClientError } from '../../../../src-main/core/platform/uc/uc-client-error';
import { ManualClock } from '../../../support/manual-clock';
import { FakeTransport, internal, personal } from './fake-transport';

const flush = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
};
const unreachable = () => new UcClientError('unreachable', 'the UC server cannot be reached (test)');

describe('SyncEngine', () => {
  let dir: string;
  let db: SqliteDatabase;
  let cache: DirectoryCache;
  let transport: FakeTransport;
  let clock: ManualClock;
  let engine: SyncEngine;
  let states: SyncState[];

  const make = (account = 'http://uc|100', pageLimit = 3): SyncEngine => {
    const e = new SyncEngine({
      db,
      cache,
      transport,
      account,
      clock,
      pageLimit,
      backoff: { baseMs: 1000, capMs: 8000, minMs: 1000 },
    });
    e.onDidChange((s) => states.push(s));
    return e;
  };
  const outboxRows = () => db.prepare('SELECT op, entity_id, attempts FROM outbox ORDER BY id').all();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sb-sync-'));
    db = openAccountDatabase(join(dir, 'db.sqlite'));
    cache = new DirectoryCache(db);
    transport = new FakeTransport();
    clock = new ManualClock();
    states = [];
    engine = make();
  });

  afterEach(async () => {
    await engine.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pulls every page from the cache revision at start, then reports idle with the revision', async () => {
    for (let i = 0; i < 7; i++) transport.serverUpsert(internal(String(100 + i), `User ${i}`));
    engine.start();
    await engine.whenIdle();
    expect(transport.pulls).toEqual([0, 3, 6]);
    expect(cache.revision).toBe(7);
    expect(cache.count()).toBe(7);
    expect(engine.state).toEqual({ status: 'idle', pending: 0, revision: 7, lastSyncedAt: clock.now() });
    expect(states.map((s) => s.status)).toContain('syncing');
    expect(states.at(-1)?.status).toBe('idle');
  });

  it('coalesces pull requests that arrive during a pull, skips revisions already applied', async () => {
    transport.serverUpsert(internal('100', 'Alice'));
    let open!: () => void;
    transport.gate = new Promise((r) => (open = r));
    engine.start();
    transport.serverUpsert(internal('101', 'Bob'));
    for (let i = 0; i < 5; i++) engine.requestPull(2);
    open();
    transport.gate = undefined;
    await engine.whenIdle();
    await flush();
    await engine.whenIdle();
    expect(transport.pulls).toEqual([0, 2]);
    expect(cache.revision).toBe(2);
    engine.requestPull(2);
    engine.requestPull(1);
    await engine.whenIdle();
    expect(transport.pulls).toHaveLength(2);
  });

  it('a failed pull retries after a backoff; offline waits for setOnline(true)', async () => {
    transport.serverUpsert(internal('100', 'Alice'));
    let failures = 1;
    transport.failNext = (what) => (what === 'changes' && failures-- > 0 ? unreachable() : undefined);
    engine.start();
    await engine.whenIdle();
    expect(cache.revision).toBe(0);
    clock.advance(1000);
    await engine.whenIdle();
    expect(cache.revision).toBe(1);

    engine.setOnline(false);
    expect(engine.state.status).toBe('offline');
    transport.serverUpsert(internal('101', 'Bob'));
    transport.failNext = () => unreachable();
    engine.requestPull(2);
    await engine.whenIdle();
    clock.advance(60_000); // no timer while offline
    await engine.whenIdle();
    transport.failNext = undefined;
    engine.setOnline(true);
    await engine.whenIdle();
    expect(cache.revision).toBe(2);
    expect(engine.state.status).toBe('idle');
  });

  it('a local create writes the cache (pendingSync) and the outbox together, then the server version', async () => {
    engine.start();
    await engine.whenIdle();
    transport.gate = new Promise(() => undefined); // hold the request
    const view = engine.createContact({ firstName: ' Jean ', lastName: 'Dupont', mobile: '+33 6 12 34 56 78' });
    expect(view.id).toMatch(/^personal:[0-9a-f-]{36}$/);
    expect(view.pendingSync).toBe(true);
    expect(view.numbers).toEqual([{ kind: 'mobile', number: '+33612345678' }]);
    expect(cache.get(view.id)).toMatchObject({ displayName: 'Jean Dupont', pendingSync: true });
    expect(outboxRows()).toEqual([{ op: 'create', entity_id: view.id, attempts: 0 }]);
    expect(engine.state.pending).toBe(1);

    transport.gate = undefined;
    await engine.stop();
    engine = make();
    engine.start();
    await engine.whenIdle();
    expect(transport.contacts.get(view.id)).toMatchObject({ displayName: 'Jean Dupont' });
    expect(cache.get(view.id)?.pendingSync).toBeUndefined();
    expect(outboxRows()).toEqual([]);
    expect(engine.state.pending).toBe(0);
  });

  it('retries a transient failure with the same Idempotency-Key until acknowledged, once on the server', async () => {
    engine.start();
    await engine.whenIdle();
    let failures = 3;
    transport.failNext = (what) => (what === 'create' && failures-- > 0 ? unreachable() : undefined);
    const view = engine.createContact({ lastName: 'Durand' });
    await engine.whenIdle();
    expect(outboxRows()).toEqual([{ op: 'create', entity_id: view.id, attempts: 1 }]);
    for (let i = 0; i < 3; i++) {
      clock.advance(8000);
      await engine.whenIdle();
    }
    expect(outboxRows()).toEqual([]);
    const keys = transport.sent.map((s) => s.key);
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(1);
    expect(transport.contacts.size).toBe(1);
  });

  it('edits made offline are sent in order when the connection comes back; no duplicates', async () => {
    engine.start();
    await engine.whenIdle();
    engine.setOnline(false);
    transport.failNext = () => unreachable();
    const a = engine.createContact({ lastName: 'Alpha' });
    const b = engine.createContact({ lastName: 'Beta', business: '0612' });
    engine.updateContact(a.id, { firstName: 'Anna', lastName: 'Alpha' });
    engine.deleteContact(b.id);
    await engine.whenIdle();
    expect(engine.state).toMatchObject({ status: 'offline', pending: 4 });
    expect(cache.get(a.id)?.displayName).toBe('Anna Alpha');
    expect(cache.get(b.id)).toBeUndefined();
    transport.failNext = undefined;
    engine.setOnline(true);
    await engine.whenIdle();
    await engine.whenIdle();
    expect(transport.sent.filter((s) => s.key).map((s) => `${s.op} ${s.id === a.id ? 'a' : 'b'}`)).toEqual(
      expect.arrayContaining(['create a', 'create b', 'patch a', 'delete b']),
    );
    const order = transport.sent.map((s) => s.op);
    expect(order.slice(-4)).toEqual(['create', 'create', 'patch', 'delete']);
    expect(transport.sent.filter((s) => s.op === 'patch')[0]!.fields).toEqual({ firstName: 'Anna' });
    expect([...transport.contacts.keys()]).toEqual([a.id]);
    expect(cache.get(a.id)).toMatchObject({ displayName: 'Anna Alpha' });
    expect(cache.get(a.id)?.pendingSync).toBeUndefined();
    expect(engine.state).toMatchObject({ status: 'idle', pending: 0 });
  });

  it('edits queued while a flush is running are sent too (none stranded)', async () => {
    engine.start();
    await engine.whenIdle();
    let open!: () => void;
    transport.gate = new Promise((r) => (open = r));
    const first = engine.createContact({ lastName: 'First' });
    const more = [1, 2, 3].map((i) => engine.createContact({ lastName: `More${i}` }));
    transport.gate = undefined;
    open();
    for (let i = 0; i < 5; i++) {
      await engine.whenIdle();
      await flush();
    }
    expect(engine.state.pending).toBe(0);
    expect([...transport.contacts.keys()].sort()).toEqual([first.id, ...more.map((m) => m.id)].sort());
  });

  it('a permanent refusal drops the change and its dependants, records why, and restores the contact', async () => {
    engine.start();
    await engine.whenIdle();
    const kept = engine.createContact({ lastName: 'Kept' });
    await engine.whenIdle();
    transport.failNext = (what) =>
      what === 'patch' ? new UcClientError('api', 'refused', { status: 422, code: 'invalid-request' }) : undefined;
    engine.updateContact(kept.id, { lastName: 'Changed' });
    engine.updateContact(kept.id, { lastName: 'Changed again' });
    await engine.whenIdle();
    expect(cache.get(kept.id)).toMatchObject({ displayName: 'Kept' });
    expect(cache.get(kept.id)?.pendingSync).toBeUndefined();
    expect(outboxRows()).toEqual([]);
    const rejected = db.prepare('SELECT op, status, error FROM outbox_rejected ORDER BY id').all();
    expect(rejected).toEqual([
      { op: 'patch', status: 422, error: 'refused' },
      { op: 'patch', status: null, error: expect.stringMatching(/earlier change/) },
    ]);

    transport.failNext = (what) =>
      what === 'create' ? new UcClientError('api', 'nope', { status: 400, code: 'invalid-request' }) : undefined;
    const refused = engine.createContact({ lastName: 'Refused' });
    await engine.whenIdle();
    expect(cache.get(refused.id)).toBeUndefined();
  });

  it.each([401, 408, 429, 503])('HTTP %i is retried, not dropped', async (status) => {
    engine.start();
    await engine.whenIdle();
    let failures = 1;
    transport.failNext = (what) =>
      what === 'create' && failures-- > 0 ? new UcClientError('api', 'later', { status }) : undefined;
    engine.createContact({ lastName: 'Later' });
    await engine.whenIdle();
    expect(engine.state.pending).toBe(1);
    clock.advance(8000);
    await engine.whenIdle();
    expect(engine.state.pending).toBe(0);
    expect(transport.contacts.size).toBe(1);
  });

  it('server changes to a contact with pending edits are deferred; the newer one wins after the ack', async () => {
    const id = 'personal:11111111-1111-4111-8111-111111111111';
    transport.serverUpsert(personal(id, { lastName: 'Original' }));
    engine.start();
    await engine.whenIdle();
    transport.failNext = (what) => (what === 'patch' ? unreachable() : undefined);
    engine.updateContact(id, { company: 'Local Co' });
    await engine.whenIdle();
    // Another client renames it meanwhile; our pull must not clobber the local pending edit.
    transport.serverUpsert(personal(id, { lastName: 'Renamed' }));
    engine.requestPull(2);
    await engine.whenIdle();
    expect(cache.revision).toBe(2);
    expect(cache.get(id)).toMatchObject({ displayName: 'Original', company: 'Local Co', pendingSync: true });
    expect(db.prepare('SELECT entity_id, revision FROM sync_deferred').all()).toEqual([{ entity_id: id, revision: 2 }]);
    transport.failNext = undefined;
    clock.advance(8000);
    await engine.whenIdle();
    // The server merged both (last writer wins per field) and acknowledged at revision 3 > 2.
    expect(cache.get(id)).toMatchObject({ displayName: 'Renamed', company: 'Local Co' });
    expect(cache.get(id)?.pendingSync).toBeUndefined();
    expect(db.prepare('SELECT count(*) FROM sync_deferred').pluck().get()).toBe(0);
  });

  it('a deferred server change newer than the acknowledgement wins', async () => {
    const id = 'personal:22222222-2222-4222-8222-222222222222';
    transport.serverUpsert(personal(id, { lastName: 'Original' }));
    engine.start();
    await engine.whenIdle();
    // The patch is applied on the server, then another client changes the contact,
    // and our pull sees that before the patch's reply arrives.
    let release!: () => void;
    transport.failNext = (what) => {
      if (what !== 'patch') return undefined;
      transport.failNext = undefined;
      return undefined;
    };
    const origPatch = transport.patchContact.bind(transport);
    transport.patchContact = async (pid, body, key) => {
      const reply = await origPatch(pid, body, key);
      transport.serverUpsert(personal(id, { lastName: 'Later', company: 'Other' }));
      engine.requestPull(transport.currentRevision);
      await new Promise<void>((r) => (release = r));
      return reply;
    };
    engine.updateContact(id, { company: 'Mine' });
    await flush();
    await new Promise((r) => setTimeout(r, 20));
    expect(db.prepare('SELECT revision FROM sync_deferred').pluck().get()).toBe(3);
    release();
    await engine.whenIdle();
    expect(cache.get(id)).toMatchObject({ displayName: 'Later', company: 'Other' });
    expect(cache.get(id)?.pendingSync).toBeUndefined();
  });

  it('a server whose feed restarted below our revision (database reset) makes the cache resync from 0', async () => {
    for (let i = 0; i < 4; i++) transport.serverUpsert(internal(String(100 + i), `Old ${i}`));
    engine.start();
    await engine.whenIdle();
    expect(cache.revision).toBe(4);
    const fresh = new FakeTransport();
    fresh.serverUpsert(internal('200', 'New server'));
    Object.assign(transport, { feed: fresh.feed });
    (transport as unknown as { revision: number }).revision = 1;
    engine.requestPull();
    for (let i = 0; i < 3; i++) {
      await engine.whenIdle();
      await flush();
    }
    expect(cache.revision).toBe(1);
    expect(cache.count()).toBe(1);
    expect(cache.get('internal:200')?.displayName).toBe('New server');
  });

  it('rejects invalid fields and unknown contacts without storing anything', () => {
    engine.start();
    expect(() => engine.createContact({ lastName: 'X', mobile: '12ab' })).toThrow(InvalidContactError);
    expect(() => engine.createContact({ lastName: 'X', email: 'not-an-address' })).toThrow(InvalidContactError);
    expect(() => engine.updateContact('personal:nope', { lastName: 'Y' })).toThrow(ContactNotFoundError);
    expect(() => engine.deleteContact('internal:100')).toThrow(ContactNotFoundError);
    expect(outboxRows()).toEqual([]);
    expect(cache.count()).toBe(0);
  });

  it('an update that changes nothing queues nothing', async () => {
    engine.start();
    await engine.whenIdle();
    const c = engine.createContact({ lastName: 'Same', business: '+33 1 23 45 67 89' });
    await engine.whenIdle();
    const again = engine.updateContact(c.id, { lastName: 'Same', business: '+33123456789' });
    expect(again.pendingSync).toBeUndefined();
    expect(outboxRows()).toEqual([]);
  });

  it('another account on the same database starts from an empty cache; its own edits stay queued for it', async () => {
    transport.serverUpsert(internal('100', 'Alice'));
    transport.failNext = () => unreachable();
    engine.start();
    engine.setOnline(false);
    const mine = engine.createContact({ lastName: 'Mine' });
    await engine.stop();
    transport.failNext = undefined;
    engine = make('http://uc|101');
    expect(cache.get(mine.id)).toBeUndefined();
    expect(cache.revision).toBe(0);
    engine.start();
    await engine.whenIdle();
    expect(engine.state.pending).toBe(0);
    expect(transport.sent.filter((s) => s.op === 'create')).toHaveLength(0);
    expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(1);
  });
});
