/**
 * Conversations bench (issue #13): figures, never pass/fail.
 *
 *   npx tsx tests/bench/conversations-bench.ts
 *
 * - the engine's merge of 10 000 events (calls, messages, voicemails over 2 000 contacts) into one entry
 *   per contact, what `conversations.list` does before the first paint of the tab (p95 over 20 runs);
 * - the CSV export of 100 000 events: the filter (`conversations.events`) then the renderer's
 *   `buildCsv` (csv-stringify, slices of 5 000 with a yield between them), seconds.
 * Not measured here: the browser's first paint and scrolling frame times of the virtualized list.
 */
import { fileURLToPath } from 'node:url';
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
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  runConversationsBench().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
