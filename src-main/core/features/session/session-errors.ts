import type { SessionState } from '../../../../src-preload/contract/ipc-contract';
import { assertNever } from '../../../../src-preload/contract/platform/assert-never';
import type { Logger } from '../../platform/feature';
import { UcError } from '../../platform/ipc/uc-error';
import type { CertificateTrustError } from '../../platform/tls/certificate-trust';
import { UcClientError } from '../../platform/uc/uc-client-error';

/** Session state for a login that did not get through the UC server (SPEC A1: why, shown on the login screen). */
export function failedLoginState(err: unknown, user: string, server: string, log: Logger): SessionState {
  const base = { user, server };
  if (err instanceof UcClientError) {
    switch (err.kind) {
      case 'unreachable':
        return { ...base, status: 'unreachable', loginError: 'server-unreachable' };
      case 'bad-server-reply':
        log('warn', `login: ${err.message}`);
        return { ...base, status: 'unreachable', loginError: 'bad-server-reply' };
      case 'api':
        if (err.status === 429 || err.code === 'too-many-attempts') {
          return {
            ...base,
            status: 'auth-failed',
            loginError: 'too-many-attempts',
            ...(err.details.retryAfterS !== undefined ? { retryAfterS: err.details.retryAfterS } : {}),
          };
        }
        if (err.status === 401 || err.code === 'invalid-credentials') {
          return { ...base, status: 'auth-failed', loginError: 'invalid-credentials' };
        }
        if ((err.status ?? 0) >= 500) return { ...base, status: 'unreachable', loginError: 'server-unreachable' };
        log('warn', `login: ${err.message}`);
        return { ...base, status: 'unreachable', loginError: 'bad-server-reply' };
      case 'certificate': {
        // SPEC A1: the login screen shows the certificate (untrusted: asks once; changed: refuses)
        const refused = err.cause as CertificateTrustError;
        log('warn', `login: ${refused.message}`);
        return {
          ...base,
          status: 'unreachable',
          loginError: refused.problem === 'changed' ? 'certificate-changed' : 'untrusted-certificate',
          certificate: {
            server,
            endpoint: `${refused.host.includes(':') ? `[${refused.host}]` : refused.host}:${refused.port}`,
            fingerprint: refused.fingerprint,
            ...(refused.pinned !== undefined ? { pinned: refused.pinned } : {}),
          },
        };
      }
      default:
        return assertNever(err.kind, 'unknown UC client error');
    }
  }
  log('error', `login failed: ${err instanceof Error ? err.message : String(err)}`);
  return { ...base, status: 'unreachable', loginError: 'server-unreachable' };
}

/** The contract error of a failed session.changePassword (SPEC A2). */
export function passwordChangeError(err: unknown): UcError {
  if (err instanceof UcClientError) {
    if (err.kind === 'unreachable') return new UcError('server-unreachable', err.message);
    if (err.code === 'weak-password') return new UcError('weak-password', err.message, err.details.rules ?? []);
    if (err.code === 'wrong-current-password') return new UcError('wrong-current-password', err.message);
    if (err.code === 'same-password') return new UcError('same-password', err.message);
    if (err.status === 401) return new UcError('not-logged-in', err.message);
    return new UcError('internal', err.message);
  }
  return new UcError('internal', err instanceof Error ? err.message : String(err));
}
