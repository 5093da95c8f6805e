/**
 * Session slice: login state as reported by the engine, plus local login
 * form feedback and whether the transport to the engine is up.
 */
import type { StateCreator } from 'zustand';
import type { IpcErrorCode, SessionState, UcApi } from '../../../src-preload/contract/ipc-contract';
import type { AppState } from './app-store';

export interface SessionSlice {
  session: SessionState;
  /** true once the session was registered since the last explicit login/logout */
  hasBeenRegistered: boolean;
  /** whether the bridge to the engine is connected (web shell socket) */
  bridgeConnected: boolean;
  loggingIn: boolean;
  /** error of the last login request (request-level; status-level errors come from `session`) */
  loginError: IpcErrorCode | 'missing-fields' | null;
  login(input: { user: string; password: string; server: string }): Promise<void>;
  logout(): Promise<void>;
  refreshSession(): Promise<void>;
  setSession(state: SessionState): void;
  setBridgeConnected(connected: boolean): void;
}

export function createSessionSlice(uc: UcApi): StateCreator<AppState, [], [], SessionSlice> {
  return (set, get) => ({
    session: { status: 'logged-out' },
    hasBeenRegistered: false,
    bridgeConnected: false,
    loggingIn: false,
    loginError: null,

    async login({ user, password, server }) {
      if (!user.trim() || !password || !server.trim()) {
        set({ loginError: 'missing-fields' });
        return;
      }
      set({ loggingIn: true, loginError: null, hasBeenRegistered: false });
      const result = await uc.invoke('session.login', { user: user.trim(), password, server: server.trim() });
      if (result.ok) get().setSession(result.value);
      set({ loggingIn: false, loginError: result.ok ? null : result.error.code });
    },

    async logout() {
      const result = await uc.invoke('session.logout', {});
      set({ hasBeenRegistered: false, loginError: null });
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
      }));
    },

    setBridgeConnected(connected) {
      set({ bridgeConnected: connected });
    },
  });
}
