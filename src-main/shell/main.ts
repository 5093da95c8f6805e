/**
 * Composition root of the Electron app (electron-vite main entry): composes
 * the engine (`composeAppCore`: the platform, every feature, AppCore) with the
 * Electron seams — the media window host, electron-store preferences, the OS
 * keychain for "remember me", login items — and hands it to the desktop
 * shell. Nothing else in the app constructs services.
 */
import { hostname } from 'node:os';
import * as path from 'node:path';
import { app, safeStorage } from 'electron';
import { invokeSchemas } from '../../src-preload/contract/ipc-contract';
import { composeAppCore } from '../core/app/compose-app-core';
import { runDesktopShell } from './desktop-shell';
import { SafeStorageSecretStore } from './safe-storage-secret-store';

/** `npm run demo` passes a demo account here so the app starts logged in. */
function demoLogin(raw: string | undefined) {
  if (!raw) return undefined;
  try {
    const parsed = invokeSchemas['session.login'].safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

runDesktopShell({
  createBackend: (mediaHost, { dataDir, devicePreferences, systemLanguage }) => {
    const core = composeAppCore({
      dataDir,
      devicePreferences,
      mediaHost,
      defaultLanguage: systemLanguage,
      deviceName: `Switchboard on ${hostname()}`.slice(0, 128),
      // Credentials only through the OS keychain (SPEC A3); refused when there is none.
      secretStore: new SafeStorageSecretStore(safeStorage, path.join(dataDir, 'secrets.json')),
      onLaunchAtStartupChange: (enabled) => app.setLoginItemSettings({ openAtLogin: enabled }),
      // Jabra: a partner key from the Jabra Developer Zone, when the build has one (SPEC G3).
      ...(process.env.SWITCHBOARD_JABRA_PARTNER_KEY
        ? { headsetAdapterOptions: { jabra: { partnerKey: process.env.SWITCHBOARD_JABRA_PARTNER_KEY } } }
        : {}),
    });
    const login = demoLogin(process.env.SWITCHBOARD_DEMO_LOGIN);
    if (login) void core.invoke('session.login', login);
    else void core.autoLogin().catch((error: unknown) => console.error('[shell] auto-login failed', error));
    return core;
  },
});
