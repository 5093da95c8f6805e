/**
 * Registration status of a {@link SipEngine}, and which changes are allowed.
 *
 * ```text
 *            start()
 *  stopped ─────────▶ connecting ──REGISTER 200──▶ registered ◀─┐
 *     ▲                   │  │                       │          │ REGISTER 200
 *     │                   │  └─401/403/407──┐        │ transport lost,
 *     │                   │                 ▼        │ refresh failed
 *     │                   │            auth-failed   ▼          │
 *     │                   └─ no connection, 5xx ──▶ unreachable ┘
 *     │                                              ⟲ next retry (new nextRetryAt)
 *     └──────────── stop() from any state ───────────┘
 *
 *  unreachable ──401/403/407 on a retry──▶ auth-failed (final until stop())
 * ```
 *
 * `auth-failed` is deliberately a dead end: retrying refused credentials only
 * locks the account; a new login creates a new engine.
 */
export type RegistrationStatus =
  /** not started, or stopped */
  | 'stopped'
  /** first connection + REGISTER in progress */
  | 'connecting'
  /** REGISTER accepted (RFC 3261 §10); refreshed automatically */
  | 'registered'
  /** transport lost, server unreachable or registrar error; retrying with backoff */
  | 'unreachable'
  /** the registrar refused our credentials; no retry until the user logs in again */
  | 'auth-failed';

/** Allowed next statuses; a status may always be re-announced with new details (e.g. nextRetryAt). */
export const registrationTransitions: Readonly<Record<RegistrationStatus, readonly RegistrationStatus[]>> = {
  stopped: ['connecting'],
  connecting: ['registered', 'unreachable', 'auth-failed', 'stopped'],
  registered: ['unreachable', 'stopped'],
  unreachable: ['registered', 'auth-failed', 'stopped'],
  'auth-failed': ['stopped'],
};

/** Thrown by {@link assertRegistrationTransition} for a change the diagram does not allow. */
export class InvalidRegistrationTransitionError extends Error {
  constructor(
    readonly from: RegistrationStatus,
    readonly to: RegistrationStatus,
  ) {
    super(`invalid registration transition: ${from} -> ${to}`);
    this.name = 'InvalidRegistrationTransitionError';
  }
}

/** Whether `from → to` is allowed (same status included: only details changed). */
export function canChangeRegistration(from: RegistrationStatus, to: RegistrationStatus): boolean {
  return from === to || registrationTransitions[from].includes(to);
}

/** @throws InvalidRegistrationTransitionError when `from → to` is not in the diagram */
export function assertRegistrationTransition(from: RegistrationStatus, to: RegistrationStatus): void {
  if (!canChangeRegistration(from, to)) throw new InvalidRegistrationTransitionError(from, to);
}
