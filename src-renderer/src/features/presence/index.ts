/** Presence feature: the user's own presence, its editor and the presence colours. See README.md. */
import { PRESENCE_LABELS } from '../../../../src-preload/contract/presence';
import type { Language } from '../../../../src-preload/contract/ipc-contract';
import type { RendererFeature, Translations } from '../../platform/store/renderer-feature';
import en from './i18n/en.json';
import fr from './i18n/fr.json';
import { createOthersPresenceSlice } from './others-presence-slice';
import { createPresenceSlice } from './presence-slice';

export {
  ColleagueAvatar,
  ColleaguePresenceDot,
  ColleaguePresenceLine,
  useColleaguePresence,
} from './colleague-presence';
export { isRinging, lampOf, type Lamp, type LampKind } from './line-lamp';
export type { OthersPresenceSlice } from './others-presence-slice';
export { OwnAvatar } from './own-avatar';
export { PresenceStateDot } from './presence-dot';
export { fromLocalInputValue, toLocalInputValue } from './presence-editor';
export { PresenceSelector } from './presence-selector';
export type { PresenceSlice } from './presence-slice';

/**
 * The names of the states (`presenceState.state.<state>`) are the contract's
 * PRESENCE_LABELS, which the shell's tray menu shows too: one definition.
 */
function withStateNames(strings: typeof en, language: Language): Translations {
  return { ...strings, presenceState: { ...strings.presenceState, state: PRESENCE_LABELS[language] } };
}

export const presenceFeature: RendererFeature = {
  id: 'presence',
  slices: ({ uc }) => [createPresenceSlice(uc), createOthersPresenceSlice(uc)],
  events: (uc, store) => [
    uc.on('presence.onDidChange', (view) => store.getState().setPresence(view)),
    uc.on('presence.onDidChangeOthers', (change) => store.getState().othersPresenceChanged(change)),
  ],
  load: (s) => void s.refreshPresence(),
  sessionCleared: { presence: null, presenceEditorOpen: false, presenceError: null, othersPresence: {} },
  i18n: { en: withStateNames(en, 'en'), fr: withStateNames(fr, 'fr') },
};
