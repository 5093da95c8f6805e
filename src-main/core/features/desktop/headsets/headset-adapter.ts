import type { Event } from '../../../platform/typed-emitter';

// The headset integrations (SPEC G3), each enabled separately in the VoIP settings: one list, in the contract.
import type { HeadsetVendor } from '../../../../../src-preload/contract/desktop';
export { HEADSET_VENDORS, type HeadsetVendor } from '../../../../../src-preload/contract/desktop';

/** Which adapters the user switched on (VoIP settings, SPEC G3 "enable per vendor"). */
export type HeadsetVendorSettings = Record<HeadsetVendor, boolean>;

/**
 * What a user did on a headset, as a call-control intent. Adapters translate
 * vendor signals (HID usages, Jabra signals, Poly action codes) into these,
 * using the call state they were last given; the bridge validates them again
 * against the current call before acting.
 */
export type HeadsetRequest =
  | { type: 'answer' }
  | { type: 'reject' }
  | { type: 'hangup' }
  | { type: 'toggle-mute' }
  /** absolute mute state reported by the device */
  | { type: 'mute'; muted: boolean }
  /** hold/resume toggle (HID Flash, Jabra FLASH, Poly Flash) */
  | { type: 'flash' }
  /** absolute hold state (Poly Hold/Resume) */
  | { type: 'hold'; held: boolean }
  | { type: 'redial' };

/** Phase of the one call the headset follows. */
export type HeadsetPhase = 'idle' | 'ringing' | 'active' | 'held';

/**
 * What the headset indicators should show. `callId` identifies the call so an
 * adapter can tell "a new call" from "the same call changed" (Poly needs one
 * call id per call); `peer` is shown by hubs that display a caller.
 */
export interface HeadsetCallState {
  phase: HeadsetPhase;
  /** microphone muted (only meaningful in active/held) */
  muted: boolean;
  callId?: string;
  peer?: string;
}

/** The idle state: no call, indicators off. */
export const IDLE_HEADSET_STATE: HeadsetCallState = Object.freeze({ phase: 'idle', muted: false });

/** A connected headset or dongle as an adapter sees it. */
export interface HeadsetDevice {
  vendor: HeadsetVendor;
  /** stable within one adapter run (HID path, Jabra device id, Poly Uid) */
  id: string;
  name: string;
}

/**
 * Life of one adapter as the bridge sees it.
 *
 * - `unavailable`: the vendor stack is missing (module not installed, hub not
 *   running, libusb missing…). `retryable` says whether trying again later can
 *   help (the hub may be started; a missing npm module will not appear).
 * - `failed`: it was running and broke (hub went away, enumeration threw); the
 *   bridge stops it and starts it again with backoff.
 */
export type HeadsetAdapterStatus =
  | { state: 'stopped' }
  | { state: 'starting' }
  | { state: 'running' }
  | { state: 'unavailable'; reason: string; retryable: boolean }
  | { state: 'failed'; reason: string };

/**
 * One headset integration. Contract for implementations:
 * - `start()` resolves once running, or after setting status `unavailable`;
 *   it does not reject for an expected absence of the vendor stack.
 * - `stop()` never rejects, releases every OS/vendor resource and stops every
 *   timer; `start()` may be called again afterwards.
 * - `setCallState()` drives the indicators of every device the adapter holds.
 */
export interface HeadsetAdapter {
  readonly vendor: HeadsetVendor;
  readonly status: HeadsetAdapterStatus;
  readonly onDidChangeStatus: Event<HeadsetAdapterStatus>;
  readonly onDidRequest: Event<HeadsetRequest>;
  readonly onDidChangeDevices: Event<HeadsetDevice[]>;
  start(): Promise<void>;
  stop(): Promise<void>;
  setCallState(state: HeadsetCallState): Promise<void>;
}

/** Same shape as the engine logger, so the lead can pass one logger everywhere. */
export type HeadsetLogger = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;

/** Short, loggable text of any thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/** Two call states drive the same indicators. */
export function sameHeadsetState(a: HeadsetCallState, b: HeadsetCallState): boolean {
  return a.phase === b.phase && a.muted === b.muted && a.callId === b.callId && a.peer === b.peer;
}
