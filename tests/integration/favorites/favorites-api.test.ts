/**
 * The favorites API of the real UC server (SPEC D1, D2) on SQLite and
 * PostgreSQL: the demo users' default group, create / rename / order / delete
 * groups, add / remove / order favorites, the default number, idempotent
 * replays (no duplicates), convergent changes, the `favorites-changed` live
 * event to the account's own connections only, and isolation between
 * accounts (nobody reads or changes another's favorites).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FAVORITES_GROUP } from '../../../server/src/app/seed-demo';
import {
  favoritesChangeResponseSchema,
  favoritesDocumentSchema,
  type FavoritesChange,
  type FavoritesDocument,
} from '../../../src-preload/contract/favorites';
import type { LiveEvent } from '../../../src-preload/contract/ipc-contract';
import { loginAccessToken } from '../../support/login-access-token';
import { openLiveEvents } from '../../support/open-live-events';
import { until } from '../../support/sync-helpers';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

/** The account's live events (pings left out), through the clients' first-frame authentication. */
async function listen(apiUrl: string, token: string): Promise<{ readonly events: LiveEvent[]; close(): void }> {
  const live = await openLiveEvents(apiUrl, token);
  return {
    get events() {
      return live.events.filter((event) => event.type !== 'ping');
    },
    close: () => live.close(),
  };
}

describe.each(['sqlite', 'postgres'] as const)('favorites API on %s', (database) => {
  let stack: UcStack;
  let alice: string;
  let bruno: string;

  function call(method: string, path: string, token: string | undefined, body?: unknown, key?: string) {
    return fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(key !== undefined ? { 'idempotency-key': key } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  }
  async function list(token: string): Promise<FavoritesDocument> {
    const res = await call('GET', '/favorites', token);
    expect(res.status).toBe(200);
    return favoritesDocumentSchema.parse(await res.json());
  }
  async function change(token: string, body: FavoritesChange, key = randomUUID()): Promise<number> {
    const res = await call('POST', '/favorites/changes', token, body, key);
    expect(res.status, await res.clone().text()).toBe(200);
    return favoritesChangeResponseSchema.parse(await res.json()).version;
  }
  const groupNamed = (doc: FavoritesDocument, name: string) => doc.groups.find((g) => g.name === name);

  beforeAll(async () => {
    stack = await startUcStack({ database, withKamailio: false });
    alice = await loginAccessToken(stack.apiUrl, '100', 'Welcome100!');
    bruno = await loginAccessToken(stack.apiUrl, '101', 'Welcome101!');
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('the demo users start with their colleagues in a default group', async () => {
    const doc = await list(alice);
    expect(doc.version).toBe(1);
    expect(doc.groups.map((g) => g.name)).toEqual([DEMO_FAVORITES_GROUP]);
    const team = doc.groups[0]!;
    expect(team.favorites.map((f) => f.internalNumber)).toEqual(
      stack.users.filter((u) => u.number !== '100').map((u) => u.number),
    );
    expect(team.favorites[0]).toMatchObject({ entryId: 'internal:101', name: 'Bruno Müller' });
  });

  it('401 without a token, 400 without an Idempotency-Key or with a bad change', async () => {
    expect((await call('GET', '/favorites', undefined)).status).toBe(401);
    expect((await call('POST', '/favorites/changes', undefined, { op: 'nope' }, randomUUID())).status).toBe(401);
    const noKey = await call('POST', '/favorites/changes', alice, { op: 'deleteGroup', groupId: randomUUID() });
    expect(noKey.status).toBe(400);
    const cases: unknown[] = [
      { op: 'createGroup', groupId: randomUUID(), name: '   ' },
      { op: 'createGroup', groupId: 'not-a-uuid', name: 'X' },
      { op: 'createGroup', groupId: randomUUID(), name: 'x'.repeat(61) },
      { op: 'explode' },
      { op: 'setDefaultNumber', favoriteId: randomUUID(), defaultNumber: 'call me' },
    ];
    for (const body of cases) {
      const res = await call('POST', '/favorites/changes', alice, body, randomUUID());
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });

  it('groups and favorites: create, add, default number, order, rename, remove, delete', async () => {
    const live = await listen(stack.apiUrl, alice);
    const brunoLive = await listen(stack.apiUrl, bruno);
    try {
      const g1 = randomUUID();
      const g2 = randomUUID();
      const v1 = await change(alice, { op: 'createGroup', groupId: g1, name: '  Sales  ' });
      await change(alice, { op: 'createGroup', groupId: g2, name: 'Support' });
      const f1 = randomUUID();
      const f2 = randomUUID();
      await change(alice, {
        op: 'addFavorite',
        favoriteId: f1,
        groupId: g1,
        entryId: 'internal:102',
        name: 'Chloé Dubois',
        internalNumber: '102',
      });
      await change(alice, { op: 'addFavorite', favoriteId: f2, groupId: g1, entryId: 'global:x', name: 'ACME desk' });
      await change(alice, { op: 'setDefaultNumber', favoriteId: f2, defaultNumber: '+33 1 23 45 67 89' });
      await change(alice, { op: 'orderFavorites', groupId: g1, favoriteIds: [f2, f1] });
      const team = groupNamed(await list(alice), DEMO_FAVORITES_GROUP)!;
      const last = await change(alice, { op: 'orderGroups', groupIds: [g2, g1, team.id] });
      expect(last).toBe(v1 + 6);
      let doc = await list(alice);
      expect(doc.version).toBe(last);
      expect(doc.groups.map((g) => g.name)).toEqual(['Support', 'Sales', DEMO_FAVORITES_GROUP]);
      expect(groupNamed(doc, 'Sales')!.favorites).toEqual([
        { id: f2, entryId: 'global:x', name: 'ACME desk', defaultNumber: '+33 1 23 45 67 89' },
        { id: f1, entryId: 'internal:102', name: 'Chloé Dubois', internalNumber: '102' },
      ]);
      await change(alice, { op: 'renameGroup', groupId: g1, name: 'Key accounts' });
      await change(alice, { op: 'setDefaultNumber', favoriteId: f2, defaultNumber: null });
      await change(alice, { op: 'removeFavorite', favoriteId: f1 });
      await change(alice, { op: 'deleteGroup', groupId: g2 });
      doc = await list(alice);
      expect(doc.groups.map((g) => g.name)).toEqual(['Key accounts', DEMO_FAVORITES_GROUP]);
      expect(groupNamed(doc, 'Key accounts')!.favorites).toEqual([{ id: f2, entryId: 'global:x', name: 'ACME desk' }]);
      // deleting a group takes its favorites with it
      await change(alice, { op: 'deleteGroup', groupId: g1 });
      expect((await list(alice)).groups.map((g) => g.name)).toEqual([DEMO_FAVORITES_GROUP]);
      // every change reached the account's other connection, with its version; none reached Bruno
      await until('all changes signalled', () => live.events.length >= 12, 5000);
      expect(live.events.every((e) => e.type === 'favorites-changed')).toBe(true);
      expect(live.events.at(-1)).toEqual({ type: 'favorites-changed', version: (await list(alice)).version });
      expect(brunoLive.events.filter((e) => e.type === 'favorites-changed')).toEqual([]);
    } finally {
      live.close();
      brunoLive.close();
    }
  });

  it('a replayed change is applied once; an entry is at most once per group; deleting what is gone is fine', async () => {
    const g = randomUUID();
    const key = randomUUID();
    const body: FavoritesChange = { op: 'createGroup', groupId: g, name: 'Replay' };
    const first = await change(alice, body, key);
    expect(await change(alice, body, key)).toBe(first);
    // the same key for another change is a conflict
    const reused = await call('POST', '/favorites/changes', alice, { op: 'deleteGroup', groupId: g }, key);
    expect(reused.status).toBe(409);
    const add = { op: 'addFavorite', groupId: g, entryId: 'internal:103', name: 'David Moreau' } as const;
    await change(alice, { ...add, favoriteId: randomUUID() });
    // a second device added the same colleague offline: one favorite, not two
    await change(alice, { ...add, favoriteId: randomUUID() });
    expect(groupNamed(await list(alice), 'Replay')!.favorites).toHaveLength(1);
    await change(alice, { op: 'deleteGroup', groupId: g });
    await change(alice, { op: 'deleteGroup', groupId: g });
    await change(alice, { op: 'removeFavorite', favoriteId: randomUUID() });
    // changes to what is not there (another device deleted it) are 404, and change nothing
    const gone = await call('POST', '/favorites/changes', alice, { ...add, favoriteId: randomUUID() }, randomUUID());
    expect(gone.status).toBe(404);
    expect(groupNamed(await list(alice), 'Replay')).toBeUndefined();
  });

  it('isolation: nobody reads or changes another account’s favorites', async () => {
    const g = randomUUID();
    await change(alice, { op: 'createGroup', groupId: g, name: 'Private' });
    const f = randomUUID();
    await change(alice, { op: 'addFavorite', groupId: g, favoriteId: f, entryId: 'internal:104', name: 'Emma' });
    const brunosView = await list(bruno);
    expect(brunosView.groups.map((gr) => gr.id)).not.toContain(g);
    expect(JSON.stringify(brunosView)).not.toContain(f);
    // Bruno's changes aimed at Alice's rows: 404 (like a missing one) or no effect
    const attempts: FavoritesChange[] = [
      { op: 'renameGroup', groupId: g, name: 'Hacked' },
      { op: 'addFavorite', groupId: g, favoriteId: randomUUID(), entryId: 'internal:101', name: 'Bruno' },
      { op: 'setDefaultNumber', favoriteId: f, defaultNumber: '999' },
      { op: 'orderFavorites', groupId: g, favoriteIds: [f] },
      { op: 'createGroup', groupId: g, name: 'Mine now' },
    ];
    for (const attempt of attempts) {
      const res = await call('POST', '/favorites/changes', bruno, attempt, randomUUID());
      expect(res.status, attempt.op).toBe(404);
    }
    await change(bruno, { op: 'deleteGroup', groupId: g });
    await change(bruno, { op: 'removeFavorite', favoriteId: f });
    await change(bruno, { op: 'orderGroups', groupIds: [g] });
    const after = groupNamed(await list(alice), 'Private');
    expect(after).toEqual({ id: g, name: 'Private', favorites: [{ id: f, entryId: 'internal:104', name: 'Emma' }] });
    expect((await list(bruno)).groups.map((gr) => gr.id)).not.toContain(g);
  });
});
