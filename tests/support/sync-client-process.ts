/**
 * A sync client in its own process, for the SIGKILL tests
 * (tests/integration/sync/sigkill-sync.test.ts): the real database file,
 * DirectoryCache, UcServerClient and SyncEngine, nothing else.
 *
 *   tsx tests/support/sync-client-process.ts --api URL --user 100 --password P --data DIR [--create N]
 *
 * --create N queues N new personal contacts locally before syncing (first run
 * only). Prints one JSON line per sync state change ({"pending":…,"revision":…})
 * and {"done":true,…,"entries":N,"syncMs":T} once the outbox is empty and the feed is pulled
 * (T: from SyncEngine.start() to that moment), then exits 0.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openAccountDatabase } from '../../src-main/core/app/client-migrations';
import { DirectoryCache } from '../../src-main/core/features/directory/directory-cache';
import { SyncEngine } from '../../src-main/core/features/directory/sync/sync-engine';
import { UcServerClient } from '../../src-main/core/app/uc-server-client';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      api: { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      data: { type: 'string' },
      create: { type: 'string' },
      page: { type: 'string' },
    },
  });
  const api = values.api!;
  const db = openAccountDatabase(join(values.data!, 'switchboard.sqlite'));
  const cache = new DirectoryCache(db);
  const client = new UcServerClient({ apiUrl: api, timeoutMs: 20_000 });
  await client.login({ user: values.user!, password: values.password! });
  const engine = new SyncEngine({
    db,
    cache,
    transport: client,
    account: `${new URL(api).origin}|${values.user!}`,
    pageLimit: Number(values.page ?? 500),
    backoff: { baseMs: 50, capMs: 500, minMs: 20 },
  });
  const create = Number(values.create ?? 0);
  for (let i = 0; i < create; i++) {
    engine.createContact({
      firstName: 'Kill',
      lastName: `Test${String(i).padStart(5, '0')}`,
      business: `+3314${String(1_000_000 + i)}`,
    });
  }
  if (create > 0) console.log(JSON.stringify({ queued: create }));
  // Done means a pull completed in *this* run (lastSyncedAt persists across runs).
  const before = engine.state.lastSyncedAt;
  let pulled = false;
  const finishIfDone = (): void => {
    const s = engine.state;
    if (pulled && s.pending === 0 && s.status === 'idle') {
      const syncMs = Math.round(performance.now() - startedAt);
      console.log(JSON.stringify({ done: true, ...s, entries: cache.count(), syncMs }));
      db.close();
      process.exit(0);
    }
  };
  engine.onDidChange((s) => {
    console.log(JSON.stringify({ pending: s.pending, revision: s.revision, status: s.status }));
    if (s.lastSyncedAt !== before) pulled = true;
    finishIfDone();
  });
  const startedAt = performance.now();
  engine.start();
  // Bounded: give up after 5 minutes (the test fails rather than hangs).
  setTimeout(() => {
    console.error('sync-client-process: not done after 5 minutes');
    process.exit(2);
  }, 300_000).unref();
  for (let i = 0; i < 3000; i++) {
    await new Promise((r) => setTimeout(r, 100));
    await engine.whenIdle();
    if (engine.state.lastSyncedAt !== before) pulled = true;
    finishIfDone();
  }
}

main().catch((err: unknown) => {
  console.error('sync-client-process failed:', err instanceof Error ? err.stack : err);
  process.exit(1);
});
