import type { JournalEntry } from '../../../../../src-preload/contract/calls/calls-ipc';

/** How far this device's start of a call may lie from the proxy's (the journal keeps no SIP Call-ID). */
const SAME_CALL_MS = 10_000;

/**
 * The History tab (issue #13): the server's call history is the one source of truth, the same on
 * every device of the user; this device's journal only fills in the calls the server has not
 * reported yet (offline, or the record is on its way) — entries newer than the newest server one
 * that match none of its records. Older local entries never come back (a call deleted from the
 * history stays deleted). A local entry is the same call as a server record when direction and
 * peer are the same and the starts lie within {@link SAME_CALL_MS} (the device journal has the
 * app's call id, not the SIP Call-ID). For a call both know with the same result, this device's
 * entry is kept: it says more (who hung up, transferred); when they differ (answered on another
 * device, picked up), the server's wins. Newest first, at most `limit`.
 */
export function mergeJournals(
  server: readonly JournalEntry[],
  local: readonly JournalEntry[],
  limit: number,
): JournalEntry[] {
  const unmatched = new Set(local);
  const settled = server.map((e) => {
    let here: JournalEntry | undefined;
    for (const l of unmatched) {
      if (l.direction !== e.direction || l.peer !== e.peer || Math.abs(l.startedAt - e.startedAt) > SAME_CALL_MS)
        continue;
      if (here === undefined || Math.abs(l.startedAt - e.startedAt) < Math.abs(here.startedAt - e.startedAt)) here = l;
    }
    if (here === undefined) return e;
    unmatched.delete(here);
    return here.result === e.result ? here : e;
  });
  const newest = server.reduce((max, e) => Math.max(max, e.startedAt + SAME_CALL_MS), Number.NEGATIVE_INFINITY);
  const pending = [...unmatched].filter((e) => e.startedAt > newest);
  return [...pending, ...settled].sort((a, b) => b.startedAt - a.startedAt || b.id - a.id).slice(0, limit);
}
