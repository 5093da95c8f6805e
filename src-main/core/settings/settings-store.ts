import type { Database, Statement } from 'better-sqlite3';
import { z } from 'zod';
import {
  dateFormatSchema,
  DEFAULT_SETTINGS,
  languageSchema,
  mainViewSchema,
  MAX_SERVERS,
  popupVisibilitySchema,
  ZOOM_MAX,
  ZOOM_MIN,
  type Settings,
} from '../../../src-preload/contract/ipc-contract';
import { TypedEmitter, type Event } from '../util/typed-emitter';

/** How each setting is validated; adding a field to `Settings` without a schema here is a compile error. */
const settingSchemas: { [K in keyof Settings]-?: z.ZodType<Settings[K]> } = {
  language: languageSchema,
  servers: z.array(z.string().trim().min(1).max(255)).max(MAX_SERVERS),
  autoLogin: z.boolean(),
  launchAtStartup: z.boolean(),
  // The accelerator rules (SPEC G2) are checked by AppCore (validateAccelerator) before it gets here.
  dialHotkey: z.string().min(1).max(64).nullable(),
  telephonyLinksDefault: z.boolean(),
  headsets: z.strictObject({ hid: z.boolean(), jabra: z.boolean(), poly: z.boolean() }),
  popupVisibility: popupVisibilitySchema,
  dateFormat: dateFormatSchema,
  startMinimized: z.boolean(),
  view: mainViewSchema,
  zoom: z.number().min(ZOOM_MIN).max(ZOOM_MAX),
  pinOnTop: z.boolean(),
  audio: z.strictObject({
    microphoneId: z.string().min(1).max(256).nullable(),
    speakerId: z.string().min(1).max(256).nullable(),
    ringingId: z.string().min(1).max(256).nullable(),
  }),
};

/** Prefix of the engine's own values kept in the settings table (not user settings, not in `Settings`). */
export const INTERNAL_KEY_PREFIX = 'internal.';
const settingKeys = Object.keys(settingSchemas) as (keyof Settings)[];

/**
 * User settings, persisted as JSON values in the `settings` key/value table
 * (migration 0002). Only settings the user has set have a row: a key with no
 * row reads as its default, so a different default (e.g. a new OS locale)
 * applies to users who never touched that setting.
 *
 * A stored value that does not validate (hand-edited file, older/newer build)
 * reads as the default; the row is left in place until the next `update` of
 * that key overwrites it.
 */
export class SettingsStore {
  private readonly didChange = new TypedEmitter<Settings>();
  /** Fires with the new settings after an {@link update} that changed something. */
  readonly onDidChange: Event<Settings> = this.didChange.event;

  private readonly selectAll: Statement<[], { key: string; value: string }>;
  private readonly upsert: Statement<[string, string]>;
  private readonly defaults: Settings;

  /**
   * @param db an open database migrated to at least version 2
   * @param defaults values used for settings never set, e.g. `{ language: 'fr' }` from the OS locale
   *   (the others come from {@link DEFAULT_SETTINGS})
   * @throws TypeError if `defaults` holds an invalid value
   */
  constructor(
    private readonly db: Database,
    defaults: Partial<Settings>,
  ) {
    this.defaults = parseSettings({ ...DEFAULT_SETTINGS, ...defaults }, 'defaults');
    this.selectAll = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
    this.upsert = db.prepare<[string, string]>(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  /** The current settings (stored values over defaults). */
  get(): Settings {
    const settings: Settings = {
      ...this.defaults,
      servers: [...this.defaults.servers],
      headsets: { ...this.defaults.headsets },
      audio: { ...this.defaults.audio },
    };
    for (const row of this.selectAll.all()) {
      if (!isSettingKey(row.key)) continue; // e.g. written by a newer build: keep, ignore
      let json: unknown;
      try {
        json = JSON.parse(row.value);
      } catch {
        continue;
      }
      const parsed = settingSchemas[row.key].safeParse(json);
      if (parsed.success) assign(settings, row.key, parsed.data);
    }
    return settings;
  }

  /**
   * Stores the given settings (`undefined` fields are left alone) in one
   * transaction and fires {@link onDidChange} if the effective settings changed.
   * @returns the settings after the change
   * @throws TypeError on an invalid value or unknown key (nothing is written)
   */
  update(patch: Partial<Settings>): Settings {
    const changes: [keyof Settings, Settings[keyof Settings]][] = [];
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (!isSettingKey(key)) throw new TypeError(`Unknown setting "${key}"`);
      const parsed = settingSchemas[key].safeParse(value);
      if (!parsed.success) throw new TypeError(`Invalid value for setting "${key}": ${JSON.stringify(value)}`);
      changes.push([key, parsed.data]);
    }
    const before = this.get();
    if (changes.length === 0) return before;
    // Written even when equal to the current value: an explicit choice must
    // survive a later change of the default (e.g. the OS locale).
    this.db.transaction(() => {
      for (const [key, value] of changes) this.upsert.run(key, JSON.stringify(value));
    })();
    const after = this.get();
    if (settingKeys.some((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))) {
      this.didChange.fire(after);
    }
    return after;
  }

  /**
   * Reads an engine-internal value (e.g. when the missed calls were last seen),
   * stored in the same table under {@link INTERNAL_KEY_PREFIX}; undefined when
   * never written or unreadable.
   */
  getInternal(key: string): unknown {
    const row = this.db
      .prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?')
      .get(internalKey(key));
    if (!row) return undefined;
    try {
      return JSON.parse(row.value) as unknown;
    } catch {
      return undefined;
    }
  }

  /** Writes an engine-internal value (JSON); fires no settings event. */
  setInternal(key: string, value: unknown): void {
    this.upsert.run(internalKey(key), JSON.stringify(value));
  }

  /**
   * Puts `server` first in the saved servers (SPEC A1: the login adds the
   * server used), removing an equal entry (case-insensitive) and keeping at
   * most {@link MAX_SERVERS}.
   */
  rememberServer(server: string): Settings {
    const text = server.trim();
    const others = this.get().servers.filter((s) => s.toLowerCase() !== text.toLowerCase());
    return this.update({ servers: [text, ...others].slice(0, MAX_SERVERS) });
  }
}

function internalKey(key: string): string {
  if (!/^[a-z][A-Za-z0-9.-]{0,63}$/.test(key)) throw new TypeError(`Invalid internal key "${key}"`);
  return INTERNAL_KEY_PREFIX + key;
}

function isSettingKey(key: string): key is keyof Settings {
  return Object.hasOwn(settingSchemas, key);
}

function assign<K extends keyof Settings>(settings: Settings, key: K, value: Settings[K]): void {
  settings[key] = value;
}

function parseSettings(value: Settings, what: string): Settings {
  const result = {} as Settings;
  for (const key of settingKeys) {
    const parsed = settingSchemas[key].safeParse(value[key]);
    if (!parsed.success) throw new TypeError(`Invalid ${what} for setting "${key}": ${JSON.stringify(value[key])}`);
    assign(result, key, parsed.data);
  }
  return result;
}
