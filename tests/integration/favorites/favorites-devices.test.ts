/**
 * Favorites across devices (SPEC D1, D2) with the real UC server: two
 * AppCores of the same user (real UC client, live events, SQLite cache; fake
 * SIP engine) and one of another user. A change on one device shows on the
 * other live; changes made on both devices while the server is down show at
 * once on the device that made them and, once it is back, on both — no loss,
 * no duplicates, each created group on the server once; the other user sees
 * none of it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FAVORITES_GROUP } from '../../../server/src/app/seed-demo';
import type { AppCore } from '../../../src-main/core/app/app-core';
import { dispatchInvoke } from '../../../src-main/core/platform/ipc/dispatch-invoke';
import {
  favoritesDocumentSchema,
  type FavoriteGroupView,
  type FavoritesDocument,
  type FavoritesView,
} from '../../../src-preload/contract/favorites';
import type { SessionState } from '../../../src-preload/contract/ipc-contract';
import { createFakeSipCore } from '../../support/create-fake-sip-core';
import { invokeOk } from '../../support/invoke-ok';
import { loginAccessToken } from '../../support/login-access-token';
import { until } from '../../support/sync-helpers';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

interface Device {
  core: AppCore;
  dataDir: string;
  /** every favorites.onDidChange payload */
  seen: FavoritesView[];
}

describe('favorites on two devices of the same user', () => {
  let stack: UcStack;
  const devices: Device[] = [];
  let laptop: Device;
  let desktop: Device;
  let colleague: Device;

  const open = async (user: string, password: string): Promise<Device> => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sb-fav-it-'));
    const core = createFakeSipCore(dataDir, { headsetAdapters: [] });
    const device: Device = { core, dataDir, seen: [] };
    core.onEvent(({ channel, payload }) => {
      if (channel === 'favorites.onDidChange') device.seen.push(payload as FavoritesView);
    });
    devices.push(device);
    const r = await dispatchInvoke(core, 'session.login', { server: stack.serverAddress, user, password });
    expect(r.ok && (r.value as SessionState).status).toBe('registered');
    return device;
  };
  const list = (d: Device) => invokeOk<FavoritesView>(d.core, 'favorites.list');
  const change = (d: Device, payload: unknown) => invokeOk<FavoritesView>(d.core, 'favorites.change', payload);
  const named = (view: { groups: FavoriteGroupView[] } | FavoritesDocument, name: string) =>
    view.groups.find((g) => g.name === name);
  /** what a view shows, without ids and marks: names and entries in order */
  const shape = (view: { groups: { name: string; favorites: { entryId: string; defaultNumber?: string }[] }[] }) =>
    view.groups.map((g) => [
      g.name,
      g.favorites.map((f) => `${f.entryId}${f.defaultNumber ? `=${f.defaultNumber}` : ''}`),
    ]);
  async function serverList(user: string, password: string): Promise<FavoritesDocument> {
    const token = await loginAccessToken(stack.apiUrl, user, password);
    const res = await fetch(`${stack.apiUrl}/favorites`, { headers: { authorization: `Bearer ${token}` } });
    return favoritesDocumentSchema.parse(await res.json());
  }

  beforeAll(async () => {
    stack = await startUcStack({ withKamailio: false });
    laptop = await open('100', 'Welcome100!');
    desktop = await open('100', 'Welcome100!');
    colleague = await open('101', 'Welcome101!');
    for (const d of [laptop, desktop, colleague])
      await until('favorites pulled at login', async () => (await list(d)).groups.length > 0, 10_000);
  }, 60_000);

  afterAll(async () => {
    for (const d of devices) {
      await d.core.dispose();
      rmSync(d.dataDir, { recursive: true, force: true });
    }
    await stack?.stop();
  });

  it('a change on one device shows on the other live', async () => {
    expect((await list(laptop)).groups.map((g) => g.name)).toEqual([DEMO_FAVORITES_GROUP]);
    const started = Date.now();
    await change(laptop, {
      op: 'createGroup',
      name: 'Sales',
      add: { entryId: 'internal:102', name: 'Chloé Dubois', internalNumber: '102' },
    });
    const laptopShape = JSON.stringify(shape(await list(laptop)));
    await until('the desktop shows it', async () => JSON.stringify(shape(await list(desktop))) === laptopShape, 5000);
    expect(Date.now() - started).toBeLessThan(2000);
    // the desktop was told by an event, not by asking
    expect(desktop.seen.some((v) => named(v, 'Sales') !== undefined)).toBe(true);
  });

  it('edits on both devices while the server is down: shown at once, synced on reconnect, no loss, no duplicates', async () => {
    const team = named(await list(laptop), DEMO_FAVORITES_GROUP)!;
    const sales = named(await list(laptop), 'Sales')!;
    const bruno = team.favorites.find((f) => f.entryId === 'internal:101')!;
    const chloe = sales.favorites[0]!;
    const teamEntries = team.favorites.map((f) => f.entryId);

    await stack.stopServer();
    await until(
      'laptop offline',
      async () => (await invokeOk<SessionState>(laptop.core, 'session.getState')).ucConnection === 'offline',
    );
    // laptop: a new group with two colleagues, renamed; Chloé out of Sales; Bruno's default number; order
    let view = await change(laptop, {
      op: 'createGroup',
      name: 'Road',
      add: { entryId: 'internal:103', name: 'David' },
    });
    const road = named(view, 'Road')!;
    await change(laptop, { op: 'addFavorite', groupId: road.id, entryId: 'internal:104', name: 'Emma' });
    await change(laptop, { op: 'renameGroup', groupId: road.id, name: 'Road trip' });
    await change(laptop, { op: 'removeFavorite', favoriteId: chloe.id });
    await change(laptop, { op: 'setDefaultNumber', favoriteId: bruno.id, defaultNumber: '+33 6 11 22 33 44' });
    view = await change(laptop, { op: 'orderGroups', groupIds: [road.id, sales.id, team.id] });
    // seven changes: the new group and its first favorite are two
    expect(view.pending).toBe(7);
    expect(shape(view)).toEqual([
      ['Road trip', ['internal:103', 'internal:104']],
      ['Sales', []],
      [DEMO_FAVORITES_GROUP, teamEntries.map((e) => (e === 'internal:101' ? 'internal:101=+33 6 11 22 33 44' : e))],
    ]);
    expect(named(view, 'Road trip')!.favorites.every((f) => 'pendingSync' in f && f.pendingSync)).toBe(true);
    // desktop, meanwhile, also offline: adds Emma to Sales, and a group of its own
    await until(
      'desktop offline',
      async () => (await invokeOk<SessionState>(desktop.core, 'session.getState')).ucConnection === 'offline',
    );
    await change(desktop, { op: 'addFavorite', groupId: sales.id, entryId: 'internal:104', name: 'Emma' });
    await change(desktop, { op: 'createGroup', name: 'Desk', add: { entryId: 'internal:105', name: 'François' } });
    // the laptop adds Emma to Sales too: one Emma in Sales in the end
    await change(laptop, { op: 'addFavorite', groupId: sales.id, entryId: 'internal:104', name: 'Emma' });

    await stack.startServer();
    await until(
      'both flushed and in step with the server',
      async () => {
        const [a, b] = [await list(laptop), await list(desktop)];
        return a.pending === 0 && b.pending === 0 && JSON.stringify(shape(a)) === JSON.stringify(shape(b));
      },
      30_000,
    );
    const server = await serverList('100', 'Welcome100!');
    await until(
      'the laptop has the server list',
      async () => JSON.stringify(shape(await list(laptop))) === JSON.stringify(shape(server)),
      10_000,
    );
    expect(shape(server)).toEqual([
      ['Road trip', ['internal:103', 'internal:104']],
      ['Sales', ['internal:104']],
      [DEMO_FAVORITES_GROUP, teamEntries.map((e) => (e === 'internal:101' ? 'internal:101=+33 6 11 22 33 44' : e))],
      ['Desk', ['internal:105']],
    ]);
    // every group once, every favorite id once
    const ids = server.groups.flatMap((g) => [g.id, ...g.favorites.map((f) => f.id)]);
    expect(new Set(ids).size).toBe(ids.length);
    // the cached view of each device is exactly the server's (ids included)
    for (const d of [laptop, desktop]) {
      expect((await list(d)).groups.map((g) => ({ id: g.id, favorites: g.favorites.map((f) => f.id) }))).toEqual(
        server.groups.map((g) => ({ id: g.id, favorites: g.favorites.map((f) => f.id) })),
      );
    }
  }, 60_000);

  it('the other user sees none of it', async () => {
    const theirs = await list(colleague);
    expect(theirs.groups.map((g) => g.name)).toEqual([DEMO_FAVORITES_GROUP]);
    expect(theirs.groups[0]!.favorites.map((f) => f.entryId)).not.toContain('internal:101');
  });
});
