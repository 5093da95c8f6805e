import type { CallRecord } from '../../../../src-preload/contract/calls/call-history-http';
import type {
  ConversationEventView,
  ConversationRowView,
  ConversationSummaryView,
  ConversationsFilter,
} from '../../../../src-preload/contract/conversations/conversations-ipc';
import type { ConversationView, MessageView } from '../../../../src-preload/contract/messages';
import type { VoicemailView } from '../../../../src-preload/contract/voicemail';
import { isUnreadCall } from './call-history-store';

/** What a conversation is made of: the caches of the three domains, and who is who. */
export interface ConversationSources {
  /** the call history, any order */
  calls: readonly CallRecord[];
  /** the messages' own conversations (last message and unread count per peer) */
  messageConversations: readonly ConversationView[];
  voicemails: readonly VoicemailView[];
  /** the directory's name of a number */
  nameOf(peer: string): string | undefined;
}

export function callEvent(record: CallRecord): ConversationEventView {
  return {
    kind: 'call',
    id: `call:${record.id}`,
    at: record.startedAt,
    direction: record.direction,
    result: record.result,
    durationMs: record.durationMs,
    via: record.via,
    origin: record.origin,
    originNumber: record.originNumber,
    deviceKind: record.deviceKind,
    unread: isUnreadCall(record),
  };
}

export function messageEvent(message: MessageView): ConversationEventView {
  return {
    kind: 'message',
    id: `message:${message.id}`,
    at: message.sentAt,
    direction: message.direction,
    text: message.text,
    unread: message.direction === 'in' && !message.read,
    status: message.status,
  };
}

export function voicemailEvent(voicemail: VoicemailView): ConversationEventView {
  return {
    kind: 'voicemail',
    id: `voicemail:${voicemail.id}`,
    at: voicemail.receivedAt,
    durationMs: voicemail.durationMs,
    voicemailId: voicemail.id,
    unread: !voicemail.listened,
  };
}

/** How far a voicemail's time may lie from its call's (clock skew, the recording stored after the BYE). */
const VOICEMAIL_MATCH_MS = 60_000;

/**
 * The ids of the call records that a voicemail stands for (issue #13): an incoming call that ended in
 * this user's mailbox and left a voicemail shows once, as the voicemail — not also as "call to
 * voicemail". A call to the mailbox without a voicemail (the caller hung up at the greeting) stays.
 * Each voicemail takes at most one call: the nearest in time from its caller.
 */
export function callsShownAsVoicemail(
  calls: readonly CallRecord[],
  voicemails: readonly VoicemailView[],
): Map<number, string> {
  const taken = new Map<number, string>();
  // only incoming calls that ended in the mailbox can match: index them by caller (10 000s of events)
  const candidates = new Map<string, CallRecord[]>();
  for (const c of calls) {
    if (c.direction !== 'in' || c.result !== 'voicemail') continue;
    const list = candidates.get(c.peer);
    if (list === undefined) candidates.set(c.peer, [c]);
    else list.push(c);
  }
  if (candidates.size === 0) return taken;
  for (const vm of voicemails) {
    let best: CallRecord | undefined;
    for (const c of candidates.get(vm.callerNumber) ?? []) {
      if (taken.has(c.id)) continue;
      const end = c.endedAt ?? c.startedAt;
      if (vm.receivedAt < c.startedAt - VOICEMAIL_MATCH_MS || vm.receivedAt > end + VOICEMAIL_MATCH_MS) continue;
      if (
        best === undefined ||
        Math.abs(end - vm.receivedAt) < Math.abs((best.endedAt ?? best.startedAt) - vm.receivedAt)
      )
        best = c;
    }
    if (best !== undefined) taken.set(best.id, vm.id);
  }
  return taken;
}

/** The calls without those a voicemail stands for. */
function shownCalls(calls: readonly CallRecord[], voicemails: readonly VoicemailView[]): readonly CallRecord[] {
  const folded = callsShownAsVoicemail(calls, voicemails);
  return folded.size === 0 ? calls : calls.filter((c) => !folded.has(c.id));
}

/** Newer first; on a tie the later kind in call < voicemail < message order, then the id (stable). */
function newerFirst(a: ConversationEventView, b: ConversationEventView): number {
  return b.at - a.at || b.id.localeCompare(a.id);
}

/**
 * One entry per contact (E1), newest first: the newest event of each peer across calls, messages and
 * voicemails, with the unread count (missed calls not read, unread messages, new voicemails).
 * Unknown numbers are contacts too, grouped by number.
 */
export function summarizeConversations(sources: ConversationSources): ConversationSummaryView[] {
  const byPeer = new Map<string, { last: ConversationEventView; unread: number; name?: string; internal: boolean }>();
  const add = (
    peer: string,
    event: ConversationEventView,
    unread: number,
    name: string | undefined,
    internal: boolean,
  ): void => {
    const entry = byPeer.get(peer);
    if (entry === undefined) {
      byPeer.set(peer, { last: event, unread, ...(name !== undefined ? { name } : {}), internal });
      return;
    }
    if (newerFirst(event, entry.last) < 0) entry.last = event;
    entry.unread += unread;
    if (entry.name === undefined && name !== undefined) entry.name = name;
    entry.internal ||= internal;
  };
  for (const record of shownCalls(sources.calls, sources.voicemails)) {
    const event = callEvent(record);
    add(record.peer, event, event.unread ? 1 : 0, record.peerName ?? undefined, record.peerInternal);
  }
  for (const c of sources.messageConversations) add(c.peer, messageEvent(c.last), c.unread, c.peerName, true);
  for (const vm of sources.voicemails) {
    const event = voicemailEvent(vm);
    add(vm.callerNumber, event, event.unread ? 1 : 0, vm.callerName, false);
  }
  return [...byPeer.entries()]
    .map(([peer, e]): ConversationSummaryView => {
      const directoryName = sources.nameOf(peer);
      const peerName = directoryName ?? e.name;
      return {
        peer,
        ...(peerName !== undefined ? { peerName } : {}),
        internal: e.internal,
        inDirectory: directoryName !== undefined,
        last: e.last,
        unread: e.unread,
      };
    })
    .sort((a, b) => newerFirst(a.last, b.last));
}

/** The whole history with one peer (E2), oldest first (the newest at the bottom). */
export function conversationHistory(
  peer: string,
  calls: readonly CallRecord[],
  messages: readonly MessageView[],
  voicemails: readonly VoicemailView[],
): ConversationEventView[] {
  return [
    ...shownCalls(
      calls.filter((c) => c.peer === peer),
      voicemails,
    ).map(callEvent),
    ...messages.filter((m) => m.peer === peer).map(messageEvent),
    ...voicemails.filter((v) => v.callerNumber === peer).map(voicemailEvent),
  ].sort((a, b) => -newerFirst(a, b));
}

/** A missed call: incoming, rang, nobody here answered (busy included). */
function isMissed(event: ConversationEventView): boolean {
  return event.kind === 'call' && event.direction === 'in' && (event.result === 'missed' || event.result === 'busy');
}

/** Whether an event passes the filter (E5): its direction class and its time window. */
export function matchesFilter(event: ConversationEventView, filter: ConversationsFilter): boolean {
  if (filter.from !== undefined && event.at < filter.from) return false;
  if (filter.to !== undefined && event.at >= filter.to) return false;
  const direction = event.kind === 'voicemail' ? 'in' : event.direction;
  switch (filter.direction ?? 'all') {
    case 'all':
      return true;
    case 'placed':
      return direction === 'out';
    case 'received':
      return direction === 'in' && !isMissed(event);
    case 'missed':
      return isMissed(event);
  }
}

/** Every event of every contact that passes the filter, newest first (the filtered list, the export). */
export function filteredEvents(
  calls: readonly CallRecord[],
  messages: readonly MessageView[],
  voicemails: readonly VoicemailView[],
  filter: ConversationsFilter,
  nameOf: (peer: string) => string | undefined,
): ConversationRowView[] {
  const rows: ConversationRowView[] = [];
  const push = (event: ConversationEventView, peer: string, fallbackName: string | null | undefined): void => {
    if (!matchesFilter(event, filter)) return;
    const peerName = nameOf(peer) ?? fallbackName ?? undefined;
    rows.push({ ...event, peer, ...(peerName !== undefined ? { peerName } : {}) });
  };
  for (const c of shownCalls(calls, voicemails)) push(callEvent(c), c.peer, c.peerName);
  for (const m of messages) push(messageEvent(m), m.peer, undefined);
  for (const v of voicemails) push(voicemailEvent(v), v.callerNumber, v.callerName);
  return rows.sort(newerFirst);
}
