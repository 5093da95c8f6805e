import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../src-preload/contract/ipc-contract';
import { openDatabase } from '../../../src-main/core/db/open-database';
import { SettingsStore } from '../../../src-main/core/settings/settings-store';

const base = { servers: [], autoLogin: false, launchAtStartup: false };

let db: Database;
beforeEach(() => {
  db = openDatabase(':memory:');
});
afterEach(() => db.close());

describe('SettingsStore', () => {
  it('returns the constructor defaults when nothing is stored', () => {
    expect(new SettingsStore(db, { language: 'fr' }).get()).toEqual({ ...base, language: 'fr' });
    expect(new SettingsStore(db, { language: 'en' }).get()).toEqual({ ...base, language: 'en' });
  });

  it('persists an update and reads it back from another instance', () => {
    const store = new SettingsStore(db, { language: 'en' });
    expect(store.update({ language: 'fr' })).toEqual({ ...base, language: 'fr' });
    expect(new SettingsStore(db, { language: 'en' }).get()).toEqual({ ...base, language: 'fr' });
    expect(db.prepare("SELECT value FROM settings WHERE key = 'language'").pluck().get()).toBe('"fr"');
  });

  it('fires onDidChange only when a value actually changes', () => {
    const store = new SettingsStore(db, { language: 'en' });
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
    new SettingsStore(db, { language: 'en' }).update({ language: 'en' });
    expect(new SettingsStore(db, { language: 'fr' }).get()).toEqual({ ...base, language: 'en' });
  });

  it('rejects invalid values and unknown keys without writing', () => {
    const store = new SettingsStore(db, { language: 'en' });
    expect(() => store.update({ language: 'de' as Settings['language'] })).toThrow(
      /Invalid value for setting "language"/,
    );
    expect(() => store.update({ theme: 'dark' } as Partial<Settings>)).toThrow(/Unknown setting "theme"/);
    expect(db.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(0);
  });

  it('rejects invalid defaults', () => {
    expect(() => new SettingsStore(db, { language: 'xx' as Settings['language'] })).toThrow(/defaults/);
  });

  it('falls back to the default for a corrupted stored value, and keeps unknown keys', () => {
    const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    insert.run('language', '"klingon"');
    insert.run('future-setting', '{"a":1}');
    const store = new SettingsStore(db, { language: 'fr' });
    expect(store.get()).toEqual({ ...base, language: 'fr' });
    store.update({ language: 'en' });
    expect(store.get()).toEqual({ ...base, language: 'en' });
    expect(db.prepare("SELECT value FROM settings WHERE key = 'future-setting'").pluck().get()).toBe('{"a":1}');
  });

  it('stores servers (at most 4), auto-login and launch at startup, and fires on array changes', () => {
    const store = new SettingsStore(db, { language: 'en' });
    const seen: Settings[] = [];
    store.onDidChange((s) => seen.push(s));
    store.update({ servers: ['uc.example.com', '10.0.0.1:9000'], autoLogin: true, launchAtStartup: true });
    store.update({ servers: ['uc.example.com', '10.0.0.1:9000'] });
    expect(seen).toHaveLength(1);
    expect(new SettingsStore(db, { language: 'en' }).get()).toEqual({
      language: 'en',
      servers: ['uc.example.com', '10.0.0.1:9000'],
      autoLogin: true,
      launchAtStartup: true,
    });
    expect(() => store.update({ servers: ['a', 'b', 'c', 'd', 'e'] })).toThrow(/servers/);
    expect(() => store.update({ autoLogin: 'yes' as unknown as boolean })).toThrow(/autoLogin/);
  });

  it('rememberServer puts the server first, dedupes case-insensitively, keeps 4', () => {
    const store = new SettingsStore(db, { language: 'en' });
    for (const s of ['a.test', 'b.test', 'c.test', 'd.test']) store.rememberServer(s);
    expect(store.get().servers).toEqual(['d.test', 'c.test', 'b.test', 'a.test']);
    store.rememberServer(' B.TEST ');
    expect(store.get().servers).toEqual(['B.TEST', 'd.test', 'c.test', 'a.test']);
    store.rememberServer('e.test');
    expect(store.get().servers).toEqual(['e.test', 'B.TEST', 'd.test', 'c.test']);
  });

  it('a stored servers value that is not a list reads as the default', () => {
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('servers', '"oops"');
    expect(new SettingsStore(db, { language: 'en' }).get().servers).toEqual([]);
  });
});
