/**
 * electron-builder.yml: parsed with js-yaml (already in node_modules through
 * electron-builder) and validated against electron-builder's own schema.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_USER_MODEL_ID } from '../../../src-main/shell/app-identity';

const require = createRequire(import.meta.url);
const repo = path.resolve(import.meta.dirname, '../../..');
const yaml = require('js-yaml') as { load(text: string): unknown };

/** The parts of the configuration this test reads. */
interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { output: string };
  files: string[];
  npmRebuild: boolean;
  asarUnpack: string[];
  protocols: Array<{ name: string; schemes: string[] }>;
  win: { target: string[]; icon: string };
  nsis: Record<string, unknown>;
  mac: {
    target: string[];
    icon: string;
    hardenedRuntime: boolean;
    entitlements: string;
    extendInfo: Record<string, string>;
  };
  linux: { target: string[]; category: string; icon: string; executableArgs: string[] };
}

const config = yaml.load(readFileSync(path.join(repo, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it('names the app and packs the electron-vite output', () => {
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    // Windows notifications need the same AppUserModelID at run time
    expect(config.appId).toBe(APP_USER_MODEL_ID);
    expect(config.productName).toBe('Switchboard');
    expect(config.directories.output).toBe('release');
    expect(config.files).toContain('out/**');
    expect(config.npmRebuild).toBe(true);
  });

  it('unpacks native modules from the asar', () => {
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/better-sqlite3/**', '**/*.node']));
  });

  it('unpacks the headset native parts (node-hid addon, Jabra device connector)', () => {
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining([
        'node_modules/node-hid/**/*.node',
        'node_modules/@gnaudio/jabra-js/jabra-device-connector/**',
      ]),
    );
  });

  it('Linux .desktop: MimeType for the three schemes and the URL only after "--" (CVE-2018-1000006)', async () => {
    expect(config.linux.executableArgs).toEqual(['--', '%u']);
    // The real electron-builder code that writes the .desktop file, on a minimal packager.
    const { LinuxTargetHelper } = require('app-builder-lib/out/targets/LinuxTargetHelper') as {
      LinuxTargetHelper: new (packager: unknown) => { computeDesktopEntry(options: unknown): Promise<string> };
    };
    const packager = {
      appInfo: { productName: 'Switchboard', sanitizedProductName: 'Switchboard', description: 'UC client' },
      executableName: 'switchboard',
      info: { metadata: { desktopName: 'switchboard.desktop' } },
      config,
      platformSpecificBuildOptions: config.linux,
      fileAssociations: [],
    };
    const entry = await new LinuxTargetHelper(packager).computeDesktopEntry(config.linux);
    const lines = entry.split('\n');
    expect(lines).toContain('Exec=/opt/Switchboard/switchboard -- %u');
    expect(lines).toContain('MimeType=x-scheme-handler/tel;x-scheme-handler/callto;x-scheme-handler/sip;');
    // exactly one field code, after the separator
    expect(entry.match(/%[uUfF]/g)).toEqual(['%u']);
  });

  it('macOS: protocols become CFBundleURLTypes; usage texts for microphone and Apple Events', () => {
    // electron-builder maps `protocols` to Info.plist CFBundleURLTypes (app-builder-lib electron/electronMac.js).
    const macSource = readFileSync(require.resolve('app-builder-lib/out/electron/electronMac.js'), 'utf8');
    expect(macSource).toMatch(/appPlist\.CFBundleURLTypes = protocols\.map/);
    expect(config.protocols.every((p) => p.schemes.length > 0)).toBe(true);
    expect(config.mac.extendInfo['NSAppleEventsUsageDescription']).toMatch(/selected/i);
    const entitlements = readFileSync(path.join(repo, config.mac.entitlements), 'utf8');
    expect(entitlements).toContain('com.apple.security.automation.apple-events');
  });

  it('registers tel:, callto: and sip: handlers', () => {
    const schemes = config.protocols.flatMap((p) => p.schemes);
    expect(schemes.sort()).toEqual(['callto', 'sip', 'tel']);
  });

  it('targets the three platforms as agreed', () => {
    expect(config.win.target).toContain('nsis');
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false });
    expect(config.mac.target).toContain('dmg');
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.extendInfo['NSMicrophoneUsageDescription']).toMatch(/microphone/i);
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.linux.category).toBe('Network;Telephony');
  });

  it('points at files that exist', () => {
    const entitlements = readFileSync(path.join(repo, config.mac.entitlements), 'utf8');
    expect(entitlements).toContain('com.apple.security.device.audio-input');
    expect(entitlements).toContain('com.apple.security.cs.allow-jit');
    for (const icon of [config.win.icon, config.mac.icon, config.linux.icon, 'assets/tray.png']) {
      const png = readFileSync(path.join(repo, icon));
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    }
    // every tray icon the shell may load is packed (presence variants included), 1x and @2x
    for (const group of ['available', 'busy', 'away', 'absent']) {
      for (const file of [`assets/tray-${group}.png`, `assets/tray-${group}@2x.png`]) {
        expect(readFileSync(path.join(repo, file)).subarray(1, 4).toString('ascii')).toBe('PNG');
        expect(config.files.some((pattern) => path.matchesGlob(file, pattern))).toBe(true);
      }
    }
    const icon = readFileSync(path.join(repo, config.linux.icon));
    expect(icon.readUInt32BE(16)).toBeGreaterThanOrEqual(512); // IHDR width
  });

  it("passes electron-builder's own schema validation", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(
      validateConfiguration({ ...config, nsis: { ...config.nsis, perUser: true } }, new DebugLogger(false)),
    ).rejects.toThrow(/nsis/);
  });
});
