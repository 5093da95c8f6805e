/**
 * Child process of the presence bench's memory figure: one engine (the real
 * AppCore, media faked) alone in its process logs in, waits until its
 * favorites are in its cache, watches their presence, and prints its RSS and
 * V8 heap after GC as JSON on stdout. Env: BENCH_SERVER, BENCH_USER,
 * BENCH_PASSWORD, BENCH_FAVORITES (how many to wait for), BENCH_DATA_DIR.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { composeAppCore } from '../../src-main/core/app/compose-app-core';
import { FakeMediaHost } from '../support/fake-media-host';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

async function main(): Promise<void> {
  const core = composeAppCore({ dataDir: env('BENCH_DATA_DIR'), mediaHost: new FakeMediaHost() });
  const state = await core.invoke('session.login', {
    server: env('BENCH_SERVER'),
    user: env('BENCH_USER'),
    password: env('BENCH_PASSWORD'),
  });
  if (state.status !== 'registered') throw new Error(`not registered: ${state.status}`);
  const wanted = Number(env('BENCH_FAVORITES'));
  const deadline = Date.now() + 60_000;
  let numbers: string[] = [];
  for (;;) {
    const view = await core.invoke('favorites.list', {});
    const favorites = view.groups.flatMap((g) => g.favorites);
    numbers = favorites.flatMap((f) => (f.internalNumber ? [f.internalNumber] : []));
    if (favorites.length >= wanted) break;
    if (Date.now() > deadline) throw new Error(`only ${favorites.length} favorites after 60 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  for (let i = 0; i < numbers.length; i += 200)
    await core.invoke('presence.watch', { numbers: numbers.slice(i, i + 200) });
  // let the first presence replies settle, then collect
  await new Promise((r) => setTimeout(r, 1_000));
  gc();
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  process.stdout.write(`${JSON.stringify({ rss, heapUsed, favorites: numbers.length })}\n`);
  await core.dispose();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
