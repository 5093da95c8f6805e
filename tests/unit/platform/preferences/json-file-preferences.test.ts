import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryPreferences } from '../../../../src-main/core/platform/preferences/device-preferences';
import {
  JsonFilePreferences,
  type PreferencesFs,
} from '../../../../src-main/core/platform/preferences/json-file-preferences';
import { DEVICE_SETTING_KEYS } from '../../../../src-main/core/features/settings/setting-scopes';
import { SettingsStore } from '../../../../src-main/core/features/settings/settings-store';

let dir: string;
let file: string;
let logs: string[];
const logger = (level: string, message: string): void => void logs.push(`${level} ${message}`);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sb-prefs-'));
  file = join(dir, 'preferences.json');
  logs = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('JsonFilePreferences', () => {
  it('reads as empty without a file (every device setting at its default) and creates it on the first write', () => {
    const prefs = new JsonFilePreferences(join(dir, 'sub', 'preferences.json'), { logger });
    expect(prefs.read()).toEqual({});
    const device = new SettingsStore(prefs, { language: 'fr' }, DEVICE_SETTING_KEYS);
    expect(device.get()).toMatchObject({ language: 'fr', servers: [], autoLogin: false, zoom: 1 });
    device.update({ servers: ['uc.example.com'], zoom: 1.2 });
    expect(JSON.parse(readFileSync(join(dir, 'sub', 'preferences.json'), 'utf8'))).toEqual({
      servers: ['uc.example.com'],
      zoom: 1.2,
    });
    expect(logs).toEqual([]);
  });

  it('keeps values across instances (a restart) and removes a key written as undefined', () => {
    new JsonFilePreferences(file).write({ language: 'fr', mainWindowBounds: { x: 1, y: 2, width: 3, height: 4 } });
    const again = new JsonFilePreferences(file);
    expect(again.read()).toEqual({ language: 'fr', mainWindowBounds: { x: 1, y: 2, width: 3, height: 4 } });
    again.write({ language: undefined });
    expect(new JsonFilePreferences(file).read()).toEqual({ mainWindowBounds: { x: 1, y: 2, width: 3, height: 4 } });
  });

  it('hands out copies: changing what read() returned changes nothing stored', () => {
    const prefs = new JsonFilePreferences(file);
    prefs.write({ servers: ['a'] });
    (prefs.read().servers as string[]).push('b');
    expect(prefs.read()).toEqual({ servers: ['a'] });
  });

  it.each([
    ['truncated JSON', '{"language": "fr", "serv'],
    ['not an object', '["fr"]'],
    ['null', 'null'],
    ['binary garbage', '\u0000\u0001\u0002'],
  ])('a corrupt file (%s) reads as defaults with a log line, is moved aside, and never throws', (_what, text) => {
    writeFileSync(file, text);
    const prefs = new JsonFilePreferences(file, { logger, now: () => 1234 });
    expect(prefs.read()).toEqual({});
    expect(logs).toEqual([
      expect.stringMatching(/^warn device preferences .* moved to .*corrupt-1234, using defaults$/),
    ]);
    expect(readFileSync(`${file}.corrupt-1234`, 'utf8')).toBe(text);
    // the next write starts a good file
    prefs.write({ language: 'en' });
    expect(new JsonFilePreferences(file).read()).toEqual({ language: 'en' });
  });

  it('drops keys that would reach the prototype chain', () => {
    writeFileSync(file, '{"__proto__": {"polluted": true}, "language": "fr"}');
    const prefs = new JsonFilePreferences(file);
    expect(prefs.read()).toEqual({ language: 'fr' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('writes atomically: a temp file next to it, fsynced, then renamed over the old one', () => {
    const calls: string[] = [];
    const spy: PreferencesFs = {
      ...fs,
      openSync: (path, flags, mode) => {
        calls.push(`open ${path.slice(dir.length + 1)}`);
        return fs.openSync(path, flags, mode);
      },
      fsyncSync: (fd) => {
        calls.push('fsync');
        fs.fsyncSync(fd);
      },
      renameSync: (from, to) => {
        calls.push(`rename ${from.slice(dir.length + 1)} -> ${to.slice(dir.length + 1)}`);
        fs.renameSync(from, to);
      },
    };
    new JsonFilePreferences(file, { fs: spy }).write({ language: 'fr' });
    expect(calls).toEqual([
      expect.stringMatching(/^open preferences\.json\.\d+\.1\.tmp$/),
      'fsync',
      expect.stringMatching(/^rename preferences\.json\.\d+\.1\.tmp -> preferences\.json$/),
    ]);
    expect(readdirSync(dir)).toEqual(['preferences.json']);
  });

  it('a write that fails half-way (crash, full disk) leaves the old file whole, logs, and keeps the value for this run', () => {
    new JsonFilePreferences(file).write({ language: 'fr', zoom: 1.5 });
    const before = readFileSync(file, 'utf8');
    const failing: PreferencesFs = {
      ...fs,
      renameSync: () => {
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      },
    };
    const prefs = new JsonFilePreferences(file, { fs: failing, logger });
    expect(() => prefs.write({ language: 'en' })).not.toThrow();
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['preferences.json']); // the temp file is cleaned up
    expect(prefs.read()).toEqual({ language: 'en', zoom: 1.5 });
    expect(logs).toEqual([expect.stringMatching(/^error device preferences not saved .*ENOSPC/)]);
    expect(new JsonFilePreferences(file).read()).toEqual({ language: 'fr', zoom: 1.5 });
  });

  it('an unreadable file (not ENOENT) reads as defaults with a log line', () => {
    const denied: PreferencesFs = {
      ...fs,
      readFileSync: () => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      },
    };
    expect(new JsonFilePreferences(file, { fs: denied, logger }).read()).toEqual({});
    expect(logs).toEqual([expect.stringMatching(/^warn device preferences .* unreadable, using defaults: EACCES/)]);
  });
});

describe('MemoryPreferences', () => {
  it('keeps copies in memory', () => {
    const initial = { servers: ['a'] };
    const prefs = new MemoryPreferences(initial);
    initial.servers.push('b');
    prefs.write({ zoom: 2, servers: undefined });
    expect(prefs.read()).toEqual({ zoom: 2 });
  });
});
