/**
 * The Electron shell: windows, tray, session hardening, IPC bridge and the
 * media window host, wired around a backend (AppCore). main.ts calls
 * {@link runDesktopShell} with the backend factory; everything that decides
 * something (sender checks, navigation, permissions, request filter, media
 * request matching) lives in small Electron-free modules next to this file
 * and is unit-tested with fakes.
 *
 * Process model: the main window (index.html, 380x640) is the UI and hides to
 * the tray when closed; the hidden media window (media.html) owns WebRTC and
 * lives as long as the app, so calls go on while the UI is hidden. Quit
 * (tray menu, or the OS) disposes the backend first, then exits.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  nativeImage,
  session,
  shell,
  Tray,
  type Session,
  type WebContents,
} from 'electron';
import type { Language } from '../../src-preload/contract/ipc-contract';
import type { MediaHost } from '../../src-preload/contract/media-contract';
import type { UcBackend } from '../core/ipc/uc-backend';
import { AppPages, type AppPage } from './app-pages';
import { installIpcBridge } from './ipc-bridge';
import { MediaWindowHost } from './media-window-host';
import { installNavigationGuard, type NavigationGuardTarget } from './navigation-guard';
import { isPermissionAllowed } from './permission-policy';
import { createRequestFilter } from './request-filter';
import { shellStrings } from './shell-strings';

/** A backend the shell can shut down. */
export type DisposableBackend = UcBackend & { dispose(): Promise<void> };

/** What the shell knows when it builds the backend. */
export interface BackendContext {
  /** Electron's userData folder (journal, settings) */
  dataDir: string;
  /** UI language to use until the user picks one, from the OS locale */
  systemLanguage: Language;
}

export interface DesktopShellOptions {
  /** Builds the engine once the media host exists (called once, after app ready). */
  createBackend: (mediaHost: MediaHost, context: BackendContext) => DisposableBackend;
}

/** How long Quit waits for the backend to unregister and close the journal. */
const DISPOSE_TIMEOUT_MS = 5_000;

/** out/main at run time (the bundle is ESM; see electron.vite.config.ts). */
const here = path.dirname(fileURLToPath(import.meta.url));
const preloadDir = path.join(here, '../preload');
const rendererDir = path.join(here, '../renderer');

/** See the file comment. Call once, before `app` is ready. */
export function runDesktopShell(options: DesktopShellOptions): void {
  if (!app.requestSingleInstanceLock()) {
    // Another instance owns the app; it receives our argv in 'second-instance'.
    app.quit();
    return;
  }
  app.enableSandbox();

  const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
  const pages = new AppPages(devServerUrl ? { kind: 'dev', baseUrl: devServerUrl } : { kind: 'file', rendererDir });
  const pageOf = (url: string): AppPage | undefined =>
    pages.isPage(url, 'index') ? 'index' : pages.isPage(url, 'media') ? 'media' : undefined;

  let mainWindow: BrowserWindow | undefined;
  let mediaWindow: BrowserWindow | undefined;
  let tray: Tray | undefined;
  let backend: DisposableBackend | undefined;
  let quitting = false;
  let shutdown: Promise<void> | undefined;
  const cleanups: Array<() => void> = [];

  const showMainWindow = (): void => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };

  app.on('second-instance', (_event, argv) => {
    showMainWindow();
    handleDeepLinkArgv(argv);
  });

  // Every WebContents (ours and any unexpected one) gets the same denials.
  app.on('web-contents-created', (_event, contents) => {
    installNavigationGuard(guardTarget(contents), {
      isOwnPage: (url) => {
        const page = pageOf(url);
        return page !== undefined && page === pageOf(contents.getURL());
      },
      openExternal: (url) => void shell.openExternal(url),
    });
  });

  app.on('window-all-closed', () => {
    // Tray app: closing windows never quits; Quit does.
  });

  app.on('activate', showMainWindow);

  app.on('before-quit', (event) => {
    quitting = true;
    if (!shutdown) {
      event.preventDefault();
      shutdown = disposeAll().finally(() => app.quit());
    }
  });

  const disposeAll = async (): Promise<void> => {
    // Backend first: hanging up still needs the media window host and IPC.
    if (backend) {
      const pending = backend.dispose();
      await Promise.race([
        pending.catch((error: unknown) => console.error('[shell] backend dispose failed', error)),
        new Promise<void>((resolve) => setTimeout(resolve, DISPOSE_TIMEOUT_MS)),
      ]);
    }
    for (const cleanup of cleanups.splice(0)) cleanup();
    tray?.destroy();
  };

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession, {
      isMediaWindow: (contents) => contents !== null && contents.id === mediaWindow?.webContents.id,
      isMediaPage: (url) => pages.isPage(url, 'media'),
      isRequestAllowed: createRequestFilter({ rendererDir, devServerUrl }),
    });

    // ---- media window: hidden, long-lived, owns WebRTC
    const media = new BrowserWindow({
      show: false,
      width: 320,
      height: 240,
      skipTaskbar: true,
      title: 'Switchboard media',
      webPreferences: {
        preload: path.join(preloadDir, 'media-preload.cjs'),
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webSecurity: true,
        webviewTag: false,
        spellcheck: false,
        // Hidden windows are throttled by default; audio timing must not be.
        backgroundThrottling: false,
        autoplayPolicy: 'no-user-gesture-required',
        devTools: !app.isPackaged,
      },
    });
    mediaWindow = media;
    media.on('close', (event) => {
      if (!quitting) event.preventDefault();
    });
    const mediaReady = new Promise<void>((resolve) => media.webContents.once('did-finish-load', () => resolve()));
    const mediaHost = new MediaWindowHost({
      ipcMain,
      mediaContents: media.webContents,
      isMediaUrl: (url) => pages.isPage(url, 'media'),
      whenReady: mediaReady,
    });
    cleanups.push(() => mediaHost.dispose());
    media.webContents.on('render-process-gone', (_event, details) => {
      mediaHost.failPending(`media window renderer gone (${details.reason})`);
      if (!quitting) media.webContents.reload();
    });
    void media.loadURL(pages.urlOf('media'));

    // ---- engine
    backend = options.createBackend(mediaHost, {
      dataDir: app.getPath('userData'),
      systemLanguage: app.getLocale().toLowerCase().startsWith('fr') ? 'fr' : 'en',
    });

    // ---- main window: the UI
    const main = new BrowserWindow({
      show: false,
      width: 380,
      height: 640,
      minWidth: 320,
      minHeight: 480,
      resizable: true,
      title: 'Switchboard',
      icon: assetPath('icon.png'),
      autoHideMenuBar: true,
      webPreferences: {
        preload: path.join(preloadDir, 'preload.cjs'),
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webSecurity: true,
        webviewTag: false,
        devTools: !app.isPackaged,
      },
    });
    mainWindow = main;
    main.once('ready-to-show', () => main.show());
    main.on('close', (event) => {
      // Closing hides to the tray; the media window keeps calls alive.
      if (!quitting) {
        event.preventDefault();
        main.hide();
      }
    });
    main.webContents.on('render-process-gone', () => {
      if (!quitting) main.webContents.reload();
    });

    cleanups.push(
      installIpcBridge({
        ipcMain,
        backend,
        mainContents: () => (main.isDestroyed() ? undefined : main.webContents),
        isIndexUrl: (url) => pages.isPage(url, 'index'),
      }),
    );
    void main.loadURL(pages.urlOf('index'));

    // ---- tray (labels follow the settings language)
    tray = new Tray(nativeImage.createFromPath(assetPath('tray.png')));
    const activeBackend = backend;
    const buildTrayMenu = (language: string | undefined): void => {
      const strings = shellStrings(language);
      tray?.setToolTip(strings.trayTooltip);
      tray?.setContextMenu(
        Menu.buildFromTemplate([
          { label: strings.trayShow, click: showMainWindow },
          { type: 'separator' },
          { label: strings.trayQuit, click: () => app.quit() },
        ]),
      );
    };
    buildTrayMenu(undefined);
    tray.on('click', showMainWindow);
    activeBackend.invoke('settings.get', {}).then(
      (settings) => buildTrayMenu(settings.language),
      (error: unknown) => console.warn('[shell] could not read settings for the tray', error),
    );
    cleanups.push(
      activeBackend.onEvent((channel, payload) => {
        if (channel === 'settings.onDidChange') buildTrayMenu((payload as { language?: string }).language);
      }),
    );
  });
}

/**
 * Hook for tel:/callto:/sip: links handed to a second instance.
 * TODO(tel-links): a later issue parses the URL that follows the "--"
 * separator in argv (CVE-2018-1000006: never read switches after it), handles
 * macOS 'open-url', and dials through the backend.
 */
function handleDeepLinkArgv(_argv: readonly string[]): void {}

/** Icons ship next to package.json (electron-builder `files`: assets/**). */
function assetPath(name: string): string {
  return path.join(app.getAppPath(), 'assets', name);
}

/** Adapts a WebContents to the narrow seam the navigation guard uses. */
function guardTarget(contents: WebContents): NavigationGuardTarget {
  return {
    onWillNavigate: (listener) => contents.on('will-navigate', (event) => listener(event, event.url)),
    onWillRedirect: (listener) => contents.on('will-redirect', (event) => listener(event, event.url)),
    onWillAttachWebview: (listener) => contents.on('will-attach-webview', (event) => listener(event)),
    setWindowOpenHandler: (handler) => contents.setWindowOpenHandler(handler),
  };
}

interface SessionPolicy {
  isMediaWindow: (contents: WebContents | null) => boolean;
  isMediaPage: (url: string) => boolean;
  isRequestAllowed: (url: string) => boolean;
}

/** Permissions (microphone for the media window only) and the request filter. */
function hardenSession(ses: Session, policy: SessionPolicy): void {
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(
      isPermissionAllowed({
        permission,
        fromMediaWindow: policy.isMediaWindow(contents),
        fromMediaPage: policy.isMediaPage(contents.getURL()),
        mediaTypes: 'mediaTypes' in details ? details.mediaTypes : undefined,
      }),
    );
  });
  ses.setPermissionCheckHandler((contents, permission, _origin, details) =>
    isPermissionAllowed({
      permission,
      fromMediaWindow: policy.isMediaWindow(contents),
      fromMediaPage: contents !== null && policy.isMediaPage(contents.getURL()),
      mediaTypes: details.mediaType ? [details.mediaType] : undefined,
    }),
  );
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = policy.isRequestAllowed(details.url);
    if (!allowed) console.warn(`[shell] blocked request ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
}
