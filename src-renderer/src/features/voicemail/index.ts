/** Voicemail feature: the mailbox, playback, listened/new marks, delete, web notifications. See README.md. */
import type { RendererFeature } from '../../platform/store/renderer-feature';
import en from './i18n/en.json';
import fr from './i18n/fr.json';
import { createVoicemailSlice } from './voicemail-slice';

export { VoicemailList } from './voicemail-list';
export { arrivedVoicemails, notifyNewVoicemails, type VoicemailNotifierDeps } from './voicemail-notifier';
export { initialPlayback, playbackReducer, playControl, type Playback } from './voicemail-playback';
export { newVoicemailCount, type VoicemailSlice } from './voicemail-slice';

export const voicemailFeature: RendererFeature = {
  id: 'voicemail',
  slices: ({ uc }) => [createVoicemailSlice(uc)],
  events: (uc, store) => [uc.on('voicemail.onDidChange', (view) => store.getState().setVoicemails(view))],
  load: (s) => void s.refreshVoicemails(),
  sessionCleared: {
    voicemails: [],
    voicemailsLoaded: false,
    voicemailPlaying: null,
    voicemailLoading: null,
    voicemailError: null,
  },
  i18n: { en, fr },
};
