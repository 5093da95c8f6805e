/**
 * The life cycle of a local three-party conference (SPEC F3 "conference from
 * consultation"): the app joins its held call and its active call, and its
 * media host mixes the audio (each far end hears us plus the other far end).
 *
 * ```text
 *   ┌─────────┐ joined  ┌────────┐ dissolved (fewer than two legs left) ┌───────┐
 *   │ joining │────────▶│ active │──────────────────────────────────────▶│ ended │
 *   └────┬────┘         └───┬────┘ leave (we leave: the others are       └───▲───┘
 *        │ failed           │       connected, or hung up)                   │
 *        │ dissolved        └────────────────────────────────────────────────┤
 *        └───────────────────────────────────────────────────────────────────┘
 * ```
 *
 * - `joining`: the held leg is being resumed (RFC 3264 §8.4 re-INVITE back to
 *   `sendrecv`) and the media host is asked to mix.
 * - `ended` is final; a leg that stays up is an ordinary call again.
 */
export enum LocalConferenceState {
  Joining = 'joining',
  Active = 'active',
  Ended = 'ended',
}

export enum LocalConferenceEvent {
  /** every leg is resumed and the media host mixes them */
  Joined = 'joined',
  /** resuming a leg or mixing failed: the calls stay as they were */
  Failed = 'failed',
  /** a leg ended and fewer than two are left */
  Dissolved = 'dissolved',
  /** the user leaves (the other parties are connected to each other, or hung up) */
  Leave = 'leave',
}

/** Thrown by {@link localConferenceTransition} for an event its state does not allow. */
export class InvalidConferenceTransitionError extends Error {
  constructor(
    readonly from: LocalConferenceState,
    readonly event: LocalConferenceEvent,
  ) {
    super(`invalid conference transition: ${event} in state ${from}`);
    this.name = 'InvalidConferenceTransitionError';
  }
}

const S = LocalConferenceState;
const E = LocalConferenceEvent;

/** state → event → next state; anything absent is invalid. */
export const localConferenceTransitions: ReadonlyMap<
  LocalConferenceState,
  ReadonlyMap<LocalConferenceEvent, LocalConferenceState>
> = new Map([
  [
    S.Joining,
    new Map([
      [E.Joined, S.Active],
      [E.Failed, S.Ended],
      [E.Dissolved, S.Ended],
    ]),
  ],
  [
    S.Active,
    new Map([
      [E.Dissolved, S.Ended],
      [E.Leave, S.Ended],
    ]),
  ],
  [S.Ended, new Map()],
]);

/**
 * The state after `event` in `from`.
 * @throws InvalidConferenceTransitionError when the table has no such transition
 */
export function localConferenceTransition(
  from: LocalConferenceState,
  event: LocalConferenceEvent,
): LocalConferenceState {
  const to = localConferenceTransitions.get(from)?.get(event);
  if (to === undefined) throw new InvalidConferenceTransitionError(from, event);
  return to;
}
