import type { LoginError, SessionState, SessionStatus } from '../../../../src-preload/contract/ipc-contract';
import { assertNever } from '../../../../src-preload/contract/platform/assert-never';
import type { RegistrationState } from '../calls';

/** The session once provisioned: it follows the SIP registration (SPEC A4). */
export function sessionFromRegistration(r: RegistrationState, base: Omit<SessionState, 'status'>): SessionState {
  const status = sessionStatusOf(r);
  const state: SessionState = { ...base, status };
  if (status === 'unreachable' && r.nextRetryAt !== undefined) state.nextRetryAt = r.nextRetryAt;
  if (status === 'unreachable' && r.issue !== undefined) state.registrationIssue = r.issue;
  if (status === 'auth-failed') state.loginError = 'sip-auth-failed' satisfies LoginError;
  return state;
}

function sessionStatusOf(r: RegistrationState): SessionStatus {
  switch (r.status) {
    case 'stopped':
      return 'logged-out';
    case 'connecting':
    case 'registered':
    case 'unreachable':
    case 'auth-failed':
      return r.status;
    default:
      return assertNever(r.status, 'unknown registration status');
  }
}
