/**
 * Session slice: login state as reported by the engine, local login form
 * feedback, the forced/voluntary password change (SPEC A2), the one-time
 * failed-attempts notice and whether the transport to the engine is up.
 */
import type { IpcErrorCode, SessionState, UcApi } from '../../../../src-preload/contract/ipc-contract';
import type { TrustedCertificate } from '../../../../src-preload/contract/session/session-ipc';
import {
  brokenPasswordRules,
  isPasswordRule,
  reusesCurrentPassword,
  type PasswordRule,
} from '../../../../src-preload/contract/session/password-policy';
import type { SliceCreator } from '../../platform/store/app-state';
import type { StoreDeps } from '../../platform/store/store-deps';

export type PasswordChangeError = IpcErrorCode | 'missing-fields' | 'mismatch' | 'weak';

export interface PasswordChangeState {
  busy: boolean;
  error: PasswordChangeError | null;
  /** rules the server said the new password breaks (IpcError.details) */
  rejectedRules: PasswordRule[];
  /** the last change succeeded (Settings shows a confirmation) */
  done: boolean;
}

export interface SessionSlice {
  session: SessionState;
  /** true once the session was registered since the last explicit login/logout */
  hasBeenRegistered: boolean;
  /** whether the bridge to the engine is connected (web shell socket) */
  bridgeConnected: boolean;
  loggingIn: boolean;
  /** error of the last login request (request-level; status-level errors come from `session`) */
  loginError: IpcErrorCode | 'missing-fields' | null;
  /** epoch ms until which the server refuses logins (too-many-attempts), for the live countdown */
  loginBlockedUntil: number | null;
  passwordChange: PasswordChangeState;
  /** `count:lastAt` of the failed-attempts notice the user dismissed */
  dismissedFailedAttempts: string | null;
  /** fingerprint of the untrusted certificate whose question the user declined (asked once, SPEC A1) */
  dismissedCertificate: string | null;
  /** the certificates the user trusted, per server (Settings > User account) */
  trustedCertificates: TrustedCertificate[];
  login(input: { user: string; password: string; server: string; remember?: boolean }): Promise<void>;
  logout(): Promise<void>;
  refreshSession(): Promise<void>;
  setSession(state: SessionState): void;
  setBridgeConnected(connected: boolean): void;
  changePassword(input: { currentPassword: string; newPassword: string; confirm: string }): Promise<boolean>;
  resetPasswordChange(): void;
  dismissFailedAttempts(): void;
  /** the user accepted the certificate of the pending question: pin it and log in again */
  trustCertificate(): Promise<void>;
  /** the user declined it */
  dismissCertificate(): void;
  refreshTrustedCertificates(): Promise<void>;
  forgetCertificate(origin: string): Promise<void>;
}

declare module '../../platform/store/app-state' {
  interface AppState extends SessionSlice {}
}

const idlePasswordChange: PasswordChangeState = { busy: false, error: null, rejectedRules: [], done: false };

/** Identity of a failed-attempts report, so dismissing it hides that one only. */
export function failedAttemptsKey(state: SessionState): string | null {
  const failed = state.failedAttempts;
  return failed && failed.count > 0 ? `${failed.count}:${failed.lastAt ?? ''}` : null;
}

export function createSessionSlice(uc: UcApi, deps: StoreDeps): SliceCreator<SessionSlice> {
  return (set, get) => ({
    session: { status: 'logged-out' },
    hasBeenRegistered: false,
    bridgeConnected: false,
    loggingIn: false,
    loginError: null,
    loginBlockedUntil: null,
    passwordChange: idlePasswordChange,
    dismissedFailedAttempts: null,
    dismissedCertificate: null,
    trustedCertificates: [],

    async login({ user, password, server, remember }) {
      if (!user.trim() || !password || !server.trim()) {
        set({ loginError: 'missing-fields' });
        return;
      }
      set({
        loggingIn: true,
        loginError: null,
        hasBeenRegistered: false,
        dismissedFailedAttempts: null,
        dismissedCertificate: null,
      });
      const result = await uc.invoke('session.login', {
        user: user.trim(),
        password,
        server: server.trim(),
        remember: remember ?? false,
      });
      if (result.ok) get().setSession(result.value);
      set({ loggingIn: false, loginError: result.ok ? null : result.error.code });
    },

    async logout() {
      const result = await uc.invoke('session.logout', {});
      set({ hasBeenRegistered: false, loginError: null, passwordChange: idlePasswordChange, view: 'main' });
      if (result.ok) get().setSession(result.value);
    },

    async refreshSession() {
      const result = await uc.invoke('session.getState', {});
      if (result.ok) get().setSession(result.value);
    },

    setSession(state) {
      set((s) => ({
        session: state,
        hasBeenRegistered:
          state.status === 'registered' ||
          (s.hasBeenRegistered && (state.status === 'connecting' || state.status === 'unreachable')),
        loginBlockedUntil:
          state.loginError === 'too-many-attempts' && state.retryAfterS !== undefined
            ? deps.now() + state.retryAfterS * 1000
            : null,
      }));
    },

    setBridgeConnected(connected) {
      set({ bridgeConnected: connected });
    },

    async changePassword({ currentPassword, newPassword, confirm }) {
      const fail = (error: PasswordChangeError, rejectedRules: PasswordRule[] = []) => {
        set({ passwordChange: { busy: false, error, rejectedRules, done: false } });
        return false;
      };
      if (!currentPassword || !newPassword || !confirm) return fail('missing-fields');
      if (brokenPasswordRules(newPassword).length > 0) return fail('weak');
      if (reusesCurrentPassword(currentPassword, newPassword)) return fail('same-password');
      if (newPassword !== confirm) return fail('mismatch');
      set({ passwordChange: { ...idlePasswordChange, busy: true } });
      const result = await uc.invoke('session.changePassword', { currentPassword, newPassword });
      if (!result.ok) return fail(result.error.code, (result.error.details ?? []).filter(isPasswordRule));
      set({ passwordChange: { ...idlePasswordChange, done: true } });
      get().setSession(result.value);
      return true;
    },

    resetPasswordChange() {
      set({ passwordChange: idlePasswordChange });
    },

    dismissFailedAttempts() {
      set((s) => ({ dismissedFailedAttempts: failedAttemptsKey(s.session) }));
    },

    async trustCertificate() {
      const { session } = get();
      const certificate = session.certificate;
      if (session.loginError !== 'untrusted-certificate' || !certificate) return;
      set({ loggingIn: true, loginError: null, hasBeenRegistered: false });
      const result = await uc.invoke('session.trustCertificate', {
        server: certificate.server,
        fingerprint: certificate.fingerprint,
      });
      if (result.ok) get().setSession(result.value);
      set({ loggingIn: false, loginError: result.ok ? null : result.error.code });
      void get().refreshTrustedCertificates();
    },

    dismissCertificate() {
      set((s) => ({ dismissedCertificate: s.session.certificate?.fingerprint ?? null }));
    },

    async refreshTrustedCertificates() {
      const result = await uc.invoke('session.listTrustedCertificates', {});
      if (result.ok) set({ trustedCertificates: result.value });
    },

    async forgetCertificate(origin) {
      const result = await uc.invoke('session.forgetCertificate', { origin });
      if (result.ok) set({ trustedCertificates: result.value });
    },
  });
}
