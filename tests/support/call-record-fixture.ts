/**
 * Call records as the UC server sends them (`GET /calls`), for the engine's unit tests of the
 * call history and the conversations.
 */
import type { CallRecord } from '../../src-preload/contract/calls/call-history-http';

/**
 * An ended, answered incoming call from Alice (100, a colleague) on the app, not read yet, with
 * `over` on top.
 *
 * @param id - the record's id; its SIP Call-ID is `c<id>` and its revision `id` unless `over` says
 * otherwise
 */
export function callRecordFixture(id: number, over: Partial<CallRecord> = {}): CallRecord {
  return {
    id,
    sipCallId: `c${id}`,
    direction: 'in',
    peer: '100',
    peerName: 'Alice',
    peerInternal: true,
    result: 'answered',
    deviceKind: 'app',
    via: null,
    origin: null,
    originNumber: null,
    startedAt: 1000,
    answeredAt: 1500,
    endedAt: 9000,
    durationMs: 7500,
    read: false,
    deleted: false,
    revision: id,
    ...over,
  };
}
