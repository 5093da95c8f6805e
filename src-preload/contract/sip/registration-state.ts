/**
 * Registration status of a SIP user agent that registers (the app's engine,
 * the server's agents: see {@link SipRegistration}), and which changes are allowed.
 *
 * ```text
 *            start()
 *  stopped ─────────▶ connecting ──REGISTER 200──▶ registered ◀─────────┐
 *     ▲                 │    │                        │                 │
 *     │     401/403/407 │    │                        │ transport lost, │ REGISTER 200
 *     │                 ▼    │                        │ keep-alive      │
 *     │        auth-failed   │                        │ unanswered,     │
 *     │                      │                        │ binding removed │
 *     │                      │                        ▼ or expired      │
 *     │                      └─ no connection, 5xx ─▶ unreachable ──────┘
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

/**
 * Why a user agent is not (or no longer) registered, for the UI and the logs.
 * "Registered" is shown only while the registrar really holds our binding: each
 * of these takes the status out of `registered` at once.
 */
export type RegistrationIssue =
  /** no WebSocket to the proxy could be opened */
  | 'server-unreachable'
  /** the WebSocket closed under us */
  | 'connection-lost'
  /** the proxy stopped answering keep-alives on a connection that still looks open (RFC 5626 §4.4) */
  | 'keep-alive-timeout'
  /** the registrar dropped our binding (RFC 3680 reg event: deactivated, unregistered, rejected) */
  | 'binding-removed'
  /** our binding expired at the registrar before a refresh reached it */
  | 'binding-expired'
  /** a REGISTER refresh failed (timeout or error) */
  | 'refresh-failed'
  /** the registrar answered an error other than an authentication failure (5xx, 408…) */
  | 'registrar-error'
  /** the registrar refused the credentials (auth-failed) */
  | 'credentials-refused';

export const REGISTRATION_ISSUES: readonly RegistrationIssue[] = [
  'server-unreachable',
  'connection-lost',
  'keep-alive-timeout',
  'binding-removed',
  'binding-expired',
  'refresh-failed',
  'registrar-error',
  'credentials-refused',
];

/** Registration state as reported to the owner (and, through it, the UI and health endpoints). */
export interface RegistrationState {
  status: RegistrationStatus;
  /** epoch ms of the next automatic attempt while `unreachable` */
  nextRetryAt?: number;
  /** last error, for logs and tooltips (not translated) */
  detail?: string;
  /** why we are not registered (absent while registered, connecting or stopped) */
  issue?: RegistrationIssue;
}
