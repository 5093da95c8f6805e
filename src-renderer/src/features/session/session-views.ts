/**
 * What the session feature shows in Settings: the trusted certificates (under
 * the saved servers), the password change and, last, the logout.
 */
import type { FeatureViews } from '../../platform/views/feature-views';
import { LogoutSettings, PasswordSettings, TrustedCertificatesSettings } from './session-settings';

declare module '../../platform/views/feature-views' {
  interface SettingsSections {
    password: true;
    logout: true;
  }
}

export const sessionViews: FeatureViews = {
  settingsSections: [
    { id: 'password', order: 60, title: { key: 'settings.password' } },
    { id: 'logout', order: 80 },
  ],
  settingsBlocks: [
    { id: 'trusted-certificates', section: 'servers', order: 20, Component: TrustedCertificatesSettings },
    { id: 'password', section: 'password', order: 10, Component: PasswordSettings },
    { id: 'logout', section: 'logout', order: 10, Component: LogoutSettings },
  ],
};
