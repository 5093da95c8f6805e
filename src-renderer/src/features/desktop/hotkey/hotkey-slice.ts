/**
 * The dial hotkey (SPEC G2): its status as the engine registered it, the
 * reason of the last refused combination, and what a press did (a toast
 * unless it dialed).
 */
import type { HotkeyPressView, HotkeyStatusView, UcApi } from '../../../../../src-preload/contract/ipc-contract';
import type { SliceCreator } from '../../../platform/store/app-state';

export interface HotkeySlice {
  hotkeyStatus: HotkeyStatusView | null;
  /** the reason (HotkeyError) the engine gave for the last refused hotkey */
  hotkeyError: string | null;
  setHotkeyStatus(status: HotkeyStatusView): void;
  refreshHotkeyStatus(): Promise<void>;
  setDialHotkey(accelerator: string | null): Promise<boolean>;
  hotkeyPressed(press: HotkeyPressView): void;
}

declare module '../../../platform/store/app-state' {
  interface AppState extends HotkeySlice {}
}

export function createHotkeySlice(uc: UcApi): SliceCreator<HotkeySlice> {
  return (set, get) => ({
    hotkeyStatus: null,
    hotkeyError: null,
    setHotkeyStatus(status) {
      set({ hotkeyStatus: status });
    },
    async refreshHotkeyStatus() {
      const result = await uc.invoke('hotkey.getStatus', {});
      if (result.ok) set({ hotkeyStatus: result.value });
    },
    async setDialHotkey(accelerator) {
      set({ hotkeyError: null });
      const previous = get().settings;
      set({ settings: { ...previous, dialHotkey: accelerator } });
      const result = await uc.invoke('settings.update', { dialHotkey: accelerator });
      if (result.ok) {
        get().setSettings(result.value);
        void get().refreshHotkeyStatus();
        return true;
      }
      set({
        settings: { ...get().settings, dialHotkey: previous.dialHotkey },
        hotkeyError: result.error.code === 'invalid-hotkey' ? (result.error.details?.[0] ?? 'malformed') : null,
        settingsError: result.error.code === 'invalid-hotkey' ? null : result.error.code,
      });
      return false;
    },
    hotkeyPressed(press) {
      if (press.outcome === 'dialed') return;
      get().showToast({
        kind: 'hotkey',
        key: `hotkey.press.${press.outcome}`,
        values: { number: press.display ?? press.number ?? '', reason: press.reason ?? '' },
      });
    },
  });
}
