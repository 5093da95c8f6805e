/**
 * The renderer's one zustand store, composed of one slice per domain, and
 * the wiring that keeps it in sync with the engine's events.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Language, UcApi } from '../../../src-preload/contract/ipc-contract';
import { createCallsSlice, type CallsSlice } from './calls-slice';
import { createJournalSlice, type JournalSlice } from './journal-slice';
import { createSessionSlice, type SessionSlice } from './session-slice';
import { createSettingsSlice, type SettingsSlice } from './settings-slice';

export type AppState = SessionSlice & CallsSlice & JournalSlice & SettingsSlice;
export type AppStore = StoreApi<AppState>;

export function createAppStore(uc: UcApi, initialLanguage: Language = 'en'): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createSessionSlice(uc)(...a),
    ...createCallsSlice(uc)(...a),
    ...createJournalSlice(uc)(...a),
    ...createSettingsSlice(uc, initialLanguage)(...a),
  }));
}

export interface ConnectionSource {
  isConnected(): boolean;
  onDidChangeConnection(listener: (connected: boolean) => void): () => void;
}

/**
 * Subscribes the store to the engine's events and loads the initial state;
 * reloads everything after the transport reconnects (events may have been
 * missed meanwhile). Returns the disposer.
 */
export function connectAppStore(store: AppStore, uc: UcApi, connection: ConnectionSource): () => void {
  const s = () => store.getState();
  const loadAll = () => {
    void s().refreshSettings();
    void s().refreshSession();
    void s().refreshCalls();
    void s().refreshRecent();
    void s().refreshJournal();
  };
  const disposers = [
    uc.on('session.onDidChangeState', (state) => {
      const wasRegistered = s().session.status === 'registered';
      s().setSession(state);
      if (state.status === 'registered' && !wasRegistered) {
        void s().refreshJournal();
        void s().refreshRecent();
      }
    }),
    uc.on('calls.onDidChange', (calls) => s().setCalls(calls)),
    uc.on('journal.onDidChange', () => void s().refreshJournal()),
    uc.on('settings.onDidChange', (settings) => s().setSettings(settings)),
    connection.onDidChangeConnection((connected) => {
      s().setBridgeConnected(connected);
      if (connected) loadAll();
    }),
  ];
  s().setBridgeConnected(connection.isConnected());
  // when not connected yet, the connection event triggers the first load
  if (connection.isConnected()) loadAll();
  return () => {
    for (const dispose of disposers) dispose();
  };
}
