import type { CallRecord } from '../../../../src-preload/contract/calls/call-history-http';
import type { CallEndReason, CallResult, JournalEntry } from '../../../../src-preload/contract/calls/calls-ipc';
import { assertNever } from '../../../../src-preload/contract/platform/assert-never';

/**
 * The History tab's rows from the server's call history (issue #13: one call history for all
 * devices): each ended record of the user becomes a journal entry, worded as the device journal
 * words it (`journal-outcome.ts` in the renderer). A record still ringing is a call in progress:
 * not in the history yet. Server rows take negative ids, so they never clash with the device
 * journal's ids (a list key).
 */
export function journalFromRecords(records: readonly CallRecord[]): JournalEntry[] {
  const entries: JournalEntry[] = [];
  for (const record of records) {
    if (record.deleted) continue;
    const outcome = outcomeOf(record);
    if (outcome === undefined) continue;
    entries.push({
      id: -record.id,
      callId: record.sipCallId,
      direction: record.direction === 'in' ? 'incoming' : 'outgoing',
      peer: record.peer,
      ...(record.peerName !== null ? { peerName: record.peerName } : {}),
      startedAt: record.startedAt,
      ...(record.answeredAt !== null ? { answeredAt: record.answeredAt } : {}),
      endedAt: record.endedAt ?? record.startedAt,
      result: outcome.result,
      ...(outcome.reason !== undefined ? { reason: outcome.reason } : {}),
      ...(record.result === 'picked-up' && record.via !== null ? { pickedUpBy: record.via } : {}),
    });
  }
  return entries.sort((a, b) => b.startedAt - a.startedAt || a.id - b.id);
}

function outcomeOf(record: CallRecord): { result: CallResult; reason?: CallEndReason } | undefined {
  const incoming = record.direction === 'in';
  switch (record.result) {
    case 'ringing':
      return undefined;
    case 'answered':
      return record.origin === 'transferred' ? { result: 'answered', reason: 'transferred' } : { result: 'answered' };
    case 'missed':
      return { result: 'missed' };
    case 'rejected':
      return { result: 'rejected', reason: 'rejected' };
    case 'busy':
      return { result: incoming ? 'rejected' : 'failed', reason: 'busy' };
    case 'deflected':
      return { result: 'rejected', reason: 'deflected' };
    case 'picked-up':
      return { result: 'rejected', reason: 'completed-elsewhere' };
    case 'voicemail':
      // incoming: nobody here took it (a missed call the mailbox took); outgoing: the mailbox answered
      return incoming ? { result: 'missed', reason: 'voicemail' } : { result: 'answered', reason: 'voicemail' };
    case 'not-answered':
      return { result: 'failed', reason: 'cancelled' };
    case 'failed':
      return { result: 'failed', reason: 'failed' };
    default:
      return assertNever(record.result);
  }
}
