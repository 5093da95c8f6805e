/**
 * Sync figures of issue #3 against the real UC server (SQLite, started here on
 * random 127.0.0.1 ports, no Kamailio):
 *
 *  1. initial sync of N entries (default 100 000; target ≤ 10 s): the server's
 *     global directory is seeded directly (one import transaction per 20 000
 *     rows), then a fresh client in its own process, as in real life
 *     (tests/support/sync-client-process.ts: empty database file,
 *     DirectoryCache + UcServerClient + SyncEngine, the app's code) pulls the
 *     whole feed; timed by the client from SyncEngine.start() to the last page
 *     applied (process start and login excluded).
 *  2. change delivery to another connected client (target p95 ≤ 1 s): client
 *     B creates a personal contact (POST /contacts), client A of the same user
 *     is connected to WS /events; timed from B's request to the contact being
 *     in A's cache. ≥ 20 changes, one at a time.
 *
 *   tsx tests/bench/sync-bench.ts        (env BENCH_SYNC_ENTRIES, BENCH_SYNC_CHANGES, BENCH_SYNC_PAGE)
 *
 * Prints figures; never pass/fail.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseServerAddress } from '../../src-main/core/platform/uc/server-address';
import type { SqliteDatabase } from '../../src-main/core/platform/db/open-database';
import { openAccountDatabase } from '../../src-main/core/app/client-migrations';
import { DirectoryCache } from '../../src-main/core/features/directory/directory-cache';
import { SyncEngine } from '../../src-main/core/features/directory/sync/sync-engine';
import { UcEventsClient } from '../../src-main/core/platform/uc/uc-events-client';
import { UcServerClient } from '../../src-main/core/app/uc-server-client';
import { seedGlobalDirectory } from '../support/seed-directory';
import { startUcStack, type UcStack } from '../support/uc-stack-fixture';

export interface SyncBenchOptions {
  entries?: number;
  changes?: number;
  pageLimit?: number;
  log?: (line: string) => void;
}

export interface SyncBenchResult {
  entries: number;
  seedMs: number;
  initialSyncMs: number;
  pages: number;
  delivery: { count: number; median: number; p95: number; min: number; max: number };
}

interface BenchClient {
  db: SqliteDatabase;
  cache: DirectoryCache;
  http: UcServerClient;
  sync: SyncEngine;
  events: UcEventsClient | undefined;
  dir: string;
}

async function openClient(stack: UcStack, user: string, password: string, pageLimit: number): Promise<BenchClient> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-sync-bench-'));
  const db = openAccountDatabase(join(dir, 'switchboard.sqlite'));
  const cache = new DirectoryCache(db);
  const http = new UcServerClient({ apiUrl: stack.apiUrl, timeoutMs: 60_000 });
  await http.login({ user, password });
  const sync = new SyncEngine({ db, cache, transport: http, account: `${stack.apiUrl}|${user}`, pageLimit });
  return { db, cache, http, sync, events: undefined, dir };
}

async function closeClient(c: BenchClient): Promise<void> {
  c.events?.stop();
  await c.sync.stop();
  c.db.close();
  rmSync(c.dir, { recursive: true, force: true });
}

/** Runs tests/support/sync-client-process.ts on an empty data dir until it reports done. */
async function syncInChildProcess(stack: UcStack, pageLimit: number): Promise<{ entries: number; syncMs: number }> {
  const repo = fileURLToPath(new URL('../../', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'sb-sync-bench-child-'));
  try {
    const child = spawn(
      join(repo, 'node_modules/.bin/tsx'),
      [
        join(repo, 'tests/support/sync-client-process.ts'),
        '--api',
        stack.apiUrl,
        '--user',
        '101',
        '--password',
        'Welcome101!',
        '--data',
        dir,
        '--page',
        String(pageLimit),
      ],
      { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    const done = out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { done?: boolean; entries?: number; syncMs?: number })
      .find((l) => l.done);
    if (code !== 0 || !done) throw new Error(`sync client exited with ${code}`);
    return { entries: done.entries!, syncMs: done.syncMs! };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function stats(values: number[]) {
  const s = [...values].sort((x, y) => x - y);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
  return { count: s.length, median: at(0.5), p95: at(0.95), min: s[0]!, max: s[s.length - 1]! };
}

/** Runs both measurements on a fresh stack and stops it. */
export async function runSyncBench(options: SyncBenchOptions = {}): Promise<SyncBenchResult> {
  const entries = options.entries ?? 100_000;
  const changes = Math.max(20, options.changes ?? 30);
  const pageLimit = options.pageLimit ?? 5000;
  const log = options.log ?? ((line: string) => console.log(line));
  const stack = await startUcStack({ withKamailio: false });
  const clients: BenchClient[] = [];
  try {
    // ---- 1. initial sync
    const seedStart = performance.now();
    await seedGlobalDirectory(stack.ctx!, entries);
    const seedMs = performance.now() - seedStart;
    log(`seeded ${entries} global entries in ${(seedMs / 1000).toFixed(1)} s`);

    const initial = await syncInChildProcess(stack, pageLimit);
    const initialSyncMs = initial.syncMs;
    const cached = initial.entries;
    log(
      `initial sync: ${cached} entries in ${(initialSyncMs / 1000).toFixed(2)} s ` +
        `(page ${pageLimit}; target ≤ 10 s) — ${Math.round(cached / (initialSyncMs / 1000))} entries/s`,
    );
    if (cached < entries) throw new Error(`only ${cached} of ${entries} entries synced`);
    const pages = Math.ceil(cached / pageLimit);

    const fresh = await openClient(stack, '100', 'Welcome100!', pageLimit);
    clients.push(fresh);
    fresh.sync.start();
    await fresh.sync.whenIdle();

    // ---- 2. change delivery to another connected client
    const a = fresh;
    const address = parseServerAddress(stack.serverAddress);
    if (!address.ok) throw new Error(address.message);
    a.events = new UcEventsClient({ eventsUrl: address.eventsUrl, accessToken: () => a.http.tokens?.accessToken });
    a.events.onDidReceive((e) => {
      if (e.type === 'changed') a.sync.requestPull(e.revision);
    });
    const opened = new Promise<void>((resolve) => a.events!.onDidChangeState((s) => s === 'open' && resolve()));
    a.events.start();
    await opened;
    const b = await openClient(stack, '100', 'Welcome100!', pageLimit);
    clients.push(b);
    const delays: number[] = [];
    for (let i = 0; i < changes; i++) {
      const uuid = randomUUID();
      const id = `personal:${uuid}`;
      const seen = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`change ${i} not delivered within 10 s`)), 10_000);
        const off = a.cache.onDidChange(() => {
          if (a.cache.get(id)) {
            clearTimeout(timer);
            off();
            resolve(performance.now());
          }
        });
      });
      const sent = performance.now();
      await b.http.createContact({ id: uuid, fields: { firstName: 'Bench', lastName: `Change${i}` } }, randomUUID());
      delays.push((await seen) - sent);
      await new Promise((r) => setTimeout(r, 50));
    }
    const delivery = stats(delays.map((d) => Math.round(d)));
    log(
      `change delivery to another client over ${delivery.count} changes: median ${delivery.median} ms, ` +
        `p95 ${delivery.p95} ms, min ${delivery.min} ms, max ${delivery.max} ms (target p95 ≤ 1000 ms)`,
    );
    return { entries: cached, seedMs, initialSyncMs, pages, delivery };
  } finally {
    for (const c of clients) await closeClient(c).catch(() => undefined);
    await stack.stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runSyncBench({
    entries: Number(process.env.BENCH_SYNC_ENTRIES ?? 100_000),
    changes: Number(process.env.BENCH_SYNC_CHANGES ?? 30),
    pageLimit: Number(process.env.BENCH_SYNC_PAGE ?? 5000),
  }).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error('sync bench failed:', err);
      process.exit(1);
    },
  );
}
