/** The settings domain (see README.md): device + per-user settings, their scopes and their table. */
export { SettingsFeature, createDeviceSettings, type SettingsFeatureOptions } from './settings-feature';
export { ScopedSettings, UserSettingsUnavailableError } from './scoped-settings';
export { SettingsStore, SqliteSettingsSource, type SettingsSource } from './settings-store';
export {
  DEVICE_SETTING_KEYS,
  USER_SETTING_KEYS,
  SETTING_SCOPES,
  type DeviceSettingKey,
  type UserSettingKey,
} from './setting-scopes';
export { importLegacyDeviceSettings } from './legacy-device-settings';
export { settingsMigrations } from './migrations';
