import { join } from 'node:path';
import type { Language, Settings } from '../../../../src-preload/contract/ipc-contract';
import type { SqliteDatabase } from '../../platform/db/open-database';
import { toDisposable, type Disposable } from '../../platform/disposable';
import type { AccountScope, Feature, FeatureHost } from '../../platform/feature';
import type { Handlers, ValidPayload } from '../../platform/ipc/uc-backend';
import { UcError } from '../../platform/ipc/uc-error';
import { MemoryPreferences, type DevicePreferences } from '../../platform/preferences/device-preferences';
import { DEVICE_PREFERENCES_FILE, JsonFilePreferences } from '../../platform/preferences/json-file-preferences';
import { parseServerAddress } from '../../platform/uc/server-address';
import { validateAccelerator } from '../desktop';
import { importLegacyDeviceSettings } from './legacy-device-settings';
import { ScopedSettings, UserSettingsUnavailableError } from './scoped-settings';
import { DEVICE_SETTING_KEYS, USER_SETTING_KEYS, type DeviceSettingKey } from './setting-scopes';
import { SettingsStore, SqliteSettingsSource } from './settings-store';

export interface DeviceSettingsOptions {
  /** the data folder, or ':memory:' */
  dataDir: string;
  /** default: `<dataDir>/preferences.json`, or memory for ':memory:' (the Electron shell passes electron-store) */
  preferences?: DevicePreferences;
  /** language used until the user picks one */
  defaultLanguage?: Language;
  /** opens the old single database (with the account schema) to import its device settings once */
  openLegacy: (path: string) => SqliteDatabase;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/**
 * The device's settings store (see `setting-scopes.ts`), with the device
 * settings of the old single database imported the first time (issue 8).
 */
export function createDeviceSettings(options: DeviceSettingsOptions): SettingsStore<DeviceSettingKey> {
  const preferences =
    options.preferences ??
    (options.dataDir === ':memory:'
      ? new MemoryPreferences()
      : new JsonFilePreferences(join(options.dataDir, DEVICE_PREFERENCES_FILE), { logger: options.log }));
  const device = new SettingsStore(preferences, { language: options.defaultLanguage ?? 'en' }, DEVICE_SETTING_KEYS);
  importLegacyDeviceSettings(options.dataDir, device, options.openLegacy, options.log);
  return device;
}

export interface SettingsFeatureOptions {
  device: SettingsStore<DeviceSettingKey>;
  /** platform for the dial hotkey rules (default process.platform) */
  platform?: string;
  /** the shell applies launch at startup (Electron: app.setLoginItemSettings) */
  onLaunchAtStartupChange?: (enabled: boolean) => void;
  /** auto-login was turned off: the remembered credentials go too */
  onAutoLoginTurnedOff: () => void;
}

/**
 * Settings (SPEC: Settings page): one `Settings` object over the device's
 * store and the logged-in user's (its database), `settings.get` /
 * `settings.update` with the checks the schema cannot make (server
 * addresses, the dial hotkey, partial audio/headset objects), and
 * `settings.onDidChange`.
 */
export class SettingsFeature implements Feature {
  readonly name = 'settings';
  readonly settings: ScopedSettings;
  readonly handlers: Partial<Handlers>;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly host: FeatureHost,
    private readonly options: SettingsFeatureOptions,
  ) {
    this.settings = new ScopedSettings(options.device);
    this.unsubscribe = this.settings.onDidChange((s) => host.emit('settings.onDidChange', s));
    this.handlers = {
      'settings.get': () => this.settings.get(),
      'settings.update': (p) => this.update(p),
    };
  }

  /** The account's own settings (dial hotkey, popup, date format, internal marks) show and apply while it is open. */
  onAccountOpen(account: AccountScope): Disposable {
    this.settings.setUser(new SettingsStore(new SqliteSettingsSource(account.db), {}, USER_SETTING_KEYS));
    return toDisposable(() => this.settings.setUser(undefined));
  }

  dispose(): void {
    this.unsubscribe();
  }

  private update(patch: ValidPayload<'settings.update'>): Settings {
    const before = this.settings.get();
    const clean: Partial<Settings> = {};
    if (patch.language !== undefined) clean.language = patch.language;
    if (patch.servers !== undefined) {
      for (const s of patch.servers) {
        const parsed = parseServerAddress(s);
        if (!parsed.ok) throw new UcError('invalid-server', `${s.slice(0, 64)}: ${parsed.message}`);
      }
      clean.servers = patch.servers;
    }
    if (patch.autoLogin !== undefined) clean.autoLogin = patch.autoLogin;
    if (patch.launchAtStartup !== undefined) clean.launchAtStartup = patch.launchAtStartup;
    if (patch.dialHotkey !== undefined) {
      if (patch.dialHotkey === null || patch.dialHotkey.trim() === '') {
        clean.dialHotkey = null;
      } else {
        const checked = validateAccelerator(patch.dialHotkey, this.options.platform ?? process.platform);
        if (!checked.ok) throw new UcError('invalid-hotkey', checked.message, [checked.reason]);
        clean.dialHotkey = checked.accelerator;
      }
    }
    if (patch.telephonyLinksDefault !== undefined) clean.telephonyLinksDefault = patch.telephonyLinksDefault;
    if (patch.headsets !== undefined) {
      const current = before.headsets;
      clean.headsets = {
        hid: patch.headsets.hid ?? current.hid,
        jabra: patch.headsets.jabra ?? current.jabra,
        poly: patch.headsets.poly ?? current.poly,
      };
    }
    if (patch.popupVisibility !== undefined) clean.popupVisibility = patch.popupVisibility;
    if (patch.dateFormat !== undefined) clean.dateFormat = patch.dateFormat;
    if (patch.startMinimized !== undefined) clean.startMinimized = patch.startMinimized;
    if (patch.view !== undefined) clean.view = patch.view;
    if (patch.zoom !== undefined) clean.zoom = Math.round(patch.zoom * 100) / 100;
    if (patch.pinOnTop !== undefined) clean.pinOnTop = patch.pinOnTop;
    if (patch.voip !== undefined) clean.voip = patch.voip;
    if (patch.keypadPosition !== undefined) clean.keypadPosition = patch.keypadPosition;
    if (patch.audio !== undefined) {
      const current = before.audio;
      clean.audio = {
        microphoneId: patch.audio.microphoneId !== undefined ? patch.audio.microphoneId : current.microphoneId,
        speakerId: patch.audio.speakerId !== undefined ? patch.audio.speakerId : current.speakerId,
        ringingId: patch.audio.ringingId !== undefined ? patch.audio.ringingId : current.ringingId,
      };
    }
    let after: Settings;
    try {
      after = this.settings.update(clean);
    } catch (err) {
      if (err instanceof UserSettingsUnavailableError) throw new UcError('not-logged-in', err.message, err.keys);
      throw err;
    }
    if (after.launchAtStartup !== before.launchAtStartup) {
      try {
        this.options.onLaunchAtStartupChange?.(after.launchAtStartup);
      } catch (err) {
        this.host.log('warn', `launch at startup not applied: ${String(err)}`);
      }
    }
    if (before.autoLogin && !after.autoLogin) this.options.onAutoLoginTurnedOff();
    return after;
  }
}
