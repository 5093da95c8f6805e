import type { CallDirection, CallStateName } from '../../../../../src-preload/contract/ipc-contract';

/**
 * The life cycle of one call, as the UI sees it. The values are exactly the
 * contract's `callStateSchema`, so a {@link CallState} is a `CallStateName`.
 *
 * ```text
 *   outgoing                               incoming
 *   ┌─────────┐ progress ┌─────────────┐    ┌────────────┐ answer ┌───────────┐
 *   │ dialing │─────────▶│ ringing-out │⟲   │ ringing-in │───────▶│ answering │
 *   └────┬────┘          └──────┬──────┘    └────────────┘        └─────┬─────┘
 *        │ accepted             │ accepted               accepted       │
 *        └──────────────┐       │       ┌───────────────────────────────┘
 *                       ▼       ▼       ▼
 *                      ┌─────────────────┐
 *                      │   established   │
 *                      └───┬─────────▲───┘
 *                     hold │         │ resume
 *                      ┌───▼─────────┴───┐
 *                      │      held       │
 *                      └─────────────────┘
 *
 *   ⟲ progress: a further 180/183 keeps ringing-out
 *   terminate: dialing, ringing-out, ringing-in, answering, established, held ──▶ terminating
 *   ended:     every state except terminated ──────────────────────────────────▶ terminated (final)
 * ```
 *
 * - `terminate` is a *local* decision (hang up, reject, cancel) whose SIP
 *   transaction (BYE, CANCEL, final 4xx/6xx response) is still running.
 * - `ended` is the moment the SIP session is over (BYE/CANCEL received, final
 *   error response, transaction finished, transport lost) — RFC 3261 §15.
 * - `held` means *we* put the call on hold (RFC 3264 §8.4 re-INVITE with
 *   `a=inactive`); the far end holding us is a separate flag (`remoteHeld`).
 */
export enum CallState {
  Dialing = 'dialing',
  RingingOut = 'ringing-out',
  RingingIn = 'ringing-in',
  Answering = 'answering',
  Established = 'established',
  Held = 'held',
  Terminating = 'terminating',
  Terminated = 'terminated',
}

/** What happens to a call; input of {@link transition}. */
export enum CallEvent {
  /** a provisional response (180/183) to our INVITE arrived */
  Progress = 'progress',
  /** the user accepts an incoming call (we are sending 200 OK) */
  Answer = 'answer',
  /** the dialog is confirmed: 2xx received (outgoing) or ACKed/accepted (incoming) */
  Accepted = 'accepted',
  /** our hold re-INVITE was accepted */
  Hold = 'hold',
  /** our resume re-INVITE was accepted */
  Resume = 'resume',
  /** the user ends the call; the SIP transaction is still running */
  Terminate = 'terminate',
  /** the SIP session is over, for whatever reason */
  Ended = 'ended',
}

/** Thrown by {@link transition} when `event` is not allowed in state `from`. */
export class InvalidTransitionError extends Error {
  constructor(
    readonly from: CallState,
    readonly event: CallEvent,
  ) {
    super(`invalid call transition: ${event} in state ${from}`);
    this.name = 'InvalidTransitionError';
  }
}

const live: readonly CallState[] = [
  CallState.Dialing,
  CallState.RingingOut,
  CallState.RingingIn,
  CallState.Answering,
  CallState.Established,
  CallState.Held,
];

function build(): ReadonlyMap<CallState, ReadonlyMap<CallEvent, CallState>> {
  const table = new Map<CallState, Map<CallEvent, CallState>>();
  for (const s of Object.values(CallState)) table.set(s, new Map());
  const add = (from: CallState, event: CallEvent, to: CallState): void => {
    table.get(from)!.set(event, to);
  };
  add(CallState.Dialing, CallEvent.Progress, CallState.RingingOut);
  // 180 then 183 (or several 180s): stays ringing.
  add(CallState.RingingOut, CallEvent.Progress, CallState.RingingOut);
  add(CallState.Dialing, CallEvent.Accepted, CallState.Established);
  add(CallState.RingingOut, CallEvent.Accepted, CallState.Established);
  add(CallState.RingingIn, CallEvent.Answer, CallState.Answering);
  add(CallState.Answering, CallEvent.Accepted, CallState.Established);
  add(CallState.Established, CallEvent.Hold, CallState.Held);
  add(CallState.Held, CallEvent.Resume, CallState.Established);
  for (const s of live) add(s, CallEvent.Terminate, CallState.Terminating);
  for (const s of [...live, CallState.Terminating]) add(s, CallEvent.Ended, CallState.Terminated);
  return table;
}

/** The complete transition table: state → event → next state. Anything absent is invalid. */
export const callTransitions: ReadonlyMap<CallState, ReadonlyMap<CallEvent, CallState>> = build();

/** The state a new call starts in. */
export function initialCallState(direction: CallDirection): CallState {
  return direction === 'outgoing' ? CallState.Dialing : CallState.RingingIn;
}

/** Whether `event` is allowed in state `from`. */
export function canTransition(from: CallState, event: CallEvent): boolean {
  return callTransitions.get(from)?.has(event) ?? false;
}

/**
 * The state after `event` in state `from`.
 * @throws InvalidTransitionError when the table has no such transition
 */
export function transition(from: CallState, event: CallEvent): CallState {
  const to = callTransitions.get(from)?.get(event);
  if (to === undefined) throw new InvalidTransitionError(from, event);
  return to;
}

/** Every state but `terminated` has a live SIP session behind it. */
export function isLive(state: CallState): boolean {
  return state !== CallState.Terminated;
}

/** Contract name of a state (same string; the function documents the intent). */
export function toCallStateName(state: CallState): CallStateName {
  return state;
}
