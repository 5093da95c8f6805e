/**
 * FavoritesService (engine) over a real SQLite cache and a fake UC server:
 * local changes show at once and survive offline, are sent in order with
 * their Idempotency-Key (a lost reply is resent with the same key), the
 * server's list replaces the cache only once the outbox is empty, a refusal
 * drops the change and brings back the server's truth.
 */
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allMigrations, openAccountDatabase } from '../../../src-main/core/app/client-migrations';
import { FavoritesService, type FavoritesTransport } from '../../../src-main/core/features/favorites';
import { UcClientError } from '../../../src-main/core/platform/uc/uc-client-error';
import type {
  FavoriteGroup,
  FavoritesChange,
  FavoritesDocument,
  FavoritesView,
} from '../../../src-preload/contract/favorites';
import { ManualClock } from '../../support/manual-clock';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A UC server keeping one account's favorites; `down` makes every call fail as unreachable. */
class FakeServer implements FavoritesTransport {
  doc: FavoritesDocument = { version: 0, groups: [] };
  down = false;
  /** the next change is applied but its reply is lost */
  loseNextReply = false;
  refuseNext: UcClientError | undefined;
  readonly keys = new Map<string, number>();
  readonly received: { change: FavoritesChange; key: string }[] = [];

  async list(): Promise<FavoritesDocument> {
    if (this.down) throw new UcClientError('unreachable', 'down');
    return structuredClone(this.doc);
  }

  async change(change: FavoritesChange, key: string) {
    if (this.down) throw new UcClientError('unreachable', 'down');
    this.received.push({ change, key });
    if (this.refuseNext) {
      const err = this.refuseNext;
      this.refuseNext = undefined;
      throw err;
    }
    let version = this.keys.get(key);
    if (version === undefined) {
      const { applyFavoritesChange } = await import('../../../src-main/core/features/favorites');
      this.doc = { version: this.doc.version + 1, groups: applyFavoritesChange(this.doc.groups, change) };
      version = this.doc.version;
      this.keys.set(key, version);
    }
    if (this.loseNextReply) {
      this.loseNextReply = false;
      throw new UcClientError('unreachable', 'reply lost');
    }
    return { version };
  }
}

let db: Database;
let server: FakeServer;
let clock: ManualClock;
let service: FavoritesService;
let views: FavoritesView[];
let uuidCounter: number;

function makeService(): FavoritesService {
  const s = new FavoritesService({
    db,
    transport: server,
    account: 'http://uc|100',
    clock,
    backoff: { baseMs: 100, capMs: 100 },
    uuid: () => id(++uuidCounter),
  });
  s.onDidChange((v) => views.push(v));
  return s;
}

const flush = async () => {
  for (let i = 0; i < 5; i++) {
    await service.whenIdle();
    await new Promise((r) => setTimeout(r, 0));
  }
};
const names = (groups: readonly FavoriteGroup[]) => groups.map((g) => [g.name, g.favorites.map((f) => f.name)]);

beforeEach(() => {
  db = openAccountDatabase(':memory:', { migrations: allMigrations });
  server = new FakeServer();
  clock = new ManualClock();
  views = [];
  uuidCounter = 0;
  service = makeService();
});
afterEach(async () => {
  await service.stop();
  db.close();
});

describe('FavoritesService', () => {
  it('pulls the server list at start and caches it', async () => {
    server.doc = {
      version: 4,
      groups: [{ id: id(900), name: 'Team', favorites: [{ id: id(901), entryId: 'internal:101', name: 'Bruno' }] }],
    };
    service.start();
    await flush();
    expect(names(service.view().groups)).toEqual([['Team', ['Bruno']]]);
    expect(views.at(-1)?.pending).toBe(0);
    // a new service on the same database (restart, offline) shows the cache
    server.down = true;
    await service.stop();
    service = makeService();
    service.start();
    await flush();
    expect(names(service.view().groups)).toEqual([['Team', ['Bruno']]]);
  });

  it('a new group with a first favorite shows at once, is sent in order, and the server list follows', async () => {
    service.start();
    await flush();
    service.change({ op: 'createGroup', name: 'Sales', add: { entryId: 'internal:102', name: 'Chloé' } });
    expect(names(service.view().groups)).toEqual([['Sales', ['Chloé']]]);
    await flush();
    expect(server.received.map((r) => r.change.op)).toEqual(['createGroup', 'addFavorite']);
    expect(service.view().pending).toBe(0);
    expect(service.view().groups).toEqual(server.doc.groups);
  });

  it('offline: changes are kept (marked not synced), then sent once each on reconnect', async () => {
    service.start();
    await flush();
    server.down = true;
    service.setOnline(false);
    service.change({ op: 'createGroup', name: 'Offline' });
    const groupId = service.view().groups[0]!.id;
    service.change({ op: 'addFavorite', groupId, entryId: 'internal:103', name: 'David' });
    service.change({ op: 'renameGroup', groupId, name: 'Offline team' });
    await flush();
    const view = service.view();
    expect(view.pending).toBe(3);
    expect(view.groups[0]!.favorites[0]!.pendingSync).toBe(true);
    server.down = false;
    service.setOnline(true);
    await flush();
    expect(service.view().pending).toBe(0);
    expect(names(server.doc.groups)).toEqual([['Offline team', ['David']]]);
    expect(server.received.map((r) => r.change.op)).toEqual(['createGroup', 'addFavorite', 'renameGroup']);
  });

  it('a lost reply is resent with the same key: applied once, no duplicate', async () => {
    service.start();
    await flush();
    server.loseNextReply = true;
    service.change({ op: 'createGroup', name: 'Once' });
    await flush();
    clock.advance(200);
    await flush();
    expect(server.received).toHaveLength(2);
    expect(server.received[0]!.key).toBe(server.received[1]!.key);
    expect(server.doc.groups.map((g) => g.name)).toEqual(['Once']);
    expect(server.doc.version).toBe(1);
    expect(service.view()).toMatchObject({ pending: 0, groups: [{ name: 'Once' }] });
  });

  it("another device's changes arrive, but never over local changes still waiting", async () => {
    service.start();
    await flush();
    server.down = true;
    service.setOnline(false);
    service.change({ op: 'createGroup', name: 'Mine' });
    // meanwhile another device made a group on the server
    server.doc = { version: 1, groups: [{ id: id(500), name: 'Theirs', favorites: [] }] };
    server.down = false;
    service.requestPull(1);
    await flush();
    expect(service.view().groups.map((g) => g.name)).toEqual(['Mine']);
    service.setOnline(true);
    await flush();
    expect(service.view().groups.map((g) => g.name)).toEqual(['Theirs', 'Mine']);
    expect(service.view().pending).toBe(0);
  });

  it('a change refused for good is dropped and the server truth comes back', async () => {
    service.start();
    await flush();
    server.refuseNext = new UcClientError('api', 'No favorite group', { status: 404, code: 'not-found' });
    service.change({ op: 'createGroup', name: 'Refused' });
    await flush();
    expect(service.view()).toEqual({ pending: 0, groups: [] });
  });

  it('a change to a missing group is refused at once, nothing queued', async () => {
    service.start();
    await flush();
    expect(() => service.change({ op: 'renameGroup', groupId: id(77), name: 'X' })).toThrow(/No favorite group/);
    expect(service.view().pending).toBe(0);
  });
});
