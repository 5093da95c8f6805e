/**
 * Audio-devices slice (SPEC F4): the media host's microphones and outputs for
 * the Settings selects, refreshed when a device is plugged or unplugged
 * (`audio.onDidChangeDevices`), and the "devices changed" mark that makes the
 * settings button blink until the user looks at the settings.
 *
 * The choice itself is the `audio` setting (settings slice, partial patches).
 */
import type {
  AudioDevicesView,
  AudioSettings,
  IpcErrorCode,
  UcApi,
} from '../../../../src-preload/contract/ipc-contract';
import type { SliceCreator } from '../../platform/store/app-state';

export type AudioRole = keyof AudioSettings;

export interface AudioSlice {
  /** null until listed (Settings opened) */
  audioDevices: AudioDevicesView | null;
  /** why the last listing failed (e.g. 'media-unavailable') */
  audioDevicesError: IpcErrorCode | null;
  /** a device was plugged or unplugged since the user last listed them */
  audioDevicesChanged: boolean;
  refreshAudioDevices(): Promise<void>;
  /** the engine reported a change of devices */
  audioDevicesDidChange(): void;
  /** chooses the device of one role (null = system default) */
  setAudioDevice(role: AudioRole, deviceId: string | null): Promise<boolean>;
}

declare module '../../platform/store/app-state' {
  interface AppState extends AudioSlice {}
}

export function createAudioSlice(uc: UcApi): SliceCreator<AudioSlice> {
  return (set, get) => {
    /** a newer listing supersedes an older one still in flight */
    let listing = 0;
    return {
      audioDevices: null,
      audioDevicesError: null,
      audioDevicesChanged: false,

      async refreshAudioDevices() {
        const seq = ++listing;
        const result = await uc.invoke('audio.listDevices', {});
        if (seq !== listing) return;
        set(
          result.ok
            ? { audioDevices: result.value, audioDevicesError: null, audioDevicesChanged: false }
            : { audioDevicesError: result.error.code },
        );
      },

      audioDevicesDidChange() {
        set({ audioDevicesChanged: true });
        // the selects are on screen (or were): keep them current
        if (get().audioDevices !== null || get().view === 'settings') void get().refreshAudioDevices();
      },

      setAudioDevice(role, deviceId) {
        return get().updateSettings({ audio: { [role]: deviceId } });
      },
    };
  };
}
