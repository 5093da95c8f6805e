import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ACCOUNTS_DIR,
  AccountDatabases,
  accountDatabaseFileName,
  accountKey,
} from '../../../../src-main/core/platform/db/account-databases';
import {
  LEGACY_DATABASE_FILE,
  LEGACY_SETTINGS_IMPORTED_KEY,
} from '../../../../src-main/core/platform/db/legacy-database';
import { importLegacyDeviceSettings } from '../../../../src-main/core/features/settings';
import { allMigrations, openAccountDatabase } from '../../../../src-main/core/app/client-migrations';
import { parseServerAddress } from '../../../../src-main/core/platform/uc/server-address';
import { JournalStore } from '../../../../src-main/core/features/calls/journal/journal-store';
import { MemoryPreferences } from '../../../../src-main/core/platform/preferences/device-preferences';
import { DEVICE_SETTING_KEYS } from '../../../../src-main/core/features/settings/setting-scopes';
import { SettingsStore } from '../../../../src-main/core/features/settings/settings-store';

const ORIGIN = 'https://127.0.0.1:8802';
const bruno = { origin: ORIGIN, user: '101' };
const david = { origin: ORIGIN, user: '103' };

let dir: string;
let logs: string[];
const logger = (level: string, message: string): void => void logs.push(`${level} ${message}`);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sb-accounts-'));
  logs = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function journalOf(db: ReturnType<typeof openAccountDatabase>): string[] {
  return new JournalStore(db).list(100).map((e) => e.peer);
}

function recordCall(db: ReturnType<typeof openAccountDatabase>, peer: string): void {
  new JournalStore(db).record({
    callId: `c-${peer}`,
    direction: 'incoming',
    peer,
    startedAt: 1,
    endedAt: 2,
    result: 'missed',
    reason: 'cancelled',
  });
}

/** A database of the old layout whose directory sync last ran for `owner`. */
function writeLegacy(owner: string | undefined, settings: Record<string, unknown> = {}, peers: string[] = []): string {
  const path = join(dir, LEGACY_DATABASE_FILE);
  const db = openAccountDatabase(path);
  if (owner !== undefined) {
    db.prepare("INSERT INTO sync_state (key, value) VALUES ('account', ?)").run(JSON.stringify(owner));
  }
  for (const [key, value] of Object.entries(settings)) {
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(key, JSON.stringify(value));
  }
  for (const peer of peers) recordCall(db, peer);
  db.close();
  return path;
}

describe('per-account database selection', () => {
  it('one file per server + account under accounts/, a hash that is a safe file name and names nobody', () => {
    const dbs = new AccountDatabases({ dataDir: dir, migrations: allMigrations });
    const path = dbs.pathOf(bruno);
    expect(path).toBe(join(dir, ACCOUNTS_DIR, accountDatabaseFileName(ORIGIN, '101')));
    expect(accountDatabaseFileName(ORIGIN, '101')).toMatch(/^[0-9a-f]{32}\.sqlite$/);
    expect(path).not.toContain('101');
    expect(dbs.pathOf(david)).not.toBe(path);
    expect(dbs.pathOf({ origin: 'https://uc.example.com:8802', user: '101' })).not.toBe(path);
    // the key is the normalized origin: however the user typed the server, the same file
    for (const typed of ['127.0.0.1', '127.0.0.1:8802', 'https://127.0.0.1:8802/', 'HTTPS://127.0.0.1:8802']) {
      const parsed = parseServerAddress(typed);
      expect(parsed.ok && dbs.pathOf({ origin: parsed.origin, user: '101' })).toBe(path);
    }
    expect(accountKey(ORIGIN, '101')).toBe('https://127.0.0.1:8802|101');
  });

  it("opens each account's own file: B never reads A's data, A gets it back after a close (logout)", () => {
    const dbs = new AccountDatabases({ dataDir: dir, migrations: allMigrations });
    const a = dbs.open(bruno);
    recordCall(a, '100');
    dbs.close(a);
    expect(a.open).toBe(false);
    const b = dbs.open(david);
    expect(journalOf(b)).toEqual([]);
    dbs.close(b);
    const again = new AccountDatabases({ dataDir: dir, migrations: allMigrations }).open(bruno); // a restart too
    expect(journalOf(again)).toEqual(['100']);
    again.close();
    expect(readdirSync(join(dir, ACCOUNTS_DIR)).filter((f) => f.endsWith('.sqlite'))).toHaveLength(2);
  });

  it("':memory:' gives each account its own in-memory database, kept for a returning user until dispose", () => {
    const dbs = new AccountDatabases({ dataDir: ':memory:', migrations: allMigrations });
    const a = dbs.open(bruno);
    recordCall(a, '100');
    dbs.close(a);
    expect(journalOf(dbs.open(david))).toEqual([]);
    expect(dbs.open(bruno)).toBe(a);
    expect(journalOf(a)).toEqual(['100']);
    dbs.dispose();
    expect(a.open).toBe(false);
  });

  it('a damaged file is left untouched and the session runs in memory, with an error in the log', () => {
    const dbs = new AccountDatabases({ dataDir: dir, logger, migrations: allMigrations });
    const path = dbs.pathOf(bruno);
    mkdirSync(join(dir, ACCOUNTS_DIR), { recursive: true });
    writeFileSync(path, 'this is not a database, but it is the user’s file');
    const db = dbs.open(bruno);
    expect(db.memory).toBe(true);
    recordCall(db, '100');
    expect(readFileSync(path, 'utf8')).toBe('this is not a database, but it is the user’s file');
    expect(logs).toEqual([expect.stringMatching(/^error the local data of this account cannot be opened/)]);
    dbs.dispose();
  });
});

describe('the old single database (before per-account files)', () => {
  it('goes to the account it records as its owner, moved with its history, the first time that account logs in', () => {
    writeLegacy(accountKey(ORIGIN, '101'), { popupVisibility: 'never' }, ['100', '102']);
    const dbs = new AccountDatabases({ dataDir: dir, logger, migrations: allMigrations });
    const db = dbs.open(bruno);
    expect(journalOf(db)).toEqual(['102', '100']);
    expect(existsSync(join(dir, LEGACY_DATABASE_FILE))).toBe(false);
    expect(existsSync(dbs.pathOf(bruno))).toBe(true);
    expect(logs).toEqual([expect.stringMatching(/^info the old switchboard\.sqlite now holds this account's data/)]);
    dbs.close(db);
  });

  it('never to another account: David gets an empty database and the old file waits for its owner', () => {
    writeLegacy(accountKey(ORIGIN, '101'), {}, ['100']);
    const dbs = new AccountDatabases({ dataDir: dir, logger, migrations: allMigrations });
    const db = dbs.open(david);
    expect(journalOf(db)).toEqual([]);
    dbs.close(db);
    expect(existsSync(join(dir, LEGACY_DATABASE_FILE))).toBe(true);
    expect(logs).toContain('info the old switchboard.sqlite belongs to another account: left for it');
    // nor to the same number on another server
    const other = dbs.open({ origin: 'http://10.0.0.1:8802', user: '101' });
    expect(journalOf(other)).toEqual([]);
    dbs.close(other);
    expect(journalOf(dbs.open(bruno))).toEqual(['100']);
  });

  it('matches the owner as it was typed at login (an alias of the server account number)', () => {
    writeLegacy(accountKey(ORIGIN, 'bruno'), {}, ['100']);
    const dbs = new AccountDatabases({ dataDir: dir, migrations: allMigrations });
    expect(journalOf(dbs.open({ ...bruno, aliases: ['bruno'] }))).toEqual(['100']);
    dbs.dispose();
  });

  it('without a recorded owner it goes to nobody', () => {
    writeLegacy(undefined, {}, ['100']);
    const dbs = new AccountDatabases({ dataDir: dir, migrations: allMigrations });
    expect(journalOf(dbs.open(bruno))).toEqual([]);
    expect(existsSync(join(dir, LEGACY_DATABASE_FILE))).toBe(true);
    dbs.dispose();
  });

  it('when the account already has its own file, the old one is left alone', () => {
    const dbs = new AccountDatabases({ dataDir: dir, migrations: allMigrations });
    const own = dbs.open(bruno);
    recordCall(own, '105');
    dbs.close(own);
    writeLegacy(accountKey(ORIGIN, '101'), {}, ['100']);
    expect(journalOf(dbs.open(bruno))).toEqual(['105']);
    expect(existsSync(join(dir, LEGACY_DATABASE_FILE))).toBe(true);
    dbs.dispose();
  });

  it('gives its device settings to the device preferences once, before any login; per-user ones stay in it', () => {
    writeLegacy(accountKey(ORIGIN, '101'), {
      language: 'fr',
      servers: ['uc.example.com'],
      autoLogin: true,
      zoom: 1.3,
      popupVisibility: 'never',
      dialHotkey: 'F9',
      view: 'not-a-view',
      'internal.missedCallsSeenAt': 42,
    });
    const prefs = new MemoryPreferences({ zoom: 0.8 }); // already chosen on this device: kept
    const device = new SettingsStore(prefs, { language: 'en' }, DEVICE_SETTING_KEYS);
    importLegacyDeviceSettings(dir, device, openAccountDatabase, logger);
    expect(prefs.read()).toEqual({
      zoom: 0.8,
      language: 'fr',
      servers: ['uc.example.com'],
      autoLogin: true,
      [`internal.${LEGACY_SETTINGS_IMPORTED_KEY}`]: true,
    });
    expect(logs).toContain('info old setting view not imported: invalid value');
    // once: a later change is not overwritten by the old file at the next start
    device.update({ language: 'en' });
    importLegacyDeviceSettings(dir, device, openAccountDatabase, logger);
    expect(device.get().language).toBe('en');
    // the per-user settings and the mark are still in the old file, for its owner
    const db = new AccountDatabases({ dataDir: dir, migrations: allMigrations }).open(bruno);
    expect(db.prepare("SELECT value FROM settings WHERE key = 'popupVisibility'").pluck().get()).toBe('"never"');
    db.close();
  });

  it('an unreadable old file imports nothing, is left as it is, and is tried again at the next start', () => {
    writeFileSync(join(dir, LEGACY_DATABASE_FILE), 'garbage');
    const prefs = new MemoryPreferences();
    const device = new SettingsStore(prefs, {}, DEVICE_SETTING_KEYS);
    importLegacyDeviceSettings(dir, device, openAccountDatabase, logger);
    expect(prefs.read()).toEqual({});
    expect(readFileSync(join(dir, LEGACY_DATABASE_FILE), 'utf8')).toBe('garbage');
    expect(logs).toEqual([expect.stringMatching(/^warn the old switchboard\.sqlite cannot be read/)]);
  });

  it('a new install marks the import done without looking again', () => {
    const prefs = new MemoryPreferences();
    importLegacyDeviceSettings(dir, new SettingsStore(prefs, {}, DEVICE_SETTING_KEYS), openAccountDatabase, logger);
    expect(prefs.read()).toEqual({ [`internal.${LEGACY_SETTINGS_IMPORTED_KEY}`]: true });
  });
});
