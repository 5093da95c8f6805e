import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../src-preload/contract/ipc-contract';
import { openAccountDatabase } from '../../../src-main/core/app/client-migrations';
import { SettingsStore, SqliteSettingsSource } from '../../../src-main/core/features/settings/settings-store';

const base = {
  servers: [],
  autoLogin: false,
  launchAtStartup: false,
  dialHotkey: null,
  telephonyLinksDefault: false,
  headsets: { hid: false, jabra: false, poly: false },
  popupVisibility: 'always',
  dateFormat: 'locale',
  startMinimized: false,
  view: 'list',
  zoom: 1,
  pinOnTop: false,
  audio: { microphoneId: null, speakerId: null, ringingId: null },
  voip: true,
  keypadPosition: null,
};

let db: Database;
beforeEach(() => {
  db = openAccountDatabase(':memory:');
});
afterEach(() => db.close());

describe('SettingsStore', () => {
  it('stores the preferred audio devices and reads a broken value as the default (SPEC F4)', () => {
    const store = new SettingsStore(new SqliteSettingsSource(db), { language: 'en' });
    const audio = { microphoneId: 'mic-1', speakerId: null, ringingId: 'ring-1' };
    expect(store.update({ audio }).audio).toEqual(audio);
    expect(new SettingsStore(new SqliteSettingsSource(db), { language: 'en' }).get().audio).toEqual(audio);
    expect(() => store.update({ audio: { ...audio, speakerId: '' } })).toThrow(TypeError);
    db.prepare("UPDATE settings SET value = '{\"microphoneId\":1}' WHERE key = 'audio'").run();
    expect(store.get().audio).toEqual(base.audio);
  });

  it('stores where the keypad was moved (SPEC F3), refuses an impossible spot, null puts it back', () => {
    const store = new SettingsStore(new SqliteSettingsSource(db), { language: 'en' });
    expect(store.get().keypadPosition).toBeNull();
    expect(store.update({ keypadPosition: { x: 120, y: 48 } }).keypadPosition).toEqual({ x: 120, y: 48 });
    expect(new SettingsStore(new SqliteSettingsSource(db), {}).get().keypadPosition).toEqual({ x: 120, y: 48 });
    for (const bad of [{ x: -1, y: 0 }, { x: 1.5, y: 0 }, { x: 0, y: 99_999 }, { x: 0 }, { x: 0, y: 0, z: 1 }]) {
      expect(() => store.update({ keypadPosition: bad as never })).toThrow(/keypadPosition/);
    }
    expect(store.get().keypadPosition).toEqual({ x: 120, y: 48 });
    db.prepare(`UPDATE settings SET value = '{"x":"a","y":1}' WHERE key = 'keypadPosition'`).run();
    expect(store.get().keypadPosition).toBeNull();
    expect(store.update({ keypadPosition: { x: 5, y: 6 } }).keypadPosition).toEqual({ x: 5, y: 6 });
    expect(store.update({ keypadPosition: null }).keypadPosition).toBeNull();
  });

  it('returns the constructor defaults when nothing is stored', () => {
    expect(new SettingsStore(new SqliteSettingsSource(db), { language: 'fr' }).get()).toEqual({
      ...base,
      language: 'fr',
    });
    expect(new SettingsStore(new SqliteSettingsSource(db), { language: 'en' }).get()).toEqual({
      ...base,
      language: 'en',
    });
  });

  it('persists an update and reads it back from another instance', () => {
    const store = new SettingsStore(new SqliteSettingsSource(db), { language: 'en' });
    expect(store.update({ language: 'fr' })).toEqual({ ...base, language: 'fr' });
    expect(new SettingsStore(new SqliteSettingsSource(db), { language: 'en' }).get()).toEqual({
      ...base,
      language: 'fr',
    });
    expect(db.prepare("SELECT value FROM settings WHERE key = 'language'").pluck().get()).toBe('"fr"');
  });

  it('fires onDidChange only when a value actually changes', () => {
    const store = new SettingsStore(new SqliteSettingsSource(db), { language: 'en' });
    const seen: Settings[] = [];
    const off = store.onDidChange((s) => seen.push(s));
    store.update({ language: 'en' }); // same as default: no change
    store.update({});
    store.update({ language: undefined });
    store.update({ language: 'fr' });
    store.update({ language: 'fr' });
    expect(seen).toEqual([{ ...base, language: 'fr' }]);
    off();
    store.update({ language: 'en' });
    expect(seen).toHaveLength(1);
  });

  it('stores an explicit choice equal to the default, so a later default change does not override it', () => {
    new SettingsStore(new SqliteSettingsSource(db), { language: 'en' }).update({ language: 'en' });
    expect(new SettingsStore(new SqliteSettingsSource(db), { language: 'fr' }).get()).toEqual({
      ...base,
      language: 'en',
    });
  });

  it('rejects invalid values and unknown keys without writing', () => {
    const store = new SettingsStore(new SqliteSettingsSource(db), { language: 'en' });
    expect(() => store.update({ language: 'de' as Settings['language'] })).toThrow(
      /Invalid value for setting "language"/,
    );
    expect(() => store.update({ theme: 'dark' } as Partial<Settings>)).toThrow(/Unknown setting "theme"/);
    expect(db.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(0);
  });

  it('rejects invalid defaults', () => {
    expect(() => new SettingsStore(new SqliteSettingsSource(db), { language: 'xx' as Settings['language'] })).toThrow(
      /defaults/,
    );
  });

  it('falls back to the default for a corrupted stored value, and keeps unknown keys', () => {
    const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    insert.run('language', '"klingon"');
    insert.run('future-setting', '{"a":1}');
    const store = new SettingsStore(new SqliteSettingsSource(db), { language: 'fr' });
    expect(store.get()).toEqual({ ...base, language: 'fr' });
    store.update({ language: 'en' });
    expect(store.get()).toEqual({ ...base, language: 'en' });
    expect(db.prepare("SELECT value FROM settings WHERE key = 'future-setting'").pluck().get()).toBe('{"a":1}');
  });

  it('stores servers (at most 4), auto-login and launch at startup, and fires on array changes', () => {
    const store = new SettingsStore(new SqliteSettingsSource(db), { language: 'en' });
    const seen: Settings[] = [];
    store.onDidChange((s) => seen.push(s));
    store.update({ servers: ['uc.example.com', '10.0.0.1:9000'], autoLogin: true, launchAtStartup: true });
    store.update({ servers: ['uc.example.com', '10.0.0.1:9000'] });
    expect(seen).toHaveLength(1);
    expect(new SettingsStore(new SqliteSettingsSource(db), { language: 'en' }).get()).toEqual({
      ...base,
      language: 'en',
      servers: ['uc.example.com', '10.0.0.1:9000'],
      autoLogin: true,
      launchAtStartup: true,
    });
    expect(() => store.update({ servers: ['a', 'b', 'c', 'd', 'e'] })).toThrow(/servers/);
    expect(() => store.update({ autoLogin: 'yes' as unknown as boolean })).toThrow(/autoLogin/);
  });

  it('a stored servers value that is not a list reads as the default', () => {
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('servers', '"oops"');
    expect(new SettingsStore(new SqliteSettingsSource(db), { language: 'en' }).get().servers).toEqual([]);
  });
});

describe('SettingsStore: desktop-integration settings and internal values', () => {
  it('has the issue-4 defaults and validates each field', () => {
    const store = new SettingsStore(new SqliteSettingsSource(db), { language: 'en' });
    expect(store.get()).toMatchObject({
      dialHotkey: null,
      telephonyLinksDefault: false,
      headsets: { hid: false, jabra: false, poly: false },
      popupVisibility: 'always',
      dateFormat: 'locale',
      startMinimized: false,
      view: 'list',
      zoom: 1,
      pinOnTop: false,
    });
    store.update({ dialHotkey: 'F9', headsets: { hid: true, jabra: false, poly: true }, zoom: 1.3, view: 'menu' });
    expect(new SettingsStore(new SqliteSettingsSource(db), {}).get()).toMatchObject({
      dialHotkey: 'F9',
      headsets: { hid: true, jabra: false, poly: true },
      zoom: 1.3,
      view: 'menu',
    });
    expect(() => store.update({ zoom: 2.5 })).toThrow(/zoom/);
    expect(() => store.update({ headsets: { hid: true } as never })).toThrow(/headsets/);
    expect(() => store.update({ popupVisibility: 'sometimes' as never })).toThrow(/popupVisibility/);
  });

  it('a returned headsets object is a copy (changing it changes nothing stored)', () => {
    const store = new SettingsStore(new SqliteSettingsSource(db), {});
    store.get().headsets.hid = true;
    expect(store.get().headsets.hid).toBe(false);
  });

  it('internal values live beside the settings, never in get(), and fire no event', () => {
    const store = new SettingsStore(new SqliteSettingsSource(db), {});
    let events = 0;
    store.onDidChange(() => events++);
    expect(store.getInternal('missedCallsSeenAt')).toBeUndefined();
    store.setInternal('missedCallsSeenAt', 1234);
    expect(new SettingsStore(new SqliteSettingsSource(db), {}).getInternal('missedCallsSeenAt')).toBe(1234);
    expect(Object.keys(store.get())).not.toContain('internal.missedCallsSeenAt');
    expect(events).toBe(0);
    expect(() => store.setInternal('../x', 1)).toThrow(/internal key/);
    expect(() => store.setInternal('', 1)).toThrow(/internal key/);
  });
});
