/** What the forwarding feature shows in Settings: its own section, after Telephony. */
import type { FeatureViews } from '../../platform/views/feature-views';
import { ForwardingSettings } from './forwarding-settings';

declare module '../../platform/views/feature-views' {
  interface SettingsSections {
    forwarding: true;
  }
}

export const forwardingViews: FeatureViews = {
  settingsSections: [{ id: 'forwarding', order: 25, title: { key: 'forwarding.title' } }],
  settingsBlocks: [{ id: 'forwarding', section: 'forwarding', order: 10, Component: ForwardingSettings }],
};
