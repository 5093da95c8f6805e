/**
 * The media host's view of the audio devices (SPEC F4): lists them, keeps the
 * user's choice (microphone, speaker, ringing device) and resolves it against
 * what is plugged in right now. A chosen device that is missing resolves to
 * the system default (`undefined`); once it is plugged in again it resolves to
 * it again, so the preferred device "comes back" by itself.
 */
import type { AudioDeviceList, MediaParams } from '../../../src-preload/contract/media-contract';

export type DeviceChoice = MediaParams<'setDevices'>;

/** Resolved device ids; `undefined` = the system default. */
export interface EffectiveDevices {
  microphoneId: string | undefined;
  speakerId: string | undefined;
  ringingId: string | undefined;
}

/** The part of `navigator.mediaDevices` used here (tests pass a fake). */
export type MediaDevicesLike = Pick<MediaDevices, 'enumerateDevices' | 'getUserMedia'>;

/** The ids Chromium gives the aliases of the default device: "System default" covers them. */
const ALIAS_IDS = new Set(['', 'default']);
/** bounds the list (a page cannot be flooded with devices) */
const MAX_DEVICES = 64;
const MAX_LABEL = 256;
/** the contract's limit; real ids are 64 hex digits */
const MAX_ID = 256;

/** See the file comment. */
export class AudioDevices {
  private choice: DeviceChoice = {};
  private inputs = new Set<string>();
  private outputs = new Set<string>();
  private askedPermission = false;

  constructor(private readonly media: MediaDevicesLike) {}

  /** Stores the user's complete choice (a missing id = the system default). */
  setChoice(choice: DeviceChoice): void {
    this.choice = { ...choice };
  }

  get currentChoice(): DeviceChoice {
    return { ...this.choice };
  }

  /**
   * Lists the devices and remembers which ones are present. Browsers hide the
   * labels until the page may use the microphone: the first time they come
   * back empty, the microphone is opened once (and closed) to get them —
   * unless `askPermission` is false (nothing chosen yet: no reason to prompt).
   */
  async list(askPermission = true): Promise<AudioDeviceList> {
    let devices = await this.media.enumerateDevices();
    if (askPermission && !this.askedPermission && devices.some((d) => d.kind === 'audioinput' && d.label === '')) {
      this.askedPermission = true;
      try {
        const stream = await this.media.getUserMedia({ audio: true, video: false });
        for (const track of stream.getTracks()) track.stop();
        devices = await this.media.enumerateDevices();
      } catch {
        // refused or no microphone: the ids are still usable, the labels stay empty
      }
    }
    const pick = (kind: MediaDeviceKind) =>
      devices
        .filter((d) => d.kind === kind && !ALIAS_IDS.has(d.deviceId) && d.deviceId.length <= MAX_ID)
        .slice(0, MAX_DEVICES)
        .map((d) => ({ deviceId: d.deviceId, label: d.label.slice(0, MAX_LABEL) }));
    const list = { inputs: pick('audioinput'), outputs: pick('audiooutput') };
    this.inputs = new Set(list.inputs.map((d) => d.deviceId));
    this.outputs = new Set(list.outputs.map((d) => d.deviceId));
    return list;
  }

  /** The choice resolved against the devices seen by the last {@link list}. */
  effective(): EffectiveDevices {
    const pick = (id: string | undefined, present: Set<string>) =>
      id !== undefined && present.has(id) ? id : undefined;
    return {
      microphoneId: pick(this.choice.microphoneId, this.inputs),
      speakerId: pick(this.choice.speakerId, this.outputs),
      ringingId: pick(this.choice.ringingId, this.outputs),
    };
  }
}

/** getUserMedia constraints for the microphone (`undefined` = system default). */
export function microphoneConstraints(deviceId: string | undefined): MediaStreamConstraints {
  return {
    audio: {
      echoCancellation: true,
      noiseSuppression: true,
      autoGainControl: true,
      ...(deviceId !== undefined ? { deviceId: { exact: deviceId } } : {}),
    },
    video: false,
  };
}
