/**
 * The part of @gnaudio/jabra-js 4.x the adapter uses, typed structurally so
 * the project compiles and runs without the package (it is an *optional*
 * dependency under the proprietary Jabra licence) and tests can pass a fake.
 * Names and semantics follow the package's typings/index.d.ts.
 */

/** rxjs-compatible subscription (jabra-js observables are rxjs 7). */
export interface JabraSubscription {
  unsubscribe(): void;
}

export interface JabraObservable<T> {
  subscribe(next: (value: T) => void): JabraSubscription;
}

/** `IDevice`: id is a `DeviceId` object whose toString() is `vendorId:productId:serial`. */
export interface JabraDevice {
  id: unknown;
  name: string;
  vendorId: number;
  productId: number;
}

/** `ICallControlSignal` */
export interface JabraSignal {
  type: number;
  value: boolean;
  /** 'absolute' (0/1 state) or 'relative' (always 1: a toggle) */
  valueType?: string;
}

/** `ICallControl`: every setter throws unless the call lock is held. */
export interface JabraCallControl {
  readonly device: JabraDevice;
  readonly onDisconnect: JabraObservable<void>;
  readonly deviceSignals: JabraObservable<JabraSignal>;
  takeCallLock(): Promise<boolean>;
  releaseCallLock(): void;
  offHook(isOffHook: boolean): void;
  ring(shouldRing: boolean): void;
  mute(shouldMute: boolean): void;
  hold(shouldHold: boolean): void;
}

/** `IApi` */
export interface JabraApi {
  readonly deviceAdded: JabraObservable<JabraDevice>;
  readonly deviceRemoved: JabraObservable<JabraDevice>;
  getCurrentDevices(): JabraDevice[];
}

export interface JabraLogEvent {
  level: string;
  message: string;
}

/** `IConfig` (subset) */
export interface JabraConfig {
  appId: string;
  appName: string;
  partnerKey?: string;
  logger?: { write(event: JabraLogEvent): void };
}

export interface JabraCallControlFactory {
  createCallControl(device: JabraDevice): Promise<JabraCallControl>;
  supportsCallControl(device: JabraDevice): boolean;
}

/** The module namespace: `init` and `CallControlFactory`. */
export interface JabraModule {
  init(config: JabraConfig): Promise<JabraApi>;
  CallControlFactory: new (api: JabraApi) => JabraCallControlFactory;
}

/** `SignalType` values (same numbers as the USB HID Telephony page usages). */
export const JABRA_SIGNAL = {
  HOOK_SWITCH: 32,
  FLASH: 33,
  REDIAL: 36,
  PHONE_MUTE: 47,
  REJECT_CALL: 65533,
} as const;

/** Why the module could not be used. */
export class JabraUnavailableError extends Error {
  constructor(
    message: string,
    /** false when retrying cannot help (package not installed) */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'JabraUnavailableError';
  }
}

/** Kept in a variable so bundlers and tsc do not try to resolve the optional package. */
const JABRA_PACKAGE = '@gnaudio/jabra-js';

/**
 * Loads @gnaudio/jabra-js with a dynamic import (its Node entry starts the
 * bundled native `jabra-device-connector` only on `init`).
 * @throws JabraUnavailableError when the package is absent or not what we expect
 */
export async function loadJabraModule(specifier: string = JABRA_PACKAGE): Promise<JabraModule> {
  let imported: unknown;
  try {
    imported = await import(/* @vite-ignore */ specifier);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const message = error instanceof Error ? error.message : String(error);
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new JabraUnavailableError(`${specifier} is not installed (optional dependency)`, false);
    }
    throw new JabraUnavailableError(`${specifier} failed to load: ${message}`, false);
  }
  const candidate = imported as Partial<JabraModule> & { default?: Partial<JabraModule> };
  const module = typeof candidate.init === 'function' ? candidate : candidate.default;
  if (!module || typeof module.init !== 'function' || typeof module.CallControlFactory !== 'function') {
    throw new JabraUnavailableError(`${specifier} does not export init and CallControlFactory`, false);
  }
  return module as JabraModule;
}
