/**
 * Settings/UI slice: persisted settings (language) and purely local UI state
 * (which call's keypad is open).
 */
import type { StateCreator } from 'zustand';
import type { Language, Settings, UcApi } from '../../../src-preload/contract/ipc-contract';
import type { AppState } from './app-store';

export interface SettingsSlice {
  settings: Settings;
  /** call whose DTMF keypad is open, if any */
  keypadCallId: string | null;
  setLanguage(language: Language): Promise<void>;
  setSettings(settings: Settings): void;
  refreshSettings(): Promise<void>;
  openKeypad(callId: string): void;
  closeKeypad(): void;
}

export function createSettingsSlice(
  uc: UcApi,
  initialLanguage: Language,
): StateCreator<AppState, [], [], SettingsSlice> {
  return (set, get) => ({
    settings: { language: initialLanguage },
    keypadCallId: null,

    async setLanguage(language) {
      const previous = get().settings;
      // optimistic: the UI switches at once; rolled back if the engine refuses
      set({ settings: { ...previous, language } });
      const result = await uc.invoke('settings.update', { language });
      set({ settings: result.ok ? result.value : previous });
    },
    setSettings(settings) {
      set({ settings });
    },
    async refreshSettings() {
      const result = await uc.invoke('settings.get', {});
      if (result.ok) set({ settings: result.value });
    },
    openKeypad(callId) {
      set({ keypadCallId: callId });
    },
    closeKeypad() {
      set({ keypadCallId: null });
    },
  });
}
