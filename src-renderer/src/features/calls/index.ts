/**
 * Calls feature: the Search/Dial field, the calls panel with its in-call
 * controls and keypad, incoming popups, transfer, the call history, audio
 * devices. See README.md.
 */
import type { RendererFeature } from '../../platform/store/renderer-feature';
import { callsViews } from './calls-views';
import { createAudioSlice } from './audio-slice';
import { createCallsSlice } from './calls-slice';
import en from './i18n/en.json';
import fr from './i18n/fr.json';
import { createJournalSlice } from './journal-slice';
import { createVoipSlice } from './voip-slice';

export { audioDeviceOptions, type AudioDeviceOption } from './audio-device-options';
export type { AudioRole, AudioSlice } from './audio-slice';
export { CallPopupView } from './call-popup-view';
export type { CallsSlice } from './calls-slice';
export type { VoipSlice } from './voip-slice';
export { JournalDetails } from './journal-details';
export { journalOutcome, type JournalOutcome } from './journal-outcome';
export { JOURNAL_LIMIT, type JournalSlice } from './journal-slice';
export { KEYPAD_DIGITS } from './keypad';
export { PickupButton } from './pickup-button';
export { useKeypadShortcut } from './use-keypad-shortcut';

export const callsFeature: RendererFeature = {
  id: 'calls',
  slices: ({ uc }) => [createCallsSlice(uc), createJournalSlice(uc), createAudioSlice(uc), createVoipSlice(uc)],
  events: (uc, store) => [
    uc.on('calls.onDidChange', (calls) => {
      store.getState().noteCalls(calls);
      store.getState().setCalls(calls);
    }),
    uc.on('journal.onDidChange', () => void store.getState().refreshJournal()),
    // the History tab shows the server's call history (issue #13): it changes with the conversations
    uc.on('conversations.onDidChange', () => void store.getState().refreshJournal()),
    uc.on('audio.onDidChangeDevices', () => store.getState().audioDevicesDidChange()),
    uc.on('calls.onDidRequestTransfer', ({ callId }) => store.getState().openTransfer(callId)),
    uc.on('calls.onDidChangeCallback', (callback) => store.getState().setCallback(callback)),
    // the VoIP switch is a setting: its status follows it (SPEC F5)
    uc.on('settings.onDidChange', () => void store.getState().refreshVoipStatus()),
  ],
  load: (s) => {
    void s.refreshCalls();
    void s.refreshCallback();
    void s.refreshRecent();
    void s.refreshJournal();
    if (s.audioDevices !== null) void s.refreshAudioDevices();
    void s.refreshVoipStatus();
  },
  sessionCleared: {
    calls: [],
    recent: [],
    dialError: null,
    callback: null,
    callError: null,
    transferCallId: null,
    transferError: null,
    journal: [],
    journalLoaded: false,
    selectedJournalId: null,
  },
  i18n: { en, fr },
  views: callsViews,
};
