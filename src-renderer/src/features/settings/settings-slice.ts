/**
 * Settings/UI slice: persisted settings (language, saved servers, auto-login,
 * launch at startup — optimistic, rolled back when the engine refuses).
 */
import {
  DEFAULT_SETTINGS,
  MAX_SERVERS,
  type IpcErrorCode,
  type Language,
  type Settings,
  type UcApi,
} from '../../../../src-preload/contract/ipc-contract';
import type { SliceCreator } from '../../platform/store/app-state';

export type ServerInputError = 'empty' | 'invalid' | 'duplicate' | 'full';

/** host or host:port (default port 8802), as the login field accepts it. */
const SERVER_PATTERN = /^(?:\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]{0,252}[a-z0-9])?)(?::(\d{1,5}))?$/i;

/** Why `address` cannot be added to `servers`, or null when it can. */
export function serverInputError(address: string, servers: readonly string[]): ServerInputError | null {
  const value = address.trim();
  if (!value) return 'empty';
  const match = SERVER_PATTERN.exec(value);
  const port = match?.[1] === undefined ? 8802 : Number(match[1]);
  if (!match || port < 1 || port > 65535) return 'invalid';
  if (servers.some((s) => s.toLowerCase() === value.toLowerCase())) return 'duplicate';
  if (servers.length >= MAX_SERVERS) return 'full';
  return null;
}

/** What settings.update accepts, except the language (setLanguage) and the hotkey (setDialHotkey). */
export type SettingsPatch = Partial<Omit<Settings, 'language' | 'dialHotkey' | 'headsets' | 'audio'>> & {
  headsets?: Partial<Settings['headsets']>;
  audio?: Partial<Settings['audio']>;
};

export interface SettingsSlice {
  settings: Settings;
  /** the last settings change the engine refused */
  settingsError: IpcErrorCode | null;
  setLanguage(language: Language): Promise<void>;
  updateSettings(patch: SettingsPatch): Promise<boolean>;
  addServer(address: string): Promise<ServerInputError | null>;
  removeServer(address: string): Promise<void>;
  setSettings(settings: Settings): void;
  refreshSettings(): Promise<void>;
}

declare module '../../platform/store/app-state' {
  interface AppState extends SettingsSlice {}
}

export function createSettingsSlice(uc: UcApi, initialLanguage: Language): SliceCreator<SettingsSlice> {
  return (set, get) => {
    /** optimistic: the UI changes at once; rolled back if the engine refuses */
    const update = async (patch: SettingsPatch & { language?: Language }) => {
      const previous = get().settings;
      const headsets = patch.headsets ? { ...previous.headsets, ...patch.headsets } : previous.headsets;
      const audio = patch.audio ? { ...previous.audio, ...patch.audio } : previous.audio;
      set({ settings: { ...previous, ...patch, headsets, audio }, settingsError: null });
      const result = await uc.invoke('settings.update', patch);
      set(
        result.ok
          ? { settings: withDefaults(result.value) }
          : { settings: { ...get().settings, ...revert(previous, patch) }, settingsError: result.error.code },
      );
      return result.ok;
    };
    return {
      settings: { ...DEFAULT_SETTINGS, language: initialLanguage },
      settingsError: null,

      async setLanguage(language) {
        await update({ language });
      },
      updateSettings: (patch) => update(patch),
      async addServer(address) {
        const servers = get().settings.servers;
        const error = serverInputError(address, servers);
        if (error) return error;
        await update({ servers: [...servers, address.trim()] });
        return null;
      },
      async removeServer(address) {
        await update({ servers: get().settings.servers.filter((s) => s !== address) });
      },
      setSettings(settings) {
        set({ settings: withDefaults(settings) });
      },
      async refreshSettings() {
        const result = await uc.invoke('settings.get', {});
        if (result.ok) set({ settings: withDefaults(result.value) });
      },
    };
  };
}

/** Tolerates an engine that does not send the newer fields yet (older web shell). */
function withDefaults(settings: Settings): Settings {
  return {
    ...DEFAULT_SETTINGS,
    ...settings,
    servers: Array.isArray(settings.servers) ? settings.servers : [],
    autoLogin: settings.autoLogin === true,
    launchAtStartup: settings.launchAtStartup === true,
    headsets: { ...DEFAULT_SETTINGS.headsets, ...settings.headsets },
    audio: { ...DEFAULT_SETTINGS.audio, ...settings.audio },
  };
}

/** The previous values of the keys `patch` changed. */
function revert(previous: Settings, patch: SettingsPatch): Partial<Settings> {
  const out: Partial<Settings> = {};
  for (const key of Object.keys(patch) as (keyof Settings)[]) Object.assign(out, { [key]: previous[key] });
  return out;
}
