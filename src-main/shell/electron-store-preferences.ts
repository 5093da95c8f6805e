/**
 * The device preferences (core/platform/preferences/device-preferences.ts) on
 * electron-store, the package the design card names: `preferences.json` in
 * userData, written atomically by `conf` (electron-store's Node core, which
 * writes a temp file and renames it). No `electron` import here: the store is
 * built by desktop-shell.ts and injected, so this is unit-tested on `conf`.
 *
 * What electron-store does not do, done here:
 * - a corrupt file (not JSON) makes electron-store's constructor throw; it is
 *   logged, moved aside to `<file>.corrupt-<time>` and the store is built
 *   again from defaults, so the app always starts;
 * - values are read once and served from memory; every write replaces the
 *   whole object (`store.store = …`), so a file damaged later cannot make a
 *   write throw half-way, and a failed write (full disk) is logged and kept
 *   for this run instead of stopping the phone.
 */
import * as nodeFs from 'node:fs';
import {
  MemoryPreferences,
  mergePreferences,
  type DevicePreferences,
} from '../core/platform/preferences/device-preferences';

/** The part of electron-store (and of `conf`) used: the whole object, read from and written to the file. */
export interface ConfStoreLike {
  readonly path: string;
  store: Record<string, unknown>;
}

export interface ElectronStorePreferencesOptions {
  /**
   * Builds the store, e.g. `() => new Store({ name: 'preferences', cwd: dataDir,
   * accessPropertiesByDotNotation: false, clearInvalidConfig: false })`; may
   * throw on a corrupt file.
   */
  create: () => ConfStoreLike;
  /** the file the store reads (to move a corrupt one aside) */
  filePath: string;
  logger?: (level: 'info' | 'warn' | 'error', message: string) => void;
  now?: () => number;
  /** seam for tests */
  renameSync?: (from: string, to: string) => void;
}

/** Opens the preferences; never throws (worst case: in memory for this run, with an error in the log). */
export function openElectronStorePreferences(options: ElectronStorePreferencesOptions): DevicePreferences {
  const log = options.logger ?? (() => undefined);
  const rename = options.renameSync ?? nodeFs.renameSync;
  let store: ConfStoreLike;
  try {
    store = options.create();
  } catch (err) {
    if (!isCorruptFileError(err)) {
      log('error', `device preferences unavailable, kept in memory for this run: ${messageOf(err)}`);
      return new MemoryPreferences();
    }
    const aside = `${options.filePath}.corrupt-${(options.now ?? Date.now)()}`;
    try {
      rename(options.filePath, aside);
      log(
        'warn',
        `device preferences ${options.filePath} were corrupt (${messageOf(err)}): moved to ${aside}, using defaults`,
      );
      store = options.create();
    } catch (again) {
      log('error', `device preferences unavailable, kept in memory for this run: ${messageOf(again)}`);
      return new MemoryPreferences();
    }
  }
  return new ElectronStorePreferences(store, log);
}

class ElectronStorePreferences implements DevicePreferences {
  private values: Record<string, unknown>;

  constructor(
    private readonly store: ConfStoreLike,
    private readonly log: (level: 'info' | 'warn' | 'error', message: string) => void,
  ) {
    this.values = mergePreferences({}, store.store);
  }

  read(): Record<string, unknown> {
    return structuredClone(this.values);
  }

  write(values: Record<string, unknown>): void {
    const next = mergePreferences(this.values, values);
    this.values = next;
    try {
      this.store.store = structuredClone(next);
    } catch (err) {
      this.log(
        'error',
        `device preferences not saved to ${this.store.path} (kept until the app stops): ${messageOf(err)}`,
      );
    }
  }
}

/** conf's constructor: a SyntaxError from JSON.parse, or its schema check. */
function isCorruptFileError(err: unknown): boolean {
  return err instanceof SyntaxError || (err instanceof Error && err.message.startsWith('Config schema violation'));
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
