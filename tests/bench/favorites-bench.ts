/**
 * Favorites view bench (issue #11): "first paint of the favorites view with
 * 500 favorites" — from pressing the Menu view's Favorites tab until the
 * frame after its 500 rows are in the DOM — median / p95 over >= 20 switches.
 * A figure, never a pass/fail.
 *
 *   npx tsx tests/bench/favorites-bench.ts   (BENCH_FAVORITES_RUNS=20 by default; needs `npm run build:web`)
 *
 * Set-up: a UC server + Kamailio (startUcStack); Alice's account gets 500
 * favorites in 5 groups through the server's own FavoritesService; one web
 * shell with the real AppCore (the favorites come from its SQLite cache) and
 * its page in Debian's Chromium. The page stamps the time with
 * `performance.timeOrigin + performance.now()` in a requestAnimationFrame
 * after the last row appeared; the click is stamped in the page too.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { FavoritesService } from '../../server/src/features/favorites';
import { findAccountByNumber } from '../../server/src/features/accounts';
import { launchChromium } from '../support/chromium';
import { startUcStack } from '../support/uc-stack-fixture';
import { openWebShellClient } from '../support/web-shell-client';
import { logInClients } from './popup-bench';

const FAVORITES = 500;
const GROUPS = 5;

export interface FavoritesBenchResult {
  runs: number;
  median: number;
  p95: number;
  /** DOM elements of the favorites section with 500 favorites */
  domNodes: number;
}

/** Runs the bench against a fresh local stack, prints the figure and returns it. */
export async function runFavoritesBench(
  runs = Number(process.env['BENCH_FAVORITES_RUNS'] ?? 20),
): Promise<FavoritesBenchResult> {
  const stack = await startUcStack();
  const browser = await launchChromium();
  try {
    const ctx = stack.ctx;
    if (!ctx) throw new Error('favorites bench: the UC server runs in another process');
    const alice = stack.users[0]!;
    const account = await findAccountByNumber(ctx.db, alice.number);
    if (!account) throw new Error(`no account ${alice.number}`);
    const favorites = new FavoritesService({ db: ctx.db, changes: ctx.changes, clock: ctx.clock });
    for (let g = 0; g < GROUPS; g++) {
      const groupId = randomUUID();
      await favorites.change(account.id, randomUUID(), { op: 'createGroup', groupId, name: `Group ${g + 1}` });
      for (let i = 0; i < FAVORITES / GROUPS; i++) {
        const n = g * (FAVORITES / GROUPS) + i;
        await favorites.change(account.id, randomUUID(), {
          op: 'addFavorite',
          groupId,
          favoriteId: randomUUID(),
          entryId: `global:${randomUUID()}`,
          name: `Contact ${String(n).padStart(3, '0')}`,
          defaultNumber: `+33 1 23 45 ${String(n).padStart(4, '0').slice(0, 2)} ${String(n).padStart(4, '0').slice(2)}`,
        });
      }
    }
    const client = await openWebShellClient(browser, 'favorites-bench');
    try {
      await logInClients(stack, [[client, alice]]);
      await client.backend.invoke('settings.update', { view: 'menu' });
      const page = client.page;
      const expected = FAVORITES + stack.users.length - 1; // the demo group too
      await page.getByTestId('menu-favorites').click();
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="favorite"]').length >= n, expected, {
        timeout: 30_000,
      });
      const domNodes = await page.evaluate(
        () => document.querySelector('[data-testid="favorites"]')!.querySelectorAll('*').length,
      );
      const samples: number[] = [];
      for (let i = 0; i < runs + 2; i++) {
        await page.getByTestId('menu-calls').click();
        await page.getByTestId('favorites').waitFor({ state: 'detached' });
        const elapsed = (await page.evaluate(switchToFavoritesScript(expected))) as number;
        if (i >= 2) samples.push(elapsed); // two warm-up switches
      }
      samples.sort((a, b) => a - b);
      const at = (q: number) => samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)]!;
      const result = { runs, median: at(0.5), p95: at(0.95), domNodes };
      console.log(
        `${'favorites view first paint (500 favorites)'.padEnd(44)} median ${result.median.toFixed(0).padStart(5)} ms  p95 ${result.p95.toFixed(0).padStart(5)} ms  n=${runs}  (${domNodes} DOM elements)`,
      );
      return result;
    } finally {
      await client.close();
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
}

/**
 * Page script (a string: the bundler's helpers do not exist in the page):
 * presses the Favorites tab and resolves with the ms until the frame after
 * `rows` favorites are in the DOM.
 */
function switchToFavoritesScript(rows: number): string {
  return `new Promise((resolve) => {
    const button = document.querySelector('[data-testid="menu-favorites"]');
    const started = performance.now();
    const check = () => {
      if (document.querySelectorAll('[data-testid="favorite"]').length >= ${rows}) {
        requestAnimationFrame(() => resolve(performance.now() - started));
      } else requestAnimationFrame(check);
    };
    button.click();
    check();
  })`;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  runFavoritesBench().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error('favorites bench failed:', err);
      process.exit(1);
    },
  );
}
