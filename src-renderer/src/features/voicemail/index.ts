/** Voicemail feature: the mailbox, playback, listened/new marks, delete, web notifications. See README.md. */
import type { RendererFeature } from '../../platform/store/renderer-feature';
import { voicemailViews } from './voicemail-views';
import en from './i18n/en.json';
import fr from './i18n/fr.json';
import { notifyNewVoicemails } from './voicemail-notifier';
import { createVoicemailSlice } from './voicemail-slice';

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
  // SPEC H: a voice message left while the page is hidden
  webNotify: (previous, state, browser, store) => {
    if (state.voicemails === previous.voicemails) return;
    notifyNewVoicemails(previous.voicemails, state.voicemails, previous.voicemailsLoaded, {
      ...browser,
      openVoicemail: () => store.getState().openVoicemail(),
    });
  },
  i18n: { en, fr },
  views: voicemailViews,
};
