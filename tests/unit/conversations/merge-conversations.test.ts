/**
 * Conversations (issue #13, E1/E2): calls, messages and voicemails merged per contact
 * (src-main/core/features/conversations/merge-conversations.ts).
 */
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../src-preload/contract/calls/call-history-http';
import { callRecordFixture } from '../../support/call-record-fixture';
import type { ConversationView, MessageView } from '../../../src-preload/contract/messages';
import type { VoicemailView } from '../../../src-preload/contract/voicemail';
import {
  callsShownAsVoicemail,
  conversationHistory,
  filteredEvents,
  summarizeConversations,
} from '../../../src-main/core/features/conversations/merge-conversations';

let nextId = 1;
const call = (over: Partial<CallRecord>): CallRecord => callRecordFixture(nextId++, over);
const message = (over: Partial<MessageView>): MessageView => ({
  id: String(nextId++),
  peer: '100',
  direction: 'in',
  text: 'Bonjour',
  sentAt: 2000,
  read: false,
  status: 'sent',
  ...over,
});
const voicemail = (over: Partial<VoicemailView>): VoicemailView => ({
  id: `vm${nextId++}`,
  callerNumber: '102',
  receivedAt: 5000,
  durationMs: 4000,
  listened: false,
  ...over,
});
const conversation = (last: MessageView, unread: number): ConversationView => ({ peer: last.peer, last, unread });
const names: Record<string, string> = { '100': 'Alice Martin', '102': 'Chloé Dubois' };
const nameOf = (n: string): string | undefined => names[n];

describe('summarizeConversations', () => {
  it('one entry per contact, newest first, with missed calls, new messages and new voicemails counted', () => {
    const hello = message({ sentAt: 3000 });
    const list = summarizeConversations({
      calls: [
        call({ peer: '100', startedAt: 1000 }), // answered: not unread
        call({ peer: '102', peerName: 'Chloé', startedAt: 4000, result: 'missed', answeredAt: null, durationMs: null }),
      ],
      messageConversations: [conversation(hello, 1)],
      voicemails: [voicemail({ callerNumber: '102', receivedAt: 5000 })],
      nameOf,
    });
    expect(list.map((c) => [c.peer, c.peerName, c.last.kind, c.unread])).toEqual([
      ['102', 'Chloé Dubois', 'voicemail', 2],
      ['100', 'Alice Martin', 'message', 1],
    ]);
  });

  it('groups unknown numbers by number, with the name a call brought', () => {
    const list = summarizeConversations({
      calls: [
        call({ peer: '+33612345678', peerName: 'Jean', peerInternal: false, startedAt: 10 }),
        call({
          peer: '+33612345678',
          peerName: null,
          peerInternal: false,
          startedAt: 20,
          read: true,
          result: 'missed',
        }),
      ],
      messageConversations: [],
      voicemails: [],
      nameOf,
    });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      peer: '+33612345678',
      peerName: 'Jean',
      internal: false,
      inDirectory: false,
      unread: 0,
    });
    expect(list[0]!.last.at).toBe(20);
  });

  it('a read missed call and an outgoing one are not unread', () => {
    const list = summarizeConversations({
      calls: [call({ result: 'missed', read: true }), call({ direction: 'out', result: 'not-answered' })],
      messageConversations: [],
      voicemails: [],
      nameOf,
    });
    expect(list[0]!.unread).toBe(0);
  });
});

describe('conversationHistory', () => {
  it('merges the three kinds of one peer, oldest first (newest at the bottom)', () => {
    const events = conversationHistory(
      '102',
      [call({ peer: '102', startedAt: 100 }), call({ peer: '100', startedAt: 150 })],
      [message({ peer: '102', sentAt: 300, direction: 'out', read: false })],
      [voicemail({ callerNumber: '102', receivedAt: 200 }), voicemail({ callerNumber: '100', receivedAt: 250 })],
    );
    expect(events.map((e) => [e.kind, e.at])).toEqual([
      ['call', 100],
      ['voicemail', 200],
      ['message', 300],
    ]);
    // our own message is never unread for us
    expect(events[2]!.unread).toBe(false);
    expect(events[1]).toMatchObject({ kind: 'voicemail', unread: true });
  });
});

describe('filteredEvents', () => {
  it('placed, received and missed, within a time window, newest first', () => {
    const calls = [
      call({ id: 901, direction: 'out', result: 'answered', startedAt: 100, peer: '100' }),
      call({ id: 902, direction: 'in', result: 'missed', startedAt: 200, peer: '102' }),
      call({ id: 903, direction: 'in', result: 'answered', startedAt: 300, peer: '100' }),
      call({ id: 904, direction: 'in', result: 'missed', startedAt: 5000, peer: '102' }),
    ];
    const messages = [message({ peer: '100', sentAt: 250, direction: 'in' })];
    const voicemails = [voicemail({ callerNumber: '102', receivedAt: 260 })];
    const ids = (filter: Parameters<typeof filteredEvents>[3]) =>
      filteredEvents(calls, messages, voicemails, filter, nameOf).map((r) => `${r.kind}@${r.at}`);
    expect(ids({ direction: 'placed' })).toEqual(['call@100']);
    expect(ids({ direction: 'missed', from: 0, to: 1000 })).toEqual(['call@200']);
    expect(ids({ direction: 'received' })).toEqual(['call@300', 'voicemail@260', 'message@250']);
    expect(ids({})).toHaveLength(6);
    expect(filteredEvents(calls, [], [], { direction: 'missed' }, nameOf)[0]).toMatchObject({
      peer: '102',
      peerName: 'Chloé Dubois',
    });
  });

  it('a call that left a voicemail shows once, as the voicemail; a call to the mailbox without one stays', () => {
    const toMailbox = call({ peer: '102', peerName: 'Chloé', result: 'voicemail', startedAt: 1000, endedAt: 20_000 });
    const hungUpAtGreeting = call({ peer: '102', result: 'voicemail', startedAt: 500_000, endedAt: 503_000 });
    const outgoing = call({ peer: '102', direction: 'out', result: 'voicemail', startedAt: 600_000, endedAt: 610_000 });
    const vm = voicemail({ callerNumber: '102', receivedAt: 20_500 });
    const calls = [toMailbox, hungUpAtGreeting, outgoing];
    expect(callsShownAsVoicemail(calls, [vm])).toEqual(new Map([[toMailbox.id, vm.id]]));
    expect(conversationHistory('102', calls, [], [vm]).map((e) => e.id)).toEqual([
      `voicemail:${vm.id}`,
      `call:${hungUpAtGreeting.id}`,
      `call:${outgoing.id}`,
    ]);
    expect(
      filteredEvents(calls, [], [vm], { direction: 'all' }, nameOf)
        .map((r) => r.id)
        .includes(`call:${toMailbox.id}`),
    ).toBe(false);
    const [entry] = summarizeConversations({ calls: [toMailbox], messageConversations: [], voicemails: [vm], nameOf });
    expect(entry).toMatchObject({ peer: '102', unread: 1, last: { kind: 'voicemail' } });
    // a voicemail from long after the call is another one: nothing folded
    expect(callsShownAsVoicemail([toMailbox], [voicemail({ receivedAt: 400_000 })]).size).toBe(0);
  });
});
