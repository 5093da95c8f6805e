/**
 * Sync against the real UC server (SPEC K): edits made while the server is
 * down reach it once it is back, without loss or duplicates; a change made by
 * another client reaches a connected client within 1 s.
 * AppCore runs for real except SIP (a fake engine: this is about the UC side).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryEntryView, SessionState, SyncState } from '../../../src-preload/contract/ipc-contract';
import type { AppCore } from '../../../src-main/core/app/app-core';
import { dispatchInvoke } from '../../../src-main/core/platform/ipc/dispatch-invoke';
import { accountDatabasePath } from '../../support/account-database-path';
import { createFakeSipCore } from '../../support/create-fake-sip-core';
import { invokeOk } from '../../support/invoke-ok';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';
import { localCache, serverPersonalContacts, until } from '../../support/sync-helpers';

interface Client {
  core: AppCore;
  dataDir: string;
  changes: number[];
}

describe('sync with the real UC server', () => {
  let stack: UcStack;
  const clients: Client[] = [];
  const password = 'Welcome100!';

  const open = async (): Promise<Client> => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sb-sync-it-'));
    const core = createFakeSipCore(dataDir);
    const client: Client = { core, dataDir, changes: [] };
    core.onEvent(({ channel }) => {
      if (channel === 'directory.onDidChange') client.changes.push(Date.now());
    });
    clients.push(client);
    const r = await dispatchInvoke(core, 'session.login', { server: stack.serverAddress, user: '100', password });
    expect(r.ok && (r.value as SessionState).status).toBe('registered');
    return client;
  };
  const ok = <T>(c: Client, channel: string, payload: unknown = {}): Promise<T> =>
    invokeOk<T>(c.core, channel, payload);
  const syncState = (c: Client) => ok<SyncState>(c, 'sync.getState');

  beforeAll(async () => {
    stack = await startUcStack({ withKamailio: false });
  });

  afterAll(async () => {
    for (const c of clients) {
      await c.core.dispose();
      rmSync(c.dataDir, { recursive: true, force: true });
    }
    await stack?.stop();
  });

  it('edits made while the server is down reach it when it is back: no loss, no duplicates', async () => {
    const a = await open();
    await until('first sync', async () => (await syncState(a)).lastSyncedAt !== undefined);
    const kept = await ok<DirectoryEntryView>(a, 'contacts.create', {
      fields: { firstName: 'Online', lastName: 'Kept' },
    });
    const doomed = await ok<DirectoryEntryView>(a, 'contacts.create', { fields: { lastName: 'Doomed' } });
    await until('acknowledged', async () => (await syncState(a)).pending === 0);

    await stack.stopServer();
    await until('offline', async () => (await syncState(a)).status === 'offline');
    const offline: DirectoryEntryView[] = [];
    for (let i = 0; i < 5; i++) {
      offline.push(
        await ok<DirectoryEntryView>(a, 'contacts.create', {
          fields: { firstName: 'Offline', lastName: `Number${i}`, mobile: `+33 6 12 34 56 ${String(10 + i)}` },
        }),
      );
    }
    await ok(a, 'contacts.update', { id: kept.id, fields: { company: 'Edited offline' } });
    await ok(a, 'contacts.update', { id: offline[0]!.id, fields: { firstName: 'Renamed' } });
    await ok(a, 'contacts.delete', { id: doomed.id });
    await ok(a, 'contacts.delete', { id: offline[4]!.id });
    expect(await syncState(a)).toMatchObject({ status: 'offline', pending: 9 });
    const local = await ok<DirectoryEntryView>(a, 'directory.get', { id: offline[0]!.id });
    expect(local).toMatchObject({ displayName: 'Renamed Number0', pendingSync: true });
    // the UI session says so too (SPEC A4)
    expect((await ok<SessionState>(a, 'session.getState')).ucConnection).toBe('offline');

    await stack.startServer();
    await until(
      'back online and flushed',
      async () => {
        const s = await syncState(a);
        return s.status === 'idle' && s.pending === 0;
      },
      30_000,
    );
    expect((await ok<SessionState>(a, 'session.getState')).ucConnection).toBe('online');

    const server = await serverPersonalContacts(stack.apiUrl, '100', password);
    const cache = localCache(accountDatabasePath(a.dataDir, stack.serverAddress, '100'));
    const expected = [kept.id, ...offline.slice(0, 4).map((o) => o.id)].sort();
    expect([...server.keys()].sort()).toEqual(expected);
    await until(
      'cache converged',
      () => localCache(accountDatabasePath(a.dataDir, stack.serverAddress, '100')).personal.size === expected.length,
    );
    const converged = localCache(accountDatabasePath(a.dataDir, stack.serverAddress, '100'));
    expect([...converged.personal.keys()].sort()).toEqual(expected);
    for (const [id, entry] of server) {
      expect(converged.personal.get(id)).toEqual({ displayName: entry.displayName, pending: 0 });
    }
    expect(server.get(kept.id)?.company).toBe('Edited offline');
    expect(server.get(offline[0]!.id)?.displayName).toBe('Renamed Number0');
    // each offline create reached the server exactly once
    const names = [...server.values()].map((e) => e.displayName);
    expect(new Set(names).size).toBe(names.length);
    expect(cache.integrity).toBe('ok');
    expect(converged.outbox).toBe(0);
  });

  it('a change made by another client reaches a connected client within 1 s', async () => {
    const [a] = clients;
    const b = await open();
    await until('b synced', async () => (await syncState(b)).lastSyncedAt !== undefined);
    await until('a online', async () => (await syncState(a!)).status === 'idle');
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = Date.now();
      const created = await ok<DirectoryEntryView>(b, 'contacts.create', {
        fields: { firstName: 'Live', lastName: `Change${i}` },
      });
      await until(
        'seen by a',
        async () => (await dispatchInvoke(a!.core, 'directory.get', { id: created.id })).ok,
        5000,
      );
      delays.push(Date.now() - started);
    }
    console.log(`change delivery to another client (ms): ${delays.join(', ')}`);
    expect(Math.max(...delays)).toBeLessThan(1000);
  });
});
