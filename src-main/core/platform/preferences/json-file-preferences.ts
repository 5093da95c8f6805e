import * as nodeFs from 'node:fs';
import { dirname } from 'node:path';
import { mergePreferences, type DevicePreferences } from './device-preferences';

/** File name of the device preferences inside the data folder (the Electron shell's electron-store uses it too). */
export const DEVICE_PREFERENCES_FILE = 'preferences.json';

/** The file operations used, so tests can make a write fail half-way. */
export interface PreferencesFs {
  readFileSync(path: string, encoding: 'utf8'): string;
  openSync(path: string, flags: string, mode?: number): number;
  writeSync(fd: number, text: string): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  rmSync(path: string, options: { force: boolean }): void;
  mkdirSync(path: string, options: { recursive: true }): unknown;
}

export interface JsonFilePreferencesOptions {
  logger?: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** seam for tests (default node:fs) */
  fs?: PreferencesFs;
  /** seam for tests: names the copy of a corrupt file (default Date.now) */
  now?: () => number;
}

/**
 * Device preferences in one JSON file (web shell, tests; the Electron shell
 * uses electron-store, which does the same on `conf`).
 *
 * - Read once when constructed, then served from memory (the only writer is
 *   this process: the web shell and the desktop app each hold their data folder).
 * - Every write replaces the whole file atomically: the new content goes to a
 *   temp file next to it, is fsynced, then renamed over the old one, so a crash
 *   or a full disk leaves either the old or the new file, never half of one.
 * - A file that is not a JSON object (hand edit, disk damage) reads as empty —
 *   every preference at its default — with a log line, and is moved aside to
 *   `<file>.corrupt-<time>` so nobody loses the evidence; it never stops the app.
 */
export class JsonFilePreferences implements DevicePreferences {
  private values: Record<string, unknown>;
  private readonly fs: PreferencesFs;
  private readonly log: NonNullable<JsonFilePreferencesOptions['logger']>;
  private writes = 0;

  constructor(
    /** e.g. `<dataDir>/preferences.json` */
    readonly filePath: string,
    options: JsonFilePreferencesOptions = {},
  ) {
    this.fs = options.fs ?? nodeFs;
    this.log = options.logger ?? (() => undefined);
    this.values = this.load(options.now ?? Date.now);
  }

  read(): Record<string, unknown> {
    return structuredClone(this.values);
  }

  write(values: Record<string, unknown>): void {
    const next = mergePreferences(this.values, values);
    this.values = next;
    const tmp = `${this.filePath}.${process.pid}.${++this.writes}.tmp`;
    try {
      this.fs.mkdirSync(dirname(this.filePath), { recursive: true });
      const fd = this.fs.openSync(tmp, 'w', 0o600);
      try {
        this.fs.writeSync(fd, `${JSON.stringify(next, null, 2)}\n`);
        this.fs.fsyncSync(fd);
      } finally {
        this.fs.closeSync(fd);
      }
      this.fs.renameSync(tmp, this.filePath);
    } catch (err) {
      this.fs.rmSync(tmp, { force: true });
      this.log(
        'error',
        `device preferences not saved to ${this.filePath} (kept until the app stops): ${messageOf(err)}`,
      );
    }
  }

  private load(now: () => number): Record<string, unknown> {
    let text: string;
    try {
      text = this.fs.readFileSync(this.filePath, 'utf8');
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'ENOENT') {
        this.log('warn', `device preferences ${this.filePath} unreadable, using defaults: ${messageOf(err)}`);
      }
      return {};
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      json = err;
    }
    if (json !== null && typeof json === 'object' && !Array.isArray(json) && !(json instanceof Error)) {
      return mergePreferences({}, json as Record<string, unknown>);
    }
    const aside = `${this.filePath}.corrupt-${now()}`;
    try {
      this.fs.renameSync(this.filePath, aside);
      this.log('warn', `device preferences ${this.filePath} were not a JSON object: moved to ${aside}, using defaults`);
    } catch (err) {
      this.log('warn', `device preferences ${this.filePath} were not a JSON object, using defaults: ${messageOf(err)}`);
    }
    return {};
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
