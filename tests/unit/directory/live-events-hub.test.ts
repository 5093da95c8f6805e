import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMutation } from '../../../server/src/features/directory/run-mutation';
import { ChangeBus } from '../../../server/src/platform/change-bus';
import { openServerDatabase, type OpenDatabase } from '../../../server/src/app/server-database';
import { LiveEventsHub, type LiveSocket } from '../../../server/src/features/directory/live-events-hub';
import { insertTestAccount } from '../../support/insert-test-account';

class FakeSocket implements LiveSocket {
  readyState = 1;
  readonly frames: unknown[] = [];
  readonly #listeners: (() => void)[] = [];
  send(data: string): void {
    this.frames.push(JSON.parse(data));
  }
  close(): void {
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
    hub = new LiveEventsHub({ db: database.db, changes, pingIntervalMs: 40, pollIntervalMs: 60_000 });
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
});
