import { MAX_SERVERS, type Settings } from '../../../../src-preload/contract/ipc-contract';
import { TypedEmitter, type Event } from '../../platform/typed-emitter';
import {
  isUserSettingKey,
  USER_SETTING_KEYS,
  type DeviceSettingKey,
  type UserSettingKey,
  type UserSettings,
} from './setting-scopes';
import { SettingsStore, type SettingsSource } from './settings-store';

/** A per-user setting was changed while nobody is logged in (AppCore answers 'not-logged-in'). */
export class UserSettingsUnavailableError extends Error {
  constructor(readonly keys: UserSettingKey[]) {
    super(`log in to change ${keys.join(', ')} (kept per user)`);
    this.name = 'UserSettingsUnavailableError';
  }
}

/**
 * The one `Settings` object of the contract, made of two stores (see
 * `setting-scopes.ts`): the device's, always there, and the logged-in user's,
 * attached at login and detached at logout. While nobody is logged in the
 * per-user settings read as their defaults and cannot be changed, so nothing
 * of the previous user shows on the login screen.
 *
 * {@link onDidChange} fires once per change of the effective settings: an
 * update, or a user attached/detached whose settings differ from what showed.
 */
export class ScopedSettings {
  private readonly didChange = new TypedEmitter<Settings>();
  readonly onDidChange: Event<Settings> = this.didChange.event;
  private user: SettingsStore<UserSettingKey> | undefined;
  private readonly userDefaults: UserSettings;

  constructor(readonly device: SettingsStore<DeviceSettingKey>) {
    // A store over nothing: the per-user defaults, validated like stored ones.
    this.userDefaults = new SettingsStore(emptySource, {}, USER_SETTING_KEYS).get();
  }

  get(): Settings {
    return { ...this.device.get(), ...(this.user?.get() ?? structuredClone(this.userDefaults)) };
  }

  /**
   * Splits the patch by scope and stores each part; checks both parts before
   * writing either, so a bad value stores nothing.
   * @throws TypeError on an invalid value or unknown key
   * @throws UserSettingsUnavailableError for a per-user setting while nobody is logged in
   */
  update(patch: Partial<Settings>): Settings {
    const devicePatch: Partial<Settings> = {};
    const userPatch: Partial<Settings> = {};
    for (const [key, value] of Object.entries(patch) as [keyof Settings, unknown][]) {
      if (value === undefined) continue;
      Object.assign(isUserSettingKey(key) ? userPatch : devicePatch, { [key]: value });
    }
    const device = this.device.validate(devicePatch as Partial<Pick<Settings, DeviceSettingKey>>);
    const userKeys = Object.keys(userPatch) as UserSettingKey[];
    const user = this.user;
    if (userKeys.length > 0 && !user) throw new UserSettingsUnavailableError(userKeys);
    const userClean = user?.validate(userPatch as Partial<UserSettings>) ?? {};
    const before = this.get();
    this.device.update(device);
    user?.update(userClean);
    return this.changed(before);
  }

  /** The logged-in user's own store (internal marks too, e.g. the missed-call seen mark); undefined while logged out. */
  get userStore(): SettingsStore<UserSettingKey> | undefined {
    return this.user;
  }

  /** The logged-in user's store (undefined at logout); fires onDidChange when that changes what shows. */
  setUser(store: SettingsStore<UserSettingKey> | undefined): void {
    const before = this.get();
    this.user = store;
    this.changed(before);
  }

  /**
   * Puts `server` first in the saved servers (SPEC A1: the login adds the
   * server used), removing an equal entry (case-insensitive) and keeping at
   * most {@link MAX_SERVERS}.
   */
  rememberServer(server: string): Settings {
    const text = server.trim();
    const others = this.device.get().servers.filter((s) => s.toLowerCase() !== text.toLowerCase());
    return this.update({ servers: [text, ...others].slice(0, MAX_SERVERS) });
  }

  private changed(before: Settings): Settings {
    const after = this.get();
    if (JSON.stringify(before) !== JSON.stringify(after)) this.didChange.fire(after);
    return after;
  }
}

const emptySource: SettingsSource = { read: () => ({}), write: () => undefined };
