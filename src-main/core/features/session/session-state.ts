import type { SessionStatus } from '../../../../src-preload/contract/ipc-contract';

/**
 * The session's status, and which changes are allowed — enforced like the
 * call and registration state machines: AppCore asserts every change.
 *
 * ```text
 *                         login
 *  logged-out ──────────────────────────▶ connecting ──UC server refuses──▶ auth-failed
 *      ▲                                   │  │  │  └──no reply, bad reply──▶ unreachable
 *      │                                   │  │  └──must change password──▶ password-change-required
 *      │                                   │  │                                 │ password changed
 *      │                                   │  │ ◀───────────────────────────────┘ (SIP starts: connecting)
 *      │                                   │  ├──REGISTER 200──▶ registered ◀──────────┐
 *      │                                   │  │                    │ SIP lost           │ REGISTER 200
 *      │                                   │  │                    ▼                    │
 *      │                                   │  └──no SIP server──▶ unreachable ──────────┘
 *      │                                   └──SIP credentials refused──▶ auth-failed
 *      │                                        (unreachable ──credentials refused on a retry──▶ auth-failed)
 *      └──────────── logout, from any status ────────────────────────────────────┘
 *
 *  login again, from any status ──▶ connecting
 *  a password change while registered, unreachable or auth-failed restarts SIP ──▶ connecting
 * ```
 *
 * `unreachable` and `auth-failed` mean the UC login failed (with a
 * `loginError`, nothing retries) or, once logged in, the SIP registration
 * (SIP retries by itself while unreachable). A status may always be
 * re-announced with new details (ucConnection, nextRetryAt).
 */
export const sessionTransitions: Readonly<Record<SessionStatus, readonly SessionStatus[]>> = {
  'logged-out': ['connecting'],
  connecting: ['registered', 'unreachable', 'auth-failed', 'password-change-required', 'logged-out'],
  'password-change-required': ['connecting', 'logged-out'],
  registered: ['unreachable', 'connecting', 'logged-out'],
  unreachable: ['registered', 'auth-failed', 'connecting', 'logged-out'],
  'auth-failed': ['connecting', 'logged-out'],
};

/** Thrown by {@link assertSessionTransition} for a change the diagram does not allow. */
export class InvalidSessionTransitionError extends Error {
  constructor(
    readonly from: SessionStatus,
    readonly to: SessionStatus,
  ) {
    super(`invalid session transition: ${from} -> ${to}`);
    this.name = 'InvalidSessionTransitionError';
  }
}

/** Whether `from → to` is allowed (same status included: only details changed). */
export function canChangeSession(from: SessionStatus, to: SessionStatus): boolean {
  return from === to || sessionTransitions[from].includes(to);
}

/** @throws InvalidSessionTransitionError when `from → to` is not in the diagram */
export function assertSessionTransition(from: SessionStatus, to: SessionStatus): void {
  if (!canChangeSession(from, to)) throw new InvalidSessionTransitionError(from, to);
}
