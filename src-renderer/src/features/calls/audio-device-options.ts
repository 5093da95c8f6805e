/**
 * The options of one audio-device select (SPEC F4): "System default" first
 * (value ''), then the devices the media host lists, and — when the chosen
 * device is unplugged — that device too, marked missing, so the choice stays
 * visible (and comes back by itself when the device is plugged in again).
 */
import type { AudioDevicesView } from '../../../../src-preload/contract/ipc-contract';

export type AudioDeviceOption =
  | { kind: 'default'; value: '' }
  /** `label` is empty when the browser hides it (no microphone permission yet): show "Device n" */
  | { kind: 'device'; value: string; label: string; index: number }
  | { kind: 'missing'; value: string };

/** See the file comment. */
export function audioDeviceOptions(
  devices: AudioDevicesView['inputs'] | undefined,
  chosen: string | null,
): AudioDeviceOption[] {
  const list = devices ?? [];
  const options: AudioDeviceOption[] = [{ kind: 'default', value: '' }];
  list.forEach((d, i) => options.push({ kind: 'device', value: d.deviceId, label: d.label, index: i + 1 }));
  if (chosen !== null && !list.some((d) => d.deviceId === chosen)) options.push({ kind: 'missing', value: chosen });
  return options;
}
