/**
 * Conversations bench (issue #13): figures, never pass/fail.
 *
 *   npx tsx tests/bench/conversations-bench.ts
 *
 * - the engine's merge of 10 000 events (calls, messages, voicemails over 2 000 contacts) into one entry
 *   per contact, what `conversations.list` does before the first paint of the tab (p95 over 20 runs);
 * - the CSV export of 100 000 events: the filter (`conversations.events`) then the renderer's
 *   `buildCsv` (csv-stringify, slices of 5 000 with a yield between them), seconds.
 * - the view in the web shell in Debian's Chromium (needs `npm run build:web`): Alice's server call
 *   history gets 10 000 records over 2 000 contacts (written straight into the UC server's database), her
 *   app pulls them into its cache; then first paint of the Conversations tab — from the tab press to the
 *   frame after the first entries are in the DOM — median / p95 over 20 switches (target p95 ≤ 100 ms),
 *   and the frame times while the virtualized list scrolls (p95; 60 fps = 16.7 ms). Skip it with
 *   BENCH_CONVERSATIONS_VIEW=0.
 */
import { fileURLToPath } from 'node:url';
import { findAccountByNumber } from '../../server/src/features/accounts';
import '../../server/src/features/call-history';
import { launchChromium } from '../support/chromium';
import { startUcStack } from '../support/uc-stack-fixture';
import { openWebShellClient } from '../support/web-shell-client';
import { logInClients } from './popup-bench';
import type { CallRecord } from '../../src-preload/contract/calls/call-history-http';
import type { ConversationView, MessageView } from '../../src-preload/contract/messages';
import type { VoicemailView } from '../../src-preload/contract/voicemail';
import { filteredEvents, summarizeConversations } from '../../src-main/core/features/conversations/merge-conversations';
import { buildCsv } from '../../src-renderer/src/features/conversations/conversations-csv';

const RESULTS = ['answered', 'missed', 'busy', 'rejected'] as const;

function events(count: number, contacts: number) {
  const calls: CallRecord[] = [];
  const messages: MessageView[] = [];
  const voicemails: VoicemailView[] = [];
  for (let i = 0; i < count; i++) {
    const peer = String(1000 + (i % contacts));
    const at = 1_790_000_000_000 + i * 60_000;
    if (i % 3 === 0) {
      messages.push({
        id: String(i),
        peer,
        direction: i % 2 ? 'in' : 'out',
        text: `message ${i}`,
        sentAt: at,
        read: i % 5 !== 0,
        status: 'sent',
      });
    } else if (i % 10 === 1) {
      voicemails.push({ id: `v${i}`, callerNumber: peer, receivedAt: at, durationMs: 12_000, listened: i % 4 !== 1 });
    } else {
      calls.push({
        id: i + 1,
        sipCallId: `c${i}`,
        direction: i % 2 ? 'in' : 'out',
        peer,
        peerName: `Contact ${peer}`,
        peerInternal: i % 7 !== 0,
        result: RESULTS[i % RESULTS.length]!,
        deviceKind: 'app',
        via: null,
        origin: null,
        originNumber: null,
        startedAt: at,
        answeredAt: at + 3000,
        endedAt: at + 63_000,
        durationMs: 60_000,
        read: false,
        deleted: false,
        revision: i + 1,
      });
    }
  }
  const byPeer = new Map<string, ConversationView>();
  for (const m of messages) {
    const c = byPeer.get(m.peer);
    if (c === undefined || c.last.sentAt < m.sentAt) byPeer.set(m.peer, { peer: m.peer, last: m, unread: 0 });
  }
  return { calls, messages, voicemails, conversations: [...byPeer.values()] };
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

export async function runConversationsBench(): Promise<void> {
  const small = events(10_000, 2_000);
  const merge: number[] = [];
  for (let run = 0; run < 20; run++) {
    const t0 = performance.now();
    summarizeConversations({
      calls: small.calls,
      messageConversations: small.conversations,
      voicemails: small.voicemails,
      nameOf: () => undefined,
    });
    merge.push(performance.now() - t0);
  }
  console.log(
    `conversations: merge of 10 000 events into one entry per contact (2 000): median ${percentile(merge, 50).toFixed(1)} ms, p95 ${percentile(merge, 95).toFixed(1)} ms (20 runs)`,
  );

  const big = events(100_000, 5_000);
  const t0 = performance.now();
  const rows = filteredEvents(big.calls, big.messages, big.voicemails, {}, () => undefined);
  const t1 = performance.now();
  const csv = await buildCsv(rows, {
    header: ['date', 'direction', 'kind', 'number', 'name', 'duration', 'result'],
    dateTime: (at) => new Date(at).toISOString(),
    direction: (d) => d,
    kind: (row) => row.kind,
  });
  const t2 = performance.now();
  console.log(
    `conversations: export of ${rows.length} events: filter ${((t1 - t0) / 1000).toFixed(2)} s, CSV ${((t2 - t1) / 1000).toFixed(2)} s (${(csv.length / 1e6).toFixed(1)} M characters)`,
  );
  if (process.env['BENCH_CONVERSATIONS_VIEW'] !== '0') await runConversationsViewBench();
}

const VIEW_EVENTS = 10_000;
const VIEW_CONTACTS = 2_000;

/** First paint of the Conversations tab and scroll frame times with 10 000 events, in Chromium. */
export async function runConversationsViewBench(runs = 20): Promise<void> {
  const stack = await startUcStack();
  const browser = await launchChromium();
  try {
    const ctx = stack.ctx;
    if (!ctx) throw new Error('conversations bench: the UC server runs in another process');
    const alice = stack.users[0]!;
    const account = await findAccountByNumber(ctx.db, alice.number);
    if (!account) throw new Error(`no account ${alice.number}`);
    const { calls } = events(VIEW_EVENTS * 3, VIEW_CONTACTS); // two calls in three events: ~20 000, keep 10 000
    const rows = calls.slice(0, VIEW_EVENTS).map((c, i) => ({
      account_id: account.id,
      call_id: c.sipCallId,
      direction: c.direction,
      peer: c.peer,
      peer_name: c.peerName,
      peer_internal: c.peerInternal ? 1 : 0,
      result: c.result,
      device_kind: c.deviceKind,
      via: null,
      origin: null,
      origin_number: null,
      started_at: c.startedAt,
      answered_at: c.answeredAt,
      ended_at: c.endedAt,
      read_at: c.result === 'missed' ? null : c.startedAt,
      deleted: 0,
      revision: i + 1,
    }));
    for (let i = 0; i < rows.length; i += 500)
      await ctx.db
        .insertInto('call_records')
        .values(rows.slice(i, i + 500))
        .execute();
    await ctx.db.updateTable('call_record_revision').set({ revision: rows.length }).where('id', '=', 1).execute();
    const contacts = new Set(rows.map((r) => r.peer)).size;

    const client = await openWebShellClient(browser, 'conversations-bench');
    try {
      await logInClients(stack, [[client, alice]]);
      // the app pulls the whole history into its cache (pages of GET /calls)
      const pullStarted = performance.now();
      for (let i = 0; i < 600; i++) {
        const list = await client.backend.invoke('conversations.list', {});
        if (list.length >= contacts) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const pullS = (performance.now() - pullStarted) / 1000;
      await client.backend.invoke('settings.update', { view: 'menu' });
      const page = client.page;
      await page.getByTestId('menu-conversations').click();
      await page.locator('[data-testid="thread-item"]').first().waitFor({ state: 'visible', timeout: 30_000 });
      const samples: number[] = [];
      for (let i = 0; i < runs + 2; i++) {
        await page.getByTestId('menu-calls').click();
        await page.getByTestId('threads').waitFor({ state: 'detached' });
        const elapsed = (await page.evaluate(SWITCH_SCRIPT)) as number;
        if (i >= 2) samples.push(elapsed); // two warm-up switches
      }
      const domItems = await page.locator('[data-testid="thread-item"]').count();
      const frames = (await page.evaluate(SCROLL_SCRIPT)) as number[];
      console.log(
        `conversations view (${rows.length} events, ${contacts} contacts; pulled in ${pullS.toFixed(1)} s): first paint median ${percentile(samples, 50).toFixed(0)} ms, p95 ${percentile(samples, 95).toFixed(0)} ms (n=${runs}, target ≤ 100 ms; ${domItems} entries in the DOM)`,
      );
      console.log(
        `conversations view scroll: frame time median ${percentile(frames, 50).toFixed(1)} ms, p95 ${percentile(frames, 95).toFixed(1)} ms, max ${Math.max(...frames).toFixed(1)} ms over ${frames.length} frames (60 fps = 16.7 ms; headless Chromium paces frames itself)`,
      );
    } finally {
      await client.close();
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
}

/** Page script: presses the Conversations tab; resolves with the ms until the frame after the first entries. */
const SWITCH_SCRIPT = `new Promise((resolve) => {
  const button = document.querySelector('[data-testid="menu-conversations"]');
  const started = performance.now();
  const check = () => {
    if (document.querySelector('[data-testid="thread-item"]')) {
      requestAnimationFrame(() => resolve(performance.now() - started));
    } else requestAnimationFrame(check);
  };
  button.click();
  check();
})`;

/** Page script: scrolls the list 40 px a frame over 300 frames; resolves with the frame-to-frame times. */
const SCROLL_SCRIPT = `new Promise((resolve) => {
  const scroller = document.querySelector('[data-testid="thread-scroll"]');
  const times = [];
  let last = performance.now();
  let n = 0;
  const step = (now) => {
    times.push(now - last);
    last = now;
    if (++n >= 300 || scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight) return resolve(times.slice(1));
    scroller.scrollTop += 40;
    requestAnimationFrame(step);
  };
  requestAnimationFrame((now) => { last = now; requestAnimationFrame(step); });
})`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  runConversationsBench().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
