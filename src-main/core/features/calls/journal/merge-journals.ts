import type { JournalEntry } from '../../../../../src-preload/contract/calls/calls-ipc';

/**
 * The History tab (issue #13): the server's call history is the one source of truth, the same on
 * every device of the user; this device's journal only fills in the calls the server has not
 * reported yet (offline, or the record is on its way) — entries newer than the newest server one,
 * whose Call-ID the server does not know. Older local entries never come back (a call deleted
 * from the history stays deleted). For a call both know with the same result, this device's entry
 * is kept: it says more (who hung up, transferred); when they differ (answered on another device,
 * picked up), the server's wins. Newest first, at most `limit`.
 */
export function mergeJournals(
  server: readonly JournalEntry[],
  local: readonly JournalEntry[],
  limit: number,
): JournalEntry[] {
  const known = new Set(server.map((e) => e.callId));
  const mine = new Map(local.map((e) => [e.callId, e]));
  const newest = server.reduce((max, e) => Math.max(max, e.startedAt), Number.NEGATIVE_INFINITY);
  const pending = local.filter((e) => !known.has(e.callId) && e.startedAt > newest);
  const settled = server.map((e) => {
    const here = mine.get(e.callId);
    return here !== undefined && here.result === e.result ? here : e;
  });
  return [...pending, ...settled].sort((a, b) => b.startedAt - a.startedAt || b.id - a.id).slice(0, limit);
}
