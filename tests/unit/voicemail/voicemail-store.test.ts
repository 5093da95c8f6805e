import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../../src-preload/contract/ipc-contract';
import type { ServerContext } from '../../../server/src/platform/server-context';
import {
  LISTENED_RETENTION_MS,
  ORPHAN_MIN_AGE_MS,
  VoicemailStore,
} from '../../../server/src/features/voicemail/voicemail-store';
import { encodeWav } from '../../../server/src/features/voicemail/wav-codec';
import { insertTestAccount } from '../../support/insert-test-account';
import { openTestServerContext, type TestServerContext } from '../../support/open-test-server-context';

// The mailbox store on a throw-away SQLite file with an injected clock:
// owner isolation, listened/new, delete, and the SPEC H1 purge (listened
// messages go 30 days after they were listened; new ones stay), and the purge
// of orphan WAV files (no row: deleted account, crash before the INSERT).

const DAY = 24 * 3600_000;

describe('VoicemailStore', () => {
  let server: TestServerContext;
  let dir: string;
  let ctx: ServerContext;
  let now: number;
  let store: VoicemailStore;
  let alice: number;
  let bruno: number;
  const signals: Array<[number, LiveEvent]> = [];

  beforeEach(async () => {
    now = 1_795_000_000_000;
    server = await openTestServerContext({ prefix: 'sb-vmstore-', clock: { now: () => now } });
    ({ ctx, dir } = server);
    alice = await insertTestAccount(ctx.db, '100');
    bruno = await insertTestAccount(ctx.db, '101');
    store = new VoicemailStore(ctx);
    signals.length = 0;
    ctx.changes.onDidSignal((id, event) => signals.push([id, event]));
  });

  afterEach(async () => {
    await server.close();
  });

  const message = (accountId: number, callerNumber = '100') => ({
    accountId,
    callerNumber,
    callerName: 'Alice Martin',
    durationMs: 1234.4,
    wav: encodeWav(Int16Array.from([1, 2, 3])),
  });

  it('stores the WAV under the data dir, lists newest first, for the owner only', async () => {
    const first = await store.add(message(bruno));
    now += 1000;
    const second = await store.add(message(bruno, '102'));
    expect(first).toMatchObject({ callerNumber: '100', durationMs: 1234, listened: false, receivedAt: now - 1000 });
    expect((await store.list(bruno)).map((v) => v.id)).toEqual([second.id, first.id]);
    expect(await store.list(alice)).toEqual([]);
    expect((await store.audio(bruno, first.id))?.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(await store.audio(alice, first.id)).toBeUndefined();
    expect(existsSync(join(dir, 'voicemail', String(bruno), `${first.id}.wav`))).toBe(true);
    expect(signals).toEqual([
      [bruno, { type: 'voicemails-changed' }],
      [bruno, { type: 'voicemails-changed' }],
    ]);
  });

  it('marks listened / new and deletes (file too), never for another account', async () => {
    const vm = await store.add(message(bruno));
    expect(await store.setListened(alice, vm.id, true)).toBeUndefined();
    expect((await store.setListened(bruno, vm.id, true))?.listened).toBe(true);
    expect((await store.setListened(bruno, vm.id, false))?.listened).toBe(false);
    expect(await store.delete(alice, vm.id)).toBe(false);
    expect(await store.list(bruno)).toHaveLength(1);
    expect(await store.delete(bruno, vm.id)).toBe(true);
    expect(await store.list(bruno)).toEqual([]);
    expect(existsSync(join(dir, 'voicemail', String(bruno), `${vm.id}.wav`))).toBe(false);
    expect(await store.delete(bruno, vm.id)).toBe(false);
  });

  it('purges listened messages 30 days after they were listened; new ones stay whatever their age', async () => {
    const old = await store.add(message(bruno));
    const unheard = await store.add(message(bruno));
    now += 40 * DAY;
    // listened today: 30 days from now, not from its reception
    await store.setListened(bruno, old.id, true);
    expect(await store.purgeListened()).toBe(0);
    now += LISTENED_RETENTION_MS - 1;
    expect(await store.purgeListened()).toBe(0);
    // marking it listened again does not restart the 30 days
    await store.setListened(bruno, old.id, true);
    now += 1;
    signals.length = 0;
    expect(await store.purgeListened()).toBe(1);
    expect((await store.list(bruno)).map((v) => v.id)).toEqual([unheard.id]);
    expect(existsSync(join(dir, 'voicemail', String(bruno), `${old.id}.wav`))).toBe(false);
    expect(signals).toEqual([[bruno, { type: 'voicemails-changed' }]]);
    now += 365 * DAY;
    expect(await store.purgeListened()).toBe(0);
  });

  it('a message marked new again is not purged', async () => {
    const vm = await store.add(message(bruno));
    await store.setListened(bruno, vm.id, true);
    await store.setListened(bruno, vm.id, false);
    now += 31 * DAY;
    expect(await store.purgeListened()).toBe(0);
    expect(await store.list(bruno)).toHaveLength(1);
  });

  it('purges WAV files without a row once they are 10 minutes old, never one with a row', async () => {
    const setAge = (path: string, ageMs: number): void => {
      const t = (now - ageMs) / 1000;
      utimesSync(path, t, t);
    };
    const kept = await store.add(message(bruno));
    const keptPath = join(dir, 'voicemail', String(bruno), `${kept.id}.wav`);
    setAge(keptPath, 365 * DAY);
    // an account deleted since (its rows cascaded): its folder and old file stay behind
    const goneDir = join(dir, 'voicemail', '999');
    mkdirSync(goneDir, { recursive: true });
    const goneFile = join(goneDir, 'a.wav');
    writeFileSync(goneFile, 'RIFF');
    setAge(goneFile, ORPHAN_MIN_AGE_MS);
    // a crash between writeFile and INSERT, long ago
    const crashed = join(dir, 'voicemail', String(bruno), 'crashed.wav');
    writeFileSync(crashed, 'RIFF');
    setAge(crashed, 2 * DAY);
    // being stored right now: the row is not there yet
    const fresh = join(dir, 'voicemail', String(bruno), 'fresh.wav');
    writeFileSync(fresh, 'RIFF');
    setAge(fresh, ORPHAN_MIN_AGE_MS - 1000);

    expect(await store.purgeOrphans()).toBe(2);
    expect(existsSync(goneFile)).toBe(false);
    expect(existsSync(crashed)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    expect(existsSync(keptPath)).toBe(true);
    expect((await store.audio(bruno, kept.id))?.subarray(0, 4).toString('ascii')).toBe('RIFF');

    // by the injected clock: 10 minutes later the fresh one goes too
    now += 1000;
    expect(await store.purgeOrphans()).toBe(1);
    expect(existsSync(fresh)).toBe(false);
    expect(existsSync(keptPath)).toBe(true);
    expect(await store.purgeOrphans()).toBe(0);
  });

  it('purges orphans without failing when there is no voicemail folder yet', async () => {
    expect(await store.purgeOrphans()).toBe(0);
  });
});
