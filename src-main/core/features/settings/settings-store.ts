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
} from '../../../../src-preload/contract/ipc-contract';
import { keypadPositionSchema } from '../../../../src-preload/contract/settings';
import { TypedEmitter, type Event } from '../../platform/typed-emitter';

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
  voip: z.boolean(),
  keypadPosition: keypadPositionSchema.nullable(),
};

/** Prefix of the engine's own values kept beside the settings (not user settings, not in `Settings`). */
export const INTERNAL_KEY_PREFIX = 'internal.';
const allSettingKeys = Object.keys(settingSchemas) as (keyof Settings)[];

/**
 * Where a {@link SettingsStore} keeps its values: plain JSON by key. The
 * device preferences (`DevicePreferences`, electron-store / a JSON file) and
 * a user's database ({@link SqliteSettingsSource}) both are one.
 */
export interface SettingsSource {
  /** every stored value by key (a copy) */
  read(): Record<string, unknown>;
  /** stores these keys in one write; `undefined` removes a key */
  write(values: Record<string, unknown>): void;
}

/**
 * The `settings` key/value table of a user's database (migration 0002): one
 * row per key, the value as JSON text. Rows that are not JSON are skipped.
 */
export class SqliteSettingsSource implements SettingsSource {
  private readonly selectAll: Statement<[], { key: string; value: string }>;
  private readonly upsert: Statement<[string, string]>;
  private readonly remove: Statement<[string]>;

  /** @param db an open database migrated to at least version 2 */
  constructor(private readonly db: Database) {
    this.selectAll = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
    this.upsert = db.prepare<[string, string]>(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.remove = db.prepare<[string]>('DELETE FROM settings WHERE key = ?');
  }

  read(): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const row of this.selectAll.all()) {
      try {
        values[row.key] = JSON.parse(row.value) as unknown;
      } catch {
        // a hand-edited or damaged row: as if absent (the setting reads as its default)
      }
    }
    return values;
  }

  write(values: Record<string, unknown>): void {
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(values)) {
        if (value === undefined) this.remove.run(key);
        else this.upsert.run(key, JSON.stringify(value));
      }
    })();
  }
}

/**
 * Validated settings over a {@link SettingsSource}, restricted to `keys` (the
 * device's or the user's, see `setting-scopes.ts`; all of them by default).
 * Only settings the user has set are stored: a key with no value reads as
 * its default, so a different default (e.g. a new OS locale) applies to users
 * who never touched that setting.
 *
 * A stored value that does not validate (hand-edited file, older/newer build)
 * reads as the default; it is left in place until the next `update` of that
 * key overwrites it. Keys outside `keys` are kept and ignored.
 */
export class SettingsStore<K extends keyof Settings = keyof Settings> {
  private readonly didChange = new TypedEmitter<Pick<Settings, K>>();
  /** Fires with the new settings after an {@link update} that changed something. */
  readonly onDidChange: Event<Pick<Settings, K>> = this.didChange.event;

  private readonly keys: readonly K[];
  private readonly defaults: Pick<Settings, K>;

  /**
   * @param defaults values used for settings never set, e.g. `{ language: 'fr' }` from the OS locale
   *   (the others come from {@link DEFAULT_SETTINGS})
   * @param keys the settings this store holds (default: every one)
   * @throws TypeError if `defaults` holds an invalid value
   */
  constructor(
    private readonly source: SettingsSource,
    defaults: Partial<Settings>,
    keys?: readonly K[],
  ) {
    this.keys = keys ?? (allSettingKeys as K[]);
    this.defaults = parseSettings({ ...DEFAULT_SETTINGS, ...defaults }, this.keys, 'defaults');
  }

  /** The current settings (stored values over defaults). */
  get(): Pick<Settings, K> {
    const settings = structuredClone(this.defaults);
    const stored = this.source.read();
    for (const key of this.keys) {
      if (!Object.hasOwn(stored, key)) continue;
      const parsed = schemaOf(key).safeParse(stored[key]);
      if (parsed.success) assign(settings, key, parsed.data);
    }
    return settings;
  }

  /** Whether a value is stored for `key` (valid or not): the user or an import chose it. */
  isSet(key: K): boolean {
    return Object.hasOwn(this.source.read(), key);
  }

  /**
   * Checks a patch without writing: the valid values to store.
   * @throws TypeError on an invalid value or a key this store does not hold
   */
  validate(patch: Partial<Pick<Settings, K>>): Partial<Pick<Settings, K>> {
    const clean: Partial<Pick<Settings, K>> = {};
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (!this.holds(key)) throw new TypeError(`Unknown setting "${key}"`);
      const parsed = schemaOf(key).safeParse(value);
      if (!parsed.success) throw new TypeError(`Invalid value for setting "${key}": ${JSON.stringify(value)}`);
      assign(clean as Pick<Settings, K>, key, parsed.data);
    }
    return clean;
  }

  /**
   * Stores the given settings (`undefined` fields are left alone) in one
   * write and fires {@link onDidChange} if the effective settings changed.
   * @returns the settings after the change
   * @throws TypeError on an invalid value or unknown key (nothing is written)
   */
  update(patch: Partial<Pick<Settings, K>>): Pick<Settings, K> {
    const clean = this.validate(patch);
    const before = this.get();
    if (Object.keys(clean).length === 0) return before;
    // Written even when equal to the current value: an explicit choice must
    // survive a later change of the default (e.g. the OS locale).
    this.source.write(clean);
    const after = this.get();
    if (this.keys.some((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))) {
      this.didChange.fire(after);
    }
    return after;
  }

  /**
   * Reads an engine-internal value (e.g. when the missed calls were last seen),
   * stored in the same source under {@link INTERNAL_KEY_PREFIX}; undefined when
   * never written.
   */
  getInternal(key: string): unknown {
    return this.source.read()[internalKey(key)];
  }

  /** Writes an engine-internal value (JSON); fires no settings event. */
  setInternal(key: string, value: unknown): void {
    this.source.write({ [internalKey(key)]: value });
  }

  private holds(key: string): key is K {
    return Object.hasOwn(settingSchemas, key) && (this.keys as readonly string[]).includes(key);
  }
}

/** The schema of one setting, typed by its key (indexing the map with a generic key widens to the union). */
function schemaOf<K extends keyof Settings>(key: K): z.ZodType<Settings[K]> {
  return settingSchemas[key] as z.ZodType<Settings[K]>;
}

function internalKey(key: string): string {
  if (!/^[a-z][A-Za-z0-9.-]{0,63}$/.test(key)) throw new TypeError(`Invalid internal key "${key}"`);
  return INTERNAL_KEY_PREFIX + key;
}

function assign<K extends keyof Settings>(settings: Pick<Settings, K>, key: K, value: Settings[K]): void {
  settings[key] = value;
}

function parseSettings<K extends keyof Settings>(value: Settings, keys: readonly K[], what: string): Pick<Settings, K> {
  const result = {} as Pick<Settings, K>;
  for (const key of keys) {
    const parsed = schemaOf(key).safeParse(value[key]);
    if (!parsed.success) throw new TypeError(`Invalid ${what} for setting "${key}": ${JSON.stringify(value[key])}`);
    assign(result, key, parsed.data);
  }
  return result;
}
