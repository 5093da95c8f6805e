import type { DevicePreferences } from '../preferences/device-preferences';

/** Key of the pins in the device preferences (beside the settings, not one of them: see SettingsStore). */
const PINS_KEY = 'internal.certificatePins';

/**
 * The certificates the user accepted, one per UC server (SPEC A1): server
 * origin (`parseServerAddress(…).origin`) → SHA-256 fingerprint (`AB:CD:…`).
 * Kept with the device preferences (the login screen needs them before anyone
 * is logged in; a fingerprint is no secret). Only the session's trust
 * question (`session.trustCertificate`) and Settings > User account
 * (`session.forgetCertificate`) change them; the renderer cannot write them
 * through `settings.update`.
 */
export class CertificatePins {
  constructor(private readonly preferences: DevicePreferences) {}

  /** The pinned fingerprint of this server, if any. */
  get(origin: string): string | undefined {
    const value = this.all()[origin];
    return typeof value === 'string' ? value : undefined;
  }

  /** Every pin (a copy). */
  all(): Record<string, string> {
    const stored = this.preferences.read()[PINS_KEY];
    if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {};
    const pins: Record<string, string> = {};
    for (const [origin, fingerprint] of Object.entries(stored)) {
      if (typeof fingerprint === 'string' && /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/.test(fingerprint)) {
        pins[origin] = fingerprint;
      }
    }
    return pins;
  }

  set(origin: string, fingerprint: string): void {
    this.preferences.write({ [PINS_KEY]: { ...this.all(), [origin]: fingerprint } });
  }

  /** Forgets the pin of this server: its next connection asks again. */
  forget(origin: string): void {
    const pins = this.all();
    delete pins[origin];
    this.preferences.write({ [PINS_KEY]: pins });
  }
}
