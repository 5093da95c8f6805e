import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Settings } from '../../../../src-preload/contract/ipc-contract';
import type { SqliteDatabase } from '../../platform/db/open-database';
import {
  LEGACY_DATABASE_FILE,
  LEGACY_SETTINGS_IMPORTED_KEY,
  readLegacyDatabase,
} from '../../platform/db/legacy-database';
import { DEVICE_SETTING_KEYS, type DeviceSettingKey } from './setting-scopes';
import type { SettingsStore } from './settings-store';

/**
 * First start with the per-account layout: the device-level settings of the
 * old database (servers, language, auto-login, window, audio, headsets…, see
 * `setting-scopes.ts`) become the device preferences, so the login screen
 * looks as before the update. Only keys the device store does not hold yet,
 * only values that validate; done once per device (a mark in the store). The
 * per-user settings stay in the old file and follow it to its owner.
 */
export function importLegacyDeviceSettings(
  dataDir: string,
  device: SettingsStore<DeviceSettingKey>,
  open: (path: string) => SqliteDatabase,
  log: (level: 'info' | 'warn' | 'error', message: string) => void,
): void {
  if (dataDir === ':memory:' || device.getInternal(LEGACY_SETTINGS_IMPORTED_KEY) === true) return;
  const path = join(dataDir, LEGACY_DATABASE_FILE);
  if (existsSync(path)) {
    const info = readLegacyDatabase(path, open, log);
    if (!info) return; // not marked: a later start may be able to read it
    const imported: string[] = [];
    for (const key of DEVICE_SETTING_KEYS) {
      if (device.isSet(key) || !Object.hasOwn(info.settings, key)) continue;
      try {
        device.update({ [key]: info.settings[key] } as Partial<Pick<Settings, DeviceSettingKey>>);
        imported.push(key);
      } catch {
        log('info', `old setting ${key} not imported: invalid value`);
      }
    }
    log('info', `device settings imported from the old ${LEGACY_DATABASE_FILE}: ${imported.join(', ') || 'none'}`);
  }
  device.setInternal(LEGACY_SETTINGS_IMPORTED_KEY, true);
}
