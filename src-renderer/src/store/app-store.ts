/**
 * The renderer's one zustand store, composed of one slice per domain, and
 * the wiring that keeps it in sync with the engine's events.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Language, SessionState, UcApi } from '../../../src-preload/contract/ipc-contract';
import { createAudioSlice, type AudioSlice } from './audio-slice';
import { createCallsSlice, type CallsSlice } from './calls-slice';
import { createContactsSlice, type ContactsSlice } from './contacts-slice';
import { createDesktopSlice, type DesktopSlice } from './desktop-slice';
import { createDirectorySlice, type DirectorySlice } from './directory-slice';
import { createJournalSlice, type JournalSlice } from './journal-slice';
import { createMessagesSlice, type MessagesSlice } from './messages-slice';
import { createSessionSlice, type SessionSlice } from './session-slice';
import { createSettingsSlice, type SettingsSlice } from './settings-slice';
import { createSyncSlice, type SyncSlice } from './sync-slice';
import { createPresenceSlice, type PresenceSlice } from './presence-slice';
import { createVoicemailSlice, type VoicemailSlice } from './voicemail-slice';

export type AppState = SessionSlice &
  MessagesSlice &
  CallsSlice &
  JournalSlice &
  SettingsSlice &
  DirectorySlice &
  ContactsSlice &
  SyncSlice &
  DesktopSlice &
  AudioSlice &
  PresenceSlice &
  VoicemailSlice;
export type AppStore = StoreApi<AppState>;

/** Clock and timers the slices use (tests pass fakes). */
export interface StoreDeps {
  now(): number;
  setTimeout(callback: () => void, ms: number): ReturnType<typeof setTimeout>;
  clearTimeout(handle: ReturnType<typeof setTimeout>): void;
  /** messages: is the user looking at the window (visible and focused)? Default: the page's own state. */
  isUserLooking?(): boolean;
}

const defaultDeps: StoreDeps = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle),
};

export function createAppStore(uc: UcApi, initialLanguage: Language = 'en', deps: Partial<StoreDeps> = {}): AppStore {
  const d: StoreDeps = { ...defaultDeps, ...deps };
  return createStore<AppState>()((...a) => ({
    ...createSessionSlice(uc, d)(...a),
    ...createCallsSlice(uc)(...a),
    ...createJournalSlice(uc)(...a),
    ...createMessagesSlice(uc, d)(...a),
    ...createSettingsSlice(uc, initialLanguage)(...a),
    ...createDirectorySlice(uc, d)(...a),
    ...createContactsSlice(uc)(...a),
    ...createSyncSlice(uc)(...a),
    ...createDesktopSlice(uc, d)(...a),
    ...createAudioSlice(uc)(...a),
    ...createPresenceSlice(uc)(...a),
    ...createVoicemailSlice(uc)(...a),
  }));
}

/**
 * Everything one user's session leaves in the store (issue 8, a PC shared by
 * several users): their data (emptied at once, then reloaded from the engine,
 * which has no account open any more) and what they had typed, opened or
 * selected. Applied when the session ends or another account's begins, so
 * the next user never sees any of it, not even for a moment.
 */
export const USER_VIEWS_CLEARED = {
  calls: [],
  recent: [],
  dialError: null,
  callError: null,
  transferCallId: null,
  transferError: null,
  journal: [],
  journalLoaded: false,
  conversations: [],
  conversationsLoaded: false,
  conversationPeer: null,
  conversationMessages: [],
  messageError: null,
  searchQuery: '',
  searchResults: null,
  searching: false,
  searchError: null,
  selectedEntry: null,
  selectedError: null,
  contactForm: null,
  contactFieldErrors: {},
  contactError: null,
  importOpen: false,
  voicemails: [],
  voicemailsLoaded: false,
  voicemailPlaying: null,
  voicemailLoading: null,
  voicemailError: null,
  presence: null,
  presenceEditorOpen: false,
  presenceError: null,
  missedCalls: 0,
  selectedJournalId: null,
} satisfies Partial<AppState>;

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
    void s().refreshSettings();
    void s().refreshSession();
    void s().refreshCalls();
    void s().refreshRecent();
    void s().refreshJournal();
    void s().refreshSync();
    void s().refreshCounters();
    void s().refreshConversations();
    void s().refreshHotkeyStatus();
    void s().refreshHeadsetStatus();
    void s().refreshPresence();
    void s().refreshVoicemails();
    if (s().searchQuery || s().selectedEntry) void s().refreshDirectory();
    if (s().audioDevices !== null) void s().refreshAudioDevices();
  };
  const disposers = [
    // Whatever brought the new session (this event, the logout's own answer, a reload): its views start empty.
    store.subscribe((state, previous) => {
      if (!sessionEnded(previous.session, state.session)) return;
      store.setState(USER_VIEWS_CLEARED);
      loadAll();
    }),
    uc.on('session.onDidChangeState', (state) => {
      const wasRegistered = s().session.status === 'registered';
      s().setSession(state);
      if (state.status === 'registered' && !wasRegistered) {
        void s().refreshJournal();
        void s().refreshRecent();
        void s().refreshSync();
      }
    }),
    uc.on('calls.onDidChange', (calls) => {
      s().noteCalls(calls);
      s().setCalls(calls);
    }),
    uc.on('journal.onDidChange', () => void s().refreshJournal()),
    uc.on('messages.onDidChange', (change) => s().messagesChanged(change)),
    uc.on('settings.onDidChange', (settings) => s().setSettings(settings)),
    uc.on('sync.onDidChange', (state) => s().setSync(state)),
    uc.on('directory.onDidChange', () => void s().refreshDirectory()),
    uc.on('links.onDidRequestDial', (request) => s().requestLinkDial(request)),
    uc.on('links.onDidRefuse', (refusal) => s().linkRefused(refusal)),
    uc.on('hotkey.onDidChangeStatus', (status) => s().setHotkeyStatus(status)),
    uc.on('hotkey.onDidHandlePress', (press) => s().hotkeyPressed(press)),
    uc.on('headsets.onDidChange', (status) => s().setHeadsetStatus(status)),
    uc.on('notifications.onDidActivate', (activation) => s().notificationActivated(activation)),
    uc.on('counters.onDidChange', (counters) => s().setCounters(counters)),
    uc.on('audio.onDidChangeDevices', () => s().audioDevicesDidChange()),
    uc.on('calls.onDidRequestTransfer', ({ callId }) => s().openTransfer(callId)),
    uc.on('presence.onDidChange', (view) => s().setPresence(view)),
    uc.on('voicemail.onDidChange', (view) => s().setVoicemails(view)),
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
