/**
 * The device preferences on electron-store, checked on `conf` — electron-store's
 * Node core, the same file handling (electron-store itself imports electron,
 * so it cannot load in plain Node; desktop-shell.ts builds it with the same options).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEVICE_SETTING_KEYS } from '../../../src-main/core/features/settings/setting-scopes';
import { SettingsStore } from '../../../src-main/core/features/settings/settings-store';
import { openElectronStorePreferences, type ConfStoreLike } from '../../../src-main/shell/electron-store-preferences';

let dir: string;
let file: string;
let logs: string[];
const logger = (level: string, message: string): void => void logs.push(`${level} ${message}`);

/** What desktop-shell.ts passes to electron-store, on conf. */
const create = (): ConfStoreLike =>
  new Conf<Record<string, unknown>>({
    cwd: dir,
    configName: 'preferences',
    accessPropertiesByDotNotation: false,
    clearInvalidConfig: false,
  });
const open = () => openElectronStorePreferences({ create, filePath: file, logger, now: () => 77 });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sb-estore-'));
  file = join(dir, 'preferences.json');
  logs = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openElectronStorePreferences (electron-store / conf)', () => {
  it('starts empty (every device setting at its default) and keeps values in preferences.json across restarts', () => {
    const prefs = open();
    expect(prefs.read()).toEqual({});
    const device = new SettingsStore(prefs, { language: 'fr' }, DEVICE_SETTING_KEYS);
    expect(device.get()).toMatchObject({ language: 'fr', servers: [], launchAtStartup: false });
    device.update({ servers: ['uc.example.com'], launchAtStartup: true });
    device.setInternal('legacySettingsImported', true);
    // dotted keys stay flat names (accessPropertiesByDotNotation: false)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      servers: ['uc.example.com'],
      launchAtStartup: true,
      'internal.legacySettingsImported': true,
    });
    const again = new SettingsStore(open(), { language: 'fr' }, DEVICE_SETTING_KEYS);
    expect(again.get()).toMatchObject({ servers: ['uc.example.com'], launchAtStartup: true });
    expect(again.getInternal('legacySettingsImported')).toBe(true);
    expect(logs).toEqual([]);
  });

  it('removes a key written as undefined', () => {
    open().write({ zoom: 1.5, view: 'menu' });
    open().write({ zoom: undefined });
    expect(open().read()).toEqual({ view: 'menu' });
  });

  it('a corrupt file reads as defaults with a log line, is moved aside, and the store works again', () => {
    writeFileSync(file, '{"servers": ["uc.exa');
    const prefs = open();
    expect(prefs.read()).toEqual({});
    expect(logs).toEqual([
      expect.stringMatching(/^warn device preferences .* were corrupt .*moved to .*corrupt-77, using defaults$/),
    ]);
    expect(readFileSync(`${file}.corrupt-77`, 'utf8')).toBe('{"servers": ["uc.exa');
    prefs.write({ language: 'en' });
    expect(open().read()).toEqual({ language: 'en' });
  });

  it('a file damaged while running does not make a write throw: the whole object is written again', () => {
    const prefs = open();
    prefs.write({ language: 'fr' });
    writeFileSync(file, 'garbage');
    expect(() => prefs.write({ zoom: 1.2 })).not.toThrow();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ language: 'fr', zoom: 1.2 });
  });

  it('a write that fails is logged and kept for this run; the file on disk stays whole', () => {
    const prefs = open();
    prefs.write({ language: 'fr' });
    const failing: ConfStoreLike = {
      path: file,
      get store() {
        return { language: 'fr' };
      },
      set store(_value) {
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      },
    };
    const broken = openElectronStorePreferences({ create: () => failing, filePath: file, logger });
    expect(() => broken.write({ language: 'en' })).not.toThrow();
    expect(broken.read()).toEqual({ language: 'en' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ language: 'fr' });
    expect(logs).toEqual([expect.stringMatching(/^error device preferences not saved .*ENOSPC/)]);
  });

  it('a store that cannot be opened at all falls back to memory for this run, with an error in the log', () => {
    const prefs = openElectronStorePreferences({
      create: () => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      },
      filePath: file,
      logger,
    });
    prefs.write({ language: 'fr' });
    expect(prefs.read()).toEqual({ language: 'fr' });
    expect(logs).toEqual([expect.stringMatching(/^error device preferences unavailable, kept in memory .*EACCES/)]);
  });

  it('conf writes atomically: no temp file is left next to the preferences', () => {
    const prefs = open();
    for (let i = 0; i < 5; i++) prefs.write({ zoom: 1 + i / 10 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ zoom: 1.4 });
    expect(readdirSync(dir)).toEqual(['preferences.json']);
  });
});
