/**
 * The Settings screen's common sections, declared by the settings feature
 * (the other features put their blocks in them, or declare their own), and
 * its own blocks: general, date format, saved servers.
 */
import { MAX_SERVERS } from '../../../../src-preload/contract/ipc-contract';
import type { FeatureViews } from '../../platform/views/feature-views';
import { DateFormatSettings } from './date-format-settings';
import { GeneralSettings } from './general-settings';
import { ServersSettings } from './servers-settings';

declare module '../../platform/views/feature-views' {
  interface SettingsSections {
    general: true;
    voip: true;
    desktop: true;
    display: true;
    servers: true;
  }
}

export const settingsViews: FeatureViews = {
  settingsSections: [
    { id: 'general', order: 10, title: { key: 'settings.general' } },
    { id: 'voip', order: 20, title: { key: 'settings.voip' } },
    { id: 'desktop', order: 30, title: { key: 'settings.desktop' } },
    { id: 'display', order: 40, title: { key: 'settings.display' } },
    { id: 'servers', order: 50, title: { key: 'settings.servers', values: { max: MAX_SERVERS } } },
  ],
  settingsBlocks: [
    { id: 'general', section: 'general', order: 10, Component: GeneralSettings },
    { id: 'date-format', section: 'display', order: 20, Component: DateFormatSettings },
    { id: 'servers', section: 'servers', order: 10, Component: ServersSettings },
  ],
};
