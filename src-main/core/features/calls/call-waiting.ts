import { assertNever } from '../../../../src-preload/contract/platform/assert-never';
import { CallState } from './sip/call-state';

/**
 * Call waiting (SPEC F3, issue #15): what the line as a whole does, from the
 * states of its calls. One rule above all: never two calls with open
 * microphones — answering, dialing or resuming one call first holds the
 * others (RFC 3264 §8.4 re-INVITE with `a=inactive`, see `Call.setHold`).
 *
 * ```text
 *                 incoming            answer (nothing else live)
 *   ┌──────┐ ───────────────▶ ┌─────────┐ ─────────────────▶ ┌────────┐
 *   │ idle │                  │ ringing │                    │ active │◀─┐
 *   └──────┘ ◀─────────────── └─────────┘ ◀── reject/cancel ─┴───┬────┘  │
 *      ▲        reject/cancel   (ring tone)   (the first call     │       │ answer: the others are held first;
 *      │                                       stays as it was)   │       │ reject/cancel: untouched
 *      │ last call ends                                incoming   ▼       │
 *      └──────────────────────────────────────────────────── ┌─────────┐ ─┘
 *                                                            │ waiting │ (waiting tone, not the ring tone)
 *                                                            └─────────┘
 * ```
 *
 * `active` = at least one live call that is not ringing in (dialing, ringing out, answering,
 * established, held); `waiting` = `active` plus a call ringing in.
 */
export type LineState = 'idle' | 'ringing' | 'active' | 'waiting';

/** What the media host plays: nothing, the ring tone, or the short call-waiting tone. */
export type RingTone = 'none' | 'ring' | 'waiting';

/** The part of a call the line looks at. */
export interface LineCall {
  readonly id: string;
  readonly state: CallState;
}

/**
 * @param silent calls that ring but must not sound (a pickup this device answers by itself)
 */
export function lineStateOf(calls: Iterable<LineCall>, silent: ReadonlySet<string> = new Set()): LineState {
  let ringing = false;
  let active = false;
  for (const call of calls) {
    if (call.state === CallState.Terminated || call.state === CallState.Terminating) continue;
    if (call.state === CallState.RingingIn) {
      if (!silent.has(call.id)) ringing = true;
    } else {
      active = true;
    }
  }
  if (active) return ringing ? 'waiting' : 'active';
  return ringing ? 'ringing' : 'idle';
}

/** The tone for a line state: the full ring tone only when no call is in progress. */
export function ringToneFor(line: LineState): RingTone {
  switch (line) {
    case 'idle':
    case 'active':
      return 'none';
    case 'ringing':
      return 'ring';
    case 'waiting':
      return 'waiting';
    default:
      return assertNever(line);
  }
}

/**
 * The calls to put on hold before `callId` is answered, dialed (no id yet) or resumed: every other
 * call whose audio flows (established, not held). A call being answered elsewhere on the line
 * (`answering`) cannot be held yet: the caller of this function refuses then.
 */
export function callsToHoldFor<C extends LineCall>(calls: Iterable<C>, callId: string | undefined): C[] {
  return [...calls].filter((c) => c.id !== callId && c.state === CallState.Established);
}

/** Another call whose audio is about to flow and that cannot be held yet (an answer in flight). */
export function unholdableCallFor<C extends LineCall>(calls: Iterable<C>, callId: string | undefined): C | undefined {
  return [...calls].find((c) => c.id !== callId && c.state === CallState.Answering);
}
