import type { Settings } from '../../../../src-preload/contract/ipc-contract';

/**
 * Where each setting lives (issue 8: a shared PC).
 *
 * - `device`: the device preferences (electron-store / a JSON file). Read
 *   before anyone logs in, or describing this computer rather than its user:
 *   the login screen (language, saved servers, "remember me"), the OS
 *   (launch at startup, telephony-link registration), the main window (view,
 *   zoom, pin, start minimized — the window exists before the login) and the
 *   hardware plugged into this PC (audio device ids are only valid on this
 *   machine; the headset bridge and the media host get them at start).
 * - `user`: the logged-in user's own database. Habits of the person, used only
 *   once someone is logged in: when the call popup shows, the date format, and
 *   the dial hotkey (a global shortcut grabbed from every other application is
 *   released at logout and the next user's own one is registered).
 *
 * `satisfies` makes a new field of `Settings` without a scope a compile error.
 */
export const SETTING_SCOPES = {
  language: 'device',
  servers: 'device',
  autoLogin: 'device',
  launchAtStartup: 'device',
  telephonyLinksDefault: 'device',
  startMinimized: 'device',
  view: 'device',
  zoom: 'device',
  pinOnTop: 'device',
  headsets: 'device',
  audio: 'device',
  // VoIP works or not on this computer (microphone, network), whoever logs in (SPEC F5)
  voip: 'device',
  // a position in this computer's main window (its size and screen are the device's)
  keypadPosition: 'device',
  dialHotkey: 'user',
  popupVisibility: 'user',
  dateFormat: 'user',
} as const satisfies Record<keyof Settings, 'device' | 'user'>;

type ScopeOf = typeof SETTING_SCOPES;
export type DeviceSettingKey = { [K in keyof ScopeOf]: ScopeOf[K] extends 'device' ? K : never }[keyof ScopeOf];
export type UserSettingKey = { [K in keyof ScopeOf]: ScopeOf[K] extends 'user' ? K : never }[keyof ScopeOf];
export type DeviceSettings = Pick<Settings, DeviceSettingKey>;
export type UserSettings = Pick<Settings, UserSettingKey>;

export const DEVICE_SETTING_KEYS = (Object.keys(SETTING_SCOPES) as (keyof Settings)[]).filter(
  (key): key is DeviceSettingKey => SETTING_SCOPES[key] === 'device',
);
export const USER_SETTING_KEYS = (Object.keys(SETTING_SCOPES) as (keyof Settings)[]).filter(
  (key): key is UserSettingKey => SETTING_SCOPES[key] === 'user',
);

export function isUserSettingKey(key: keyof Settings): key is UserSettingKey {
  return SETTING_SCOPES[key] === 'user';
}
