/** Presence feature: the user's own presence, its editor and the presence colours. See README.md. */
import type { RendererFeature } from '../../platform/store/renderer-feature';
import en from './i18n/en.json';
import fr from './i18n/fr.json';
import { createOthersPresenceSlice } from './others-presence-slice';
import { createPresenceSlice } from './presence-slice';

export { ColleaguePresenceDot, ColleaguePresenceLine, useColleaguePresence } from './colleague-presence';
export type { OthersPresenceSlice } from './others-presence-slice';
export { OwnAvatar } from './own-avatar';
export { PresenceStateDot } from './presence-dot';
export { fromLocalInputValue, toLocalInputValue } from './presence-editor';
export { PresenceSelector } from './presence-selector';
export type { PresenceSlice } from './presence-slice';

export const presenceFeature: RendererFeature = {
  id: 'presence',
  slices: ({ uc }) => [createPresenceSlice(uc), createOthersPresenceSlice(uc)],
  events: (uc, store) => [
    uc.on('presence.onDidChange', (view) => store.getState().setPresence(view)),
    uc.on('presence.onDidChangeOthers', (change) => store.getState().othersPresenceChanged(change)),
  ],
  load: (s) => void s.refreshPresence(),
  sessionCleared: { presence: null, presenceEditorOpen: false, presenceError: null, othersPresence: {} },
  i18n: { en, fr },
};
