/**
 * Composition root of the Electron app (electron-vite main entry): builds
 * the real engine (AppCore) around the media window host and hands it to the
 * desktop shell. Nothing else in the app constructs services.
 */
import { AppCore } from '../core/app/app-core';
import { runDesktopShell } from './desktop-shell';

runDesktopShell({
  createBackend: (mediaHost, { dataDir, systemLanguage }) =>
    new AppCore({ dataDir, mediaHost, defaultLanguage: systemLanguage }),
});
