/**
 * Presence benches (issue #11) — figures, never a pass/fail:
 *
 *  a. presence change -> visible at a watcher with 200 favorites: Alice's
 *     PUT /me/presence until Bruno's engine (the real AppCore, logged in,
 *     its 200 colleague favorites watched with presence.watch) emits
 *     presence.onDidChangeOthers with Alice's new state and note.
 *  b. one change fanned out to 1000 connected live-events clients
 *     (authenticated WebSockets, one per account): from the PUT until each
 *     client receives `others-presence-changed` — every receipt of every run
 *     is a sample. Sessions are written and tokens signed with the server's
 *     key (1000 scrypt logins would take minutes); the socket's
 *     authentication (token + open session) is the clients' path.
 *  c. client memory with 500 favorites: RSS and V8 heap (after GC) of an
 *     engine alone in its process (presence-memory-client.ts) once its
 *     favorites are in its cache and their presence is watched — 500
 *     colleagues, against a user with only the demo group (the difference is
 *     what 500 favorites cost; the renderer comes on top).
 *
 *   npx tsx tests/tools/with-test-tls.ts tests/bench/presence-bench.ts
 *   (BENCH_PRESENCE_RUNS=30 watcher runs, BENCH_FANOUT_CLIENTS=1000, BENCH_FANOUT_RUNS=10)
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PresenceOf } from '../../src-preload/contract/presence';
import type { AppCore } from '../../src-main/core/app/app-core';
import { composeAppCore } from '../../src-main/core/app/compose-app-core';
import { findAccountByNumber } from '../../server/src/features/accounts';
import { FavoritesService } from '../../server/src/features/favorites';
import { signAccessToken } from '../../server/src/platform/auth/access-token';
import type { ServerContext } from '../../server/src/platform/server-context';
import { FakeMediaHost } from '../support/fake-media-host';
import { insertTestAccount } from '../support/insert-test-account';
import { loginAccessToken } from '../support/login-access-token';
import { openLiveEvents, type LiveEventsConnection } from '../support/open-live-events';
import { startUcStack, type UcStack } from '../support/uc-stack-fixture';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const WATCHED = 200;
const MEMORY_FAVORITES = 500;

function stats(values: readonly number[]): { p50: number; p95: number; max: number } {
  const s = [...values].sort((x, y) => x - y);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
  return { p50: at(0.5), p95: at(0.95), max: s[s.length - 1]! };
}

function print(name: string, values: readonly number[], extra = ''): void {
  const { p50, p95, max } = stats(values);
  console.log(
    `${name.padEnd(52)} p50 ${p50.toFixed(1).padStart(7)} ms  p95 ${p95.toFixed(1).padStart(7)} ms  max ${max.toFixed(1)}  n=${values.length}${extra}`,
  );
}

/** `count` colleague accounts numbered from `first` (no login needed: watched, or watchers through signed tokens). */
async function addColleagues(ctx: ServerContext, first: number, count: number): Promise<string[]> {
  const numbers: string[] = [];
  for (let i = 0; i < count; i++) {
    const number = String(first + i);
    await insertTestAccount(ctx.db, number, `Colleague ${number}`);
    numbers.push(number);
  }
  return numbers;
}

/** Gives `owner` one group of favorites: these colleagues (internal numbers, so presence is shown). */
async function addFavorites(ctx: ServerContext, owner: string, numbers: readonly string[]): Promise<void> {
  const account = await findAccountByNumber(ctx.db, owner);
  if (!account) throw new Error(`no account ${owner}`);
  const favorites = new FavoritesService({ db: ctx.db, changes: ctx.changes, clock: ctx.clock });
  const groupId = randomUUID();
  await favorites.change(account.id, randomUUID(), { op: 'createGroup', groupId, name: 'Bench' });
  for (const number of numbers) {
    await favorites.change(account.id, randomUUID(), {
      op: 'addFavorite',
      groupId,
      favoriteId: randomUUID(),
      entryId: `internal:${number}`,
      name: `Colleague ${number}`,
      internalNumber: number,
      defaultNumber: number,
    });
  }
}

/** A real engine (AppCore: SIP, live events, SQLite cache) logged in as `user`; media faked (no calls here). */
async function loggedInCore(
  stack: UcStack,
  user: { number: string; password: string },
  dataDir: string,
): Promise<AppCore> {
  const core = composeAppCore({ dataDir, mediaHost: new FakeMediaHost() });
  const state = await core.invoke('session.login', {
    server: stack.serverAddress,
    user: user.number,
    password: user.password,
  });
  if (state.status !== 'registered') throw new Error(`${user.number} did not register: ${state.status}`);
  return core;
}

async function putPresence(stack: UcStack, token: string, body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${stack.apiUrl}/me/presence`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`PUT /me/presence: ${res.status}`);
}

async function benchWatcher(stack: UcStack, runs: number): Promise<void> {
  const ctx = stack.ctx!;
  const [alice, bruno] = [stack.users[0]!, stack.users[1]!];
  const colleagues = [alice.number, ...(await addColleagues(ctx, 30_000, WATCHED - 1))];
  await addFavorites(ctx, bruno.number, colleagues);
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-bench-presence-'));
  const core = await loggedInCore(stack, bruno, dataDir);
  try {
    const known = await core.invoke('presence.watch', { numbers: colleagues });
    if (known.length !== WATCHED) throw new Error(`watching ${known.length} colleagues, expected ${WATCHED}`);
    const token = await loginAccessToken(stack.apiUrl, alice.number, alice.password);
    const samples: number[] = [];
    for (let i = 0; i < runs + 2; i++) {
      const note = `bench ${i} ${randomUUID()}`;
      const state = i % 2 === 0 ? 'meeting' : 'lunch';
      const seen = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`run ${i}: the watcher saw nothing within 10 s`)), 10_000);
        const off = core.onEvent(({ channel, payload }) => {
          if (channel !== 'presence.onDidChangeOthers') return;
          const presences = (payload as { presences: PresenceOf[] }).presences;
          if (!presences.some((p) => p.number === alice.number && p.state === state && p.note === note)) return;
          clearTimeout(timer);
          off();
          resolve(performance.now());
        });
      });
      const t0 = performance.now();
      await putPresence(stack, token, { state, note });
      const elapsed = (await seen) - t0;
      if (i >= 2) samples.push(elapsed); // two warm-up runs
      await new Promise((r) => setTimeout(r, 50));
    }
    print(`presence change -> watcher with ${WATCHED} favorites`, samples, '  (target p95 <= 1000 ms, aim 300)');
  } finally {
    await core.invoke('session.logout', {}).catch(() => undefined);
    await core.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function benchFanOut(stack: UcStack, clients: number, runs: number): Promise<void> {
  const ctx = stack.ctx!;
  const numbers = await addColleagues(ctx, 40_000, clients);
  const now = Date.now();
  const connections: LiveEventsConnection[] = [];
  try {
    // a few at a time: the server's accept loop, not a thundering herd, is what this bench is about
    for (let i = 0; i < numbers.length; i += 50) {
      const batch = await Promise.all(
        numbers.slice(i, i + 50).map(async (number) => {
          const account = await findAccountByNumber(ctx.db, number);
          // a session (refresh-token family) as a login makes one: the socket checks it is open
          const fam = randomUUID();
          await ctx.db
            .insertInto('refresh_tokens')
            .values({
              account_id: account!.id,
              token_hash: randomUUID(),
              family_id: fam,
              device_name: 'bench',
              created_at: now,
              expires_at: now + 3600_000,
              revoked_at: null,
              replaced_by: null,
            })
            .execute();
          const token = signAccessToken(
            { sub: account!.id, num: number, scope: 'full', iat: now, exp: now + 3600_000, fam },
            ctx.config.tokenSecret,
          );
          return openLiveEvents(stack.apiUrl, token);
        }),
      );
      connections.push(...batch);
    }
    const alice = stack.users[0]!;
    const token = await loginAccessToken(stack.apiUrl, alice.number, alice.password);
    const samples: number[] = [];
    for (let run = 0; run < runs + 1; run++) {
      let t0 = 0;
      const receipts = connections.map(
        (connection) =>
          new Promise<number>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`run ${run}: a client got nothing within 30 s`)), 30_000);
            const onMessage = (data: unknown): void => {
              const event = JSON.parse(String(data)) as { type?: string; numbers?: string[] };
              if (event.type !== 'others-presence-changed' || !event.numbers?.includes(alice.number)) return;
              clearTimeout(timer);
              connection.socket.off('message', onMessage);
              resolve(performance.now() - t0);
            };
            connection.socket.on('message', onMessage);
          }),
      );
      t0 = performance.now();
      await putPresence(stack, token, { state: run % 2 === 0 ? 'dnd' : 'office' });
      const times = await Promise.all(receipts);
      if (run >= 1) samples.push(...times); // one warm-up run
      await new Promise((r) => setTimeout(r, 200));
    }
    print(
      `one change -> ${clients} live-events clients (each receipt)`,
      samples,
      `  ${runs} changes  (target p95 <= 1000 ms)`,
    );
  } finally {
    for (const connection of connections) connection.socket.terminate();
  }
}

/** Runs presence-memory-client.ts for `user` in its own process; resolves with what it measured. */
function measureClient(
  stack: UcStack,
  user: { number: string; password: string },
  favorites: number,
): Promise<{ rss: number; heapUsed: number; favorites: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-bench-memory-'));
  const child = spawn(join(REPO, 'node_modules/.bin/tsx'), [join(REPO, 'tests/bench/presence-memory-client.ts')], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      BENCH_SERVER: stack.serverAddress,
      BENCH_USER: user.number,
      BENCH_PASSWORD: user.password,
      BENCH_FAVORITES: String(favorites),
      BENCH_DATA_DIR: dataDir,
    },
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{'))
        reject(new Error(`memory client for ${user.number} exited ${code}: ${out}`));
      else resolve(JSON.parse(line) as { rss: number; heapUsed: number; favorites: number });
    });
  });
}

async function benchMemory(stack: UcStack): Promise<void> {
  const ctx = stack.ctx!;
  const [alice, bruno] = [stack.users[0]!, stack.users[1]!];
  await addFavorites(ctx, bruno.number, await addColleagues(ctx, 50_000, MEMORY_FAVORITES));
  // Alice: only the demo group; Bruno: 500 colleagues more. Each engine alone in a fresh process.
  const base = await measureClient(stack, alice, 1);
  const loaded = await measureClient(stack, bruno, MEMORY_FAVORITES);
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  console.log(
    `${`client memory with ${loaded.favorites} favorites (engine process)`.padEnd(52)} heap ${mb(loaded.heapUsed)} MB (+${mb(loaded.heapUsed - base.heapUsed)} vs ${base.favorites} favorites)  RSS ${mb(loaded.rss)} MB (+${mb(loaded.rss - base.rss)})`,
  );
}

/** Runs the three presence benches, each against a fresh local stack, and prints their figures. */
export async function runPresenceBench(): Promise<void> {
  const runs = Number(process.env['BENCH_PRESENCE_RUNS'] ?? 30);
  const clients = Number(process.env['BENCH_FANOUT_CLIENTS'] ?? 1000);
  const fanOutRuns = Number(process.env['BENCH_FANOUT_RUNS'] ?? 10);
  for (const bench of [
    (stack: UcStack) => benchWatcher(stack, runs),
    (stack: UcStack) => benchFanOut(stack, clients, fanOutRuns),
    (stack: UcStack) => benchMemory(stack),
  ]) {
    const stack = await startUcStack({ withVoicemail: false });
    try {
      await bench(stack);
    } finally {
      await stack.stop();
    }
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  runPresenceBench().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error('presence bench failed:', err);
      process.exit(1);
    },
  );
}
