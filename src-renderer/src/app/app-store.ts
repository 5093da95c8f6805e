/**
 * The renderer's one zustand store, composed of the registered features'
 * slices, and the wiring that keeps it in sync with the engine's events.
 */
import { createStore } from 'zustand/vanilla';
import type { Language, SessionState, UcApi } from '../../../src-preload/contract/ipc-contract';
import type { AppState, AppStore } from '../platform/store/app-state';
import { DEFAULT_STORE_DEPS, type StoreDeps } from '../platform/store/store-deps';
import { FEATURES } from './feature-registry';

export type { AppState, AppStore } from '../platform/store/app-state';
export type { StoreDeps } from '../platform/store/store-deps';

export function createAppStore(uc: UcApi, initialLanguage: Language = 'en', deps: Partial<StoreDeps> = {}): AppStore {
  const context = { uc, deps: { ...DEFAULT_STORE_DEPS, ...deps }, initialLanguage };
  const slices = FEATURES.flatMap((feature) => feature.slices(context));
  return createStore<AppState>()((...a) => Object.assign({}, ...slices.map((slice) => slice(...a))) as AppState);
}

/**
 * Everything one user's session leaves in the store (issue 8, a PC shared by
 * several users): their data (emptied at once, then reloaded from the engine,
 * which has no account open any more) and what they had typed, opened or
 * selected. Applied when the session ends or another account's begins, so
 * the next user never sees any of it, not even for a moment.
 */
export const USER_VIEWS_CLEARED: Partial<AppState> = Object.assign(
  {},
  ...FEATURES.map((feature) => feature.sessionCleared ?? {}),
);

/** Whether `next` ends the session of `prev` or belongs to another account. */
function sessionEnded(prev: SessionState, next: SessionState): boolean {
  if (prev.status === 'logged-out') return false;
  if (next.status === 'logged-out') return true;
  return next.user !== undefined && (next.user !== prev.user || next.server !== prev.server);
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
    for (const feature of FEATURES) feature.load?.(s());
  };
  const disposers = [
    // Whatever brought the new session (this event, the logout's own answer, a reload): its views start empty.
    store.subscribe((state, previous) => {
      if (!sessionEnded(previous.session, state.session)) return;
      store.setState(USER_VIEWS_CLEARED);
      loadAll();
    }),
    ...FEATURES.flatMap((feature) => feature.events?.(uc, store) ?? []),
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
