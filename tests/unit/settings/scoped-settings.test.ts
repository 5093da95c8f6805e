import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../../src-preload/contract/ipc-contract';
import { openAccountDatabase } from '../../../src-main/core/app/client-migrations';
import { MemoryPreferences } from '../../../src-main/core/platform/preferences/device-preferences';
import { ScopedSettings, UserSettingsUnavailableError } from '../../../src-main/core/features/settings/scoped-settings';
import {
  DEVICE_SETTING_KEYS,
  SETTING_SCOPES,
  USER_SETTING_KEYS,
} from '../../../src-main/core/features/settings/setting-scopes';
import { SettingsStore, SqliteSettingsSource } from '../../../src-main/core/features/settings/settings-store';

let prefs: MemoryPreferences;
let bruno: Database;
let david: Database;
let settings: ScopedSettings;
let seen: Settings[];

const userStore = (db: Database) => new SettingsStore(new SqliteSettingsSource(db), {}, USER_SETTING_KEYS);

beforeEach(() => {
  prefs = new MemoryPreferences();
  bruno = openAccountDatabase(':memory:');
  david = openAccountDatabase(':memory:');
  settings = new ScopedSettings(new SettingsStore(prefs, { language: 'fr' }, DEVICE_SETTING_KEYS));
  seen = [];
  settings.onDidChange((s) => seen.push(s));
});
afterEach(() => {
  bruno.close();
  david.close();
});

describe('setting scopes', () => {
  it('every setting has one scope; what the login screen and the window need before a login is per device', () => {
    expect([...DEVICE_SETTING_KEYS, ...USER_SETTING_KEYS].sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
    for (const key of [
      'language',
      'servers',
      'autoLogin',
      'launchAtStartup',
      'startMinimized',
      'view',
      'zoom',
      'keypadPosition',
    ] as const) {
      expect(SETTING_SCOPES[key]).toBe('device');
    }
    expect(USER_SETTING_KEYS).toEqual(['dialHotkey', 'popupVisibility', 'dateFormat']);
  });
});

describe('ScopedSettings', () => {
  it('logged out: device settings over their defaults, per-user ones at their defaults and read-only', () => {
    expect(settings.get()).toEqual({ ...DEFAULT_SETTINGS, language: 'fr' });
    expect(() => settings.update({ popupVisibility: 'never' })).toThrow(UserSettingsUnavailableError);
    expect(settings.update({ zoom: 1.5 })).toMatchObject({ zoom: 1.5 });
    expect(prefs.read()).toEqual({ zoom: 1.5 });
  });

  it('splits an update by scope: device values to the preferences, user values to the user database', () => {
    settings.setUser(userStore(bruno));
    settings.update({ language: 'en', popupVisibility: '5s', dialHotkey: 'F9', audio: { ...DEFAULT_SETTINGS.audio } });
    expect(prefs.read()).toEqual({ language: 'en', audio: DEFAULT_SETTINGS.audio });
    expect(bruno.prepare('SELECT key FROM settings ORDER BY key').pluck().all()).toEqual([
      'dialHotkey',
      'popupVisibility',
    ]);
    expect(seen).toHaveLength(1);
  });

  it('a bad value in either part stores nothing at all', () => {
    settings.setUser(userStore(bruno));
    expect(() => settings.update({ language: 'en', popupVisibility: 'sometimes' as never })).toThrow(/popupVisibility/);
    expect(() => settings.update({ zoom: 9, popupVisibility: '5s' })).toThrow(/zoom/);
    expect(prefs.read()).toEqual({});
    expect(bruno.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(0);
    // and logged out, a per-user key refuses the device part too
    settings.setUser(undefined);
    expect(() => settings.update({ zoom: 1.5, dateFormat: 'yyyy-mm-dd' })).toThrow(/log in to change dateFormat/);
    expect(prefs.read()).toEqual({});
  });

  it('each user gets their own per-user settings; a user switch shows them and fires once; logout shows the defaults', () => {
    settings.setUser(userStore(bruno));
    settings.update({ popupVisibility: 'never', dateFormat: 'yyyy-mm-dd', view: 'details' });
    settings.setUser(undefined);
    expect(settings.get()).toMatchObject({ popupVisibility: 'always', dateFormat: 'locale', view: 'details' });
    settings.setUser(userStore(david));
    expect(settings.get()).toMatchObject({ popupVisibility: 'always', dateFormat: 'locale', view: 'details' });
    seen.length = 0;
    settings.setUser(userStore(david)); // same values: no event
    expect(seen).toEqual([]);
    settings.setUser(userStore(bruno));
    expect(seen).toEqual([expect.objectContaining({ popupVisibility: 'never', dateFormat: 'yyyy-mm-dd' })]);
  });

  it('rememberServer puts the server first, dedupes case-insensitively, keeps 4 (device preferences)', () => {
    for (const s of ['a.test', 'b.test', 'c.test', 'd.test']) settings.rememberServer(s);
    expect(settings.get().servers).toEqual(['d.test', 'c.test', 'b.test', 'a.test']);
    settings.rememberServer(' B.TEST ');
    expect(settings.get().servers).toEqual(['B.TEST', 'd.test', 'c.test', 'a.test']);
    settings.rememberServer('e.test');
    expect(settings.get().servers).toEqual(['e.test', 'B.TEST', 'd.test', 'c.test']);
    expect(prefs.read().servers).toEqual(['e.test', 'B.TEST', 'd.test', 'c.test']);
  });
});
