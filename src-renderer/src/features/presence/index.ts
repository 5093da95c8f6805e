/** Presence feature: the user's own presence, its editor and the presence colours. See README.md. */
import type { RendererFeature } from '../../platform/store/renderer-feature';
import en from './i18n/en.json';
import fr from './i18n/fr.json';
import { createPresenceSlice } from './presence-slice';

export { OwnAvatar } from './own-avatar';
export { PresenceStateDot } from './presence-dot';
export { fromLocalInputValue, toLocalInputValue } from './presence-editor';
export { PresenceSelector } from './presence-selector';
export type { PresenceSlice } from './presence-slice';

export const presenceFeature: RendererFeature = {
  id: 'presence',
  slices: ({ uc }) => [createPresenceSlice(uc)],
  events: (uc, store) => [uc.on('presence.onDidChange', (view) => store.getState().setPresence(view))],
  load: (s) => void s.refreshPresence(),
  sessionCleared: { presence: null, presenceEditorOpen: false, presenceError: null },
  i18n: { en, fr },
};
