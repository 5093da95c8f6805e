/** What the profile feature shows in Settings: "Personal data" after General, "Voicemail PIN" after Call forwarding. */
import type { FeatureViews } from '../../platform/views/feature-views';
import { PersonalDataSettings } from './personal-data-settings';
import { VoicemailPinForm } from './voicemail-pin-form';

declare module '../../platform/views/feature-views' {
  interface SettingsSections {
    profile: true;
    'voicemail-pin': true;
  }
}

export const profileViews: FeatureViews = {
  settingsSections: [
    { id: 'profile', order: 15, title: { key: 'profile.title' } },
    { id: 'voicemail-pin', order: 26, title: { key: 'voicemailPin.title' } },
  ],
  settingsBlocks: [
    { id: 'profile', section: 'profile', order: 10, Component: PersonalDataSettings },
    { id: 'voicemail-pin', section: 'voicemail-pin', order: 10, Component: VoicemailPinForm },
  ],
};
