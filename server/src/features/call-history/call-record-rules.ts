import type { CallOrigin, CallRecordResult } from '../../../../src-preload/contract/calls';
import { assertNever } from '../../../../src-preload/contract/platform/assert-never';

/**
 * What Kamailio reports of a call (kamailio.cfg route[CALLS_*]), decoded, plus the pickup feature's
 * `picked-up`. `at`: epoch ms by Kamailio's clock (the server's for picked-up).
 */
export type CallEvent =
  | {
      readonly e: 'start';
      readonly ci: string;
      readonly at: number;
      /** From user, display name, whether From is in our domain (then authenticated by Kamailio) */
      readonly from: string;
      readonly name: string;
      readonly ours: boolean;
      /** Request-URI user after call routing: `vm<ext>` when the call goes to ext's mailbox */
      readonly to: string;
      readonly proto: string;
      /** Referred-By user: the call is a transfer (RFC 3515) made by this party */
      readonly referredBy: string;
    }
  | { readonly e: 'answer'; readonly ci: string; readonly at: number; readonly proto: string }
  | { readonly e: 'redirect'; readonly ci: string; readonly at: number; readonly to: string }
  | { readonly e: 'fail'; readonly ci: string; readonly at: number; readonly code: number; readonly cancel: boolean }
  | { readonly e: 'bye'; readonly ci: string; readonly at: number; readonly by: string }
  | { readonly e: 'picked-up'; readonly ci: string; readonly at: number; readonly callee: string; readonly by: string };

/** One party's record of a call, as the rules see it (`number`: the party's own account number). */
export interface PartyRecord {
  readonly id?: number;
  readonly number: string;
  readonly direction: 'in' | 'out';
  readonly peer: string;
  readonly peerName: string | null;
  readonly peerInternal: boolean;
  readonly result: CallRecordResult;
  readonly deviceKind: 'app' | 'sip-phone' | null;
  readonly via: string | null;
  readonly origin: CallOrigin | null;
  readonly originNumber: string | null;
  readonly startedAt: number;
  readonly answeredAt: number | null;
  readonly endedAt: number | null;
}

/** Our users, by number (the rules only need to know who is one, and their name). */
export type AccountLookup = (number: string) => { readonly name: string } | undefined;

/** The mailbox prefix of a voicemail Request-URI (kamailio.cfg route[VOICEMAIL_URI]). */
const MAILBOX = /^vm([A-Za-z0-9._-]{1,32})$/;

/** A device on a WebSocket is the app (desktop or web); anything else is a SIP phone. */
export function deviceKindOf(proto: string): 'app' | 'sip-phone' {
  return /^wss?$/i.test(proto) ? 'app' : 'sip-phone';
}

/**
 * The result of a call that ended without an answer, for the callee (`in`) or the caller (`out`),
 * from the final SIP status (RFC 3261 §21) and whether the caller cancelled.
 */
export function failedResult(direction: 'in' | 'out', code: number, cancel: boolean): CallRecordResult {
  if (cancel) return direction === 'in' ? 'missed' : 'not-answered';
  if (code === 486 || code === 600) return 'busy';
  if (code === 603 || code === 607 || code === 608) return 'rejected';
  if (direction === 'in') return 'missed';
  // nobody answered in time, or nobody is there to answer
  if (code === 408 || code === 480 || code === 487) return 'not-answered';
  return 'failed';
}

const PENDING: ReadonlySet<CallRecordResult> = new Set(['ringing']);

/**
 * Applies one event to the records of its call: returns the records after it, where changed or
 * new ones are listed in `changed` (by index). Pure: the service loads and stores.
 *
 * - start: the caller's outgoing record (when the caller is one of ours) and the callee's incoming
 *   one (when the callee is one of ours; `vm<ext>`: straight to ext's voicemail).
 * - answer: the first 2xx answers every ringing record (deflected / picked-up ones stay so).
 * - redirect: the ringing callee deflected the call — to a mailbox (voicemail) or to a colleague,
 *   who gets an incoming record of their own ("deflected" from the callee).
 * - picked-up: the callee's record says by whom; the picker gets an incoming record.
 * - fail: ringing records end with the result of the final status.
 * - bye: answered records end; the duration runs from the answer.
 */
export function applyCallEvent(
  records: readonly PartyRecord[],
  event: CallEvent,
  accounts: AccountLookup,
): { records: PartyRecord[]; changed: Set<number> } {
  const next = [...records];
  const changed = new Set<number>();
  const update = (index: number, patch: Partial<PartyRecord>): void => {
    next[index] = { ...next[index]!, ...patch };
    changed.add(index);
  };
  const add = (record: PartyRecord): void => {
    if (next.some((r) => r.number === record.number && r.direction === record.direction)) return;
    next.push(record);
    changed.add(next.length - 1);
  };
  const caller = (): Pick<PartyRecord, 'peer' | 'peerName' | 'peerInternal'> | undefined => {
    const incoming = next.find((r) => r.direction === 'in');
    if (incoming !== undefined)
      return { peer: incoming.peer, peerName: incoming.peerName, peerInternal: incoming.peerInternal };
    const outgoing = next.find((r) => r.direction === 'out');
    if (outgoing === undefined) return undefined;
    return { peer: outgoing.number, peerName: accounts(outgoing.number)?.name ?? null, peerInternal: true };
  };
  const incomingFor = (
    number: string,
    at: number,
    origin: CallOrigin | null,
    originNumber: string | null,
  ): PartyRecord | undefined => {
    const from = caller();
    if (from === undefined || accounts(number) === undefined || from.peer === number) return undefined;
    return {
      number,
      direction: 'in',
      ...from,
      result: 'ringing',
      deviceKind: null,
      via: null,
      origin,
      originNumber,
      startedAt: at,
      answeredAt: null,
      endedAt: null,
    };
  };

  switch (event.e) {
    case 'start': {
      if (next.length > 0) break; // a repeated start (same Call-ID) changes nothing
      const mailbox = MAILBOX.exec(event.to)?.[1];
      const callee = mailbox !== undefined && accounts(mailbox) !== undefined ? mailbox : event.to;
      const toVoicemail = mailbox !== undefined && callee === mailbox;
      const callerAccount = event.ours ? accounts(event.from) : undefined;
      const calleeAccount = accounts(callee);
      if (callerAccount !== undefined) {
        add({
          number: event.from,
          direction: 'out',
          peer: callee,
          peerName: calleeAccount?.name ?? null,
          peerInternal: calleeAccount !== undefined,
          result: 'ringing',
          deviceKind: deviceKindOf(event.proto),
          via: toVoicemail ? 'voicemail' : null,
          origin: null,
          originNumber: null,
          startedAt: event.at,
          answeredAt: null,
          endedAt: null,
        });
      }
      if (calleeAccount !== undefined && callee !== event.from) {
        add({
          number: callee,
          direction: 'in',
          peer: event.from,
          // our users' names come from their accounts; an outsider's display name is all we have
          peerName: callerAccount?.name ?? (event.name !== '' ? event.name : null),
          peerInternal: callerAccount !== undefined,
          result: toVoicemail ? 'voicemail' : 'ringing',
          deviceKind: null,
          via: null,
          origin: event.referredBy !== '' ? 'transferred' : null,
          originNumber: event.referredBy !== '' ? event.referredBy : null,
          startedAt: event.at,
          answeredAt: null,
          endedAt: null,
        });
      }
      break;
    }
    case 'answer':
      next.forEach((r, i) => {
        if (r.answeredAt !== null || r.endedAt !== null) return;
        if (r.direction === 'out')
          update(i, { result: r.via === 'voicemail' ? 'voicemail' : 'answered', answeredAt: event.at });
        else if (PENDING.has(r.result))
          update(i, { result: 'answered', deviceKind: deviceKindOf(event.proto), answeredAt: event.at });
        else if (r.result === 'voicemail') update(i, { answeredAt: event.at });
      });
      break;
    case 'redirect': {
      const ringing = next.findIndex((r) => r.direction === 'in' && PENDING.has(r.result));
      const mailbox = MAILBOX.exec(event.to)?.[1];
      const outgoing = next.findIndex((r) => r.direction === 'out' && r.answeredAt === null);
      if (mailbox !== undefined) {
        if (ringing >= 0) update(ringing, { result: 'voicemail', via: 'voicemail' });
        if (outgoing >= 0) update(outgoing, { via: 'voicemail' });
        break;
      }
      if (ringing < 0) break;
      const from = next[ringing]!;
      update(ringing, { result: 'deflected', via: event.to, endedAt: event.at });
      const target = incomingFor(event.to, event.at, 'deflected', from.number);
      if (target !== undefined) add(target);
      break;
    }
    case 'picked-up': {
      const index = next.findIndex((r) => r.direction === 'in' && r.number === event.callee && PENDING.has(r.result));
      if (index < 0) break;
      update(index, { result: 'picked-up', via: event.by, endedAt: event.at });
      const picker = incomingFor(event.by, event.at, 'picked-up', event.callee);
      if (picker !== undefined) add(picker);
      break;
    }
    case 'fail':
      next.forEach((r, i) => {
        if (r.endedAt !== null || r.answeredAt !== null) return;
        if (PENDING.has(r.result) || r.result === 'voicemail')
          update(i, { result: failedResult(r.direction, event.code, event.cancel), endedAt: event.at });
      });
      break;
    case 'bye':
      next.forEach((r, i) => {
        if (r.answeredAt !== null && r.endedAt === null) update(i, { endedAt: event.at });
      });
      break;
    default:
      assertNever(event);
  }
  return { records: next, changed };
}
