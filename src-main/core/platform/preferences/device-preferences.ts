/**
 * The device-preferences seam: what this computer remembers whoever uses it
 * (servers, login-screen language, auto-login, launch at startup, window
 * view/zoom/pin/bounds, audio devices, headsets — see `setting-scopes.ts`).
 * It is read before anyone logs in, so it cannot live in a user's database.
 *
 * Implementations: the Electron shell's electron-store
 * (`src-main/shell/electron-store-preferences.ts`), {@link JsonFilePreferences}
 * for the web shell and tests, {@link MemoryPreferences} for throw-away cores.
 * Values are plain JSON; the caller ({@link SettingsStore}) validates them.
 */
export interface DevicePreferences {
  /** Every stored value by key (a copy). A store that could not be read is empty. */
  read(): Record<string, unknown>;
  /**
   * Stores these keys (an `undefined` value removes the key) in one write.
   * Never throws: a failed write is logged and the values are kept in memory
   * for this run (a preference must not take the phone down).
   */
  write(values: Record<string, unknown>): void;
}

/** Preferences in process memory only (`dataDir: ':memory:'`, tests). */
export class MemoryPreferences implements DevicePreferences {
  private values: Record<string, unknown>;

  constructor(initial: Record<string, unknown> = {}) {
    this.values = structuredClone(initial);
  }

  read(): Record<string, unknown> {
    return structuredClone(this.values);
  }

  write(values: Record<string, unknown>): void {
    this.values = mergePreferences(this.values, values);
  }
}

/** `base` with `patch` applied (`undefined` removes a key); copies, never aliases the inputs. */
export function mergePreferences(
  base: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const next = structuredClone(base);
  for (const [key, value] of Object.entries(patch)) {
    // JSON objects from disk can carry these; never let them reach the prototype chain.
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    if (value === undefined) delete next[key];
    else next[key] = structuredClone(value);
  }
  return next;
}
