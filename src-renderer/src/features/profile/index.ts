/** Profile feature: Settings › Personal data (numbers, e-mail, photo) and Voicemail PIN. See README.md. */
import type { RendererFeature } from '../../platform/store/renderer-feature';
import en from './i18n/en.json';
import fr from './i18n/fr.json';
import { createProfileSlice } from './profile-slice';
import { profileViews } from './profile-views';
import './profile.css';

export type { ProfileSlice } from './profile-slice';

export const profileFeature: RendererFeature = {
  id: 'profile',
  slices: ({ uc }) => [createProfileSlice(uc)],
  load: (s) => void s.refreshProfile(),
  sessionCleared: { profile: null, profileBusy: null, profileError: null, profileDone: null },
  i18n: { en, fr },
  views: profileViews,
};
