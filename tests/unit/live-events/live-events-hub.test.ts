import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMutation } from '../../../server/src/features/directory/run-mutation';
import { ChangeBus } from '../../../server/src/platform/change-bus';
import { openServerDatabase, type OpenDatabase } from '../../../server/src/app/server-database';
import { LiveEventsHub, type LiveSocket } from '../../../server/src/features/live-events/live-events-hub';
import { LIVE_EVENTS_CLOSE } from '../../../src-preload/contract/platform';
import { insertTestAccount } from '../../support/insert-test-account';

class FakeSocket implements LiveSocket {
  readyState = 1;
  readonly frames: unknown[] = [];
  readonly #listeners: (() => void)[] = [];
  send(data: string): void {
    this.frames.push(JSON.parse(data));
  }
  closedWith: number | undefined;
  close(code?: number): void {
    this.closedWith = code;
    this.readyState = 3;
    for (const listener of this.#listeners) listener();
  }
  on(_event: 'close' | 'error', listener: () => void): void {
    this.#listeners.push(listener);
  }
}

describe('LiveEventsHub', () => {
  let database: OpenDatabase;
  let changes: ChangeBus;
  let hub: LiveEventsHub;
  let owners: number[];

  beforeEach(async () => {
    database = await openServerDatabase('sqlite::memory:');
    owners = [];
    for (const number of ['100', '101']) owners.push(await insertTestAccount(database.db, number));
    changes = new ChangeBus();
    hub = new LiveEventsHub({
      db: database.db,
      changes,
      pingIntervalMs: 40,
      pollIntervalMs: 60_000,
      maxSocketsPerAccount: 3,
    });
    await hub.start();
  });
  afterEach(async () => {
    hub.stop();
    await database.close();
  });

  const put = (owner: number | null, id: string): Promise<number> =>
    runMutation({ db: database.db, changes }, 1, (scope) =>
      scope.put([
        {
          id,
          source: owner === null ? 'global' : 'personal',
          ownerAccountId: owner,
          displayName: id,
          numbers: [],
          handEdited: false,
        },
      ]),
    );

  it('sends a personal change to its owner only and a shared change to everyone', async () => {
    const [alice, bruno] = [new FakeSocket(), new FakeSocket()];
    hub.add(owners[0]!, alice);
    hub.add(owners[1]!, bruno);
    const own = await put(owners[0]!, 'personal:a');
    expect(alice.frames).toEqual([{ type: 'changed', revision: own }]);
    expect(bruno.frames).toEqual([]);
    const shared = await put(null, 'global:x');
    expect(alice.frames.at(-1)).toEqual({ type: 'changed', revision: shared });
    expect(bruno.frames).toEqual([{ type: 'changed', revision: shared }]);
  });

  it('drops closed sockets and pings the open ones', async () => {
    const open = new FakeSocket();
    const closed = new FakeSocket();
    hub.add(owners[0]!, open);
    hub.add(owners[0]!, closed);
    expect(hub.connectionCount).toBe(2);
    closed.close();
    expect(hub.connectionCount).toBe(1);
    for (let i = 0; i < 100 && !open.frames.some((f) => (f as { type: string }).type === 'ping'); i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(open.frames).toContainEqual({ type: 'ping' });
    expect(closed.frames).toEqual([]);
  });

  it('stop() closes every connection', () => {
    const socket = new FakeSocket();
    hub.add(owners[1]!, socket);
    hub.stop();
    expect(socket.readyState).toBe(3);
    expect(hub.connectionCount).toBe(0);
  });

  it('closes the sockets of an ended session (one family, or all of the account) with sessionEnded', () => {
    const [laptop, phone, other] = [new FakeSocket(), new FakeSocket(), new FakeSocket()];
    hub.add(owners[0]!, laptop, 'family-laptop');
    hub.add(owners[0]!, phone, 'family-phone');
    hub.add(owners[1]!, other, 'family-other');
    changes.endSessions({ accountId: owners[0]!, familyId: 'family-laptop', reason: 'logout' });
    expect(laptop.closedWith).toBe(LIVE_EVENTS_CLOSE.sessionEnded);
    expect(phone.readyState).toBe(1);
    changes.endSessions({ accountId: owners[0]!, reason: 'password-changed' });
    expect(phone.closedWith).toBe(LIVE_EVENTS_CLOSE.sessionEnded);
    expect(other.readyState).toBe(1);
    expect(hub.connectionCount).toBe(1);
  });

  it('keeps at most maxSocketsPerAccount per account: the oldest is closed with replaced', () => {
    const sockets = [new FakeSocket(), new FakeSocket(), new FakeSocket(), new FakeSocket()];
    for (const socket of sockets) hub.add(owners[0]!, socket);
    hub.add(owners[1]!, new FakeSocket());
    expect(sockets[0]!.closedWith).toBe(LIVE_EVENTS_CLOSE.replaced);
    expect(sockets.slice(1).map((s) => s.readyState)).toEqual([1, 1, 1]);
    expect(hub.connectionCount).toBe(4);
  });
});
