/**
 * Settings feature: the persisted settings (optimistic, rolled back when the
 * engine refuses), the language, the saved UC servers, the date format. See
 * README.md.
 */
import type { RendererFeature } from '../../platform/store/renderer-feature';
import { settingsViews } from './settings-views';
import en from './i18n/en.json';
import fr from './i18n/fr.json';
import { createSettingsSlice } from './settings-slice';

export { LanguageSelect } from './language-select';
export { serverInputError, type ServerInputError, type SettingsPatch, type SettingsSlice } from './settings-slice';
export { useDateFormat } from './use-date-format';

export const settingsFeature: RendererFeature = {
  id: 'settings',
  slices: ({ uc, initialLanguage }) => [createSettingsSlice(uc, initialLanguage)],
  events: (uc, store) => [uc.on('settings.onDidChange', (settings) => store.getState().setSettings(settings))],
  load: (s) => void s.refreshSettings(),
  i18n: { en, fr },
  views: settingsViews,
};
