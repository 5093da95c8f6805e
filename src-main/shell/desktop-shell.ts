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
 * lives as long as the app, so calls go on while the UI is hidden; the call
 * popup window (index.html#popup, call-popup-window.ts) shows incoming calls
 * without taking the focus. Quit (tray menu, or the OS) disposes the backend
 * first, then exits.
 *
 * Desktop integration (issue 4): telephony links from the OS (deep-links.ts →
 * backend.handleExternalLink, asked first) and from our own window (dialed),
 * the dial hotkey (dial-hotkey.ts), missed-call notifications and the tray
 * badge, Pin-on-top / zoom / Dock / Collapsed view and start minimized.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  clipboard,
  globalShortcut,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  protocol,
  screen,
  session,
  shell,
  systemPreferences,
  Tray,
  type BrowserWindowConstructorOptions,
  type MenuItemConstructorOptions,
  type Session,
  type WebContents,
  type WebPreferences,
} from 'electron';
import Store from 'electron-store';
import type { CountersView, HotkeyStatusView, Language, Settings } from '../../src-preload/contract/ipc-contract';
import type { MediaHost } from '../../src-preload/contract/media-contract';
import type { PresenceStateName, PresenceView } from '../../src-preload/contract/presence';
import type { ShellBackend } from '../core/app/shell-backend';
import type { DevicePreferences } from '../core/platform/preferences/device-preferences';
import { DEVICE_PREFERENCES_FILE } from '../core/platform/preferences/json-file-preferences';
import { assertNever } from '../../src-preload/contract/platform/assert-never';
import { AppPages, type AppPage } from './app-pages';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { CALL_POPUP_SIZE, CallPopupWindow } from './call-popup-window';
import { DeepLinks } from './deep-links';
import { createHotkeyDialer, DialHotkey } from './dial-hotkey';
import { electronClipboardAdapter, hotkeyPressView, hotkeyStatusView, setUpSelectionReader } from './hotkey-wiring';
import { installIpcBridge } from './ipc-bridge';
import { openElectronStorePreferences } from './electron-store-preferences';
import { restoreMainWindowBounds, saveMainWindowBounds } from './main-window-bounds';
import { MAIN_MIN_SIZE, MainWindowSettings } from './main-window-settings';
import { MediaWindowHost } from './media-window-host';
import { wireMessageNotifications } from './message-notification';
import { wireMissedCallNotifications } from './missed-call-notification';
import { wireVoicemailNotifications } from './voicemail-notification';
import { installNavigationGuard, type NavigationGuardTarget } from './navigation-guard';
import { isPermissionAllowed } from './permission-policy';
import { createRequestFilter } from './request-filter';
import { APP_USER_MODEL_ID } from './app-identity';
import { formatTrayDateTime, trayModel, type TrayMenuEntry } from './tray-model';

/** A backend the shell can shut down and drive (AppCore). */
export type DisposableBackend = ShellBackend;

/** What the shell knows when it builds the backend. */
export interface BackendContext {
  /** Electron's userData folder: `accounts/` (one database per account), `preferences.json`, `secrets.json` */
  dataDir: string;
  /** this computer's preferences (electron-store), read before anyone logs in; the shell keeps the window bounds there */
  devicePreferences: DevicePreferences;
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
  // Before ready (Electron requires it): app:// is a standard, secure origin for our pages (app-protocol.ts).
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  // Windows shows toast notifications only for an app with an AppUserModelID; the same as
  // electron-builder.yml's appId, which the NSIS installer gives the Start-menu shortcut.
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

  const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
  const pages = new AppPages(devServerUrl ? { kind: 'dev', baseUrl: devServerUrl } : { kind: 'app' });
  const pageOf = (url: string): AppPage | undefined =>
    pages.isPage(url, 'index') ? 'index' : pages.isPage(url, 'media') ? 'media' : undefined;

  let mainWindow: BrowserWindow | undefined;
  let mediaWindow: BrowserWindow | undefined;
  let popupWindow: BrowserWindow | undefined;
  let tray: Tray | undefined;
  let backend: DisposableBackend | undefined;
  let dialHotkey: DialHotkey | undefined;
  let quitting = false;
  let shutdown: Promise<void> | undefined;
  const cleanups: Array<() => void> = [];

  const showMainWindow = (): void => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };

  // ---- telephony links (SPEC G1). Created before ready: macOS fires 'open-url' before it on a cold start;
  // links wait inside DeepLinks until setReady().
  const deepLinks = new DeepLinks({
    app,
    execPath: process.execPath,
    defaultApp: process.defaultApp === true,
    ...(process.defaultApp === true && process.argv[1] !== undefined
      ? { appEntry: path.resolve(process.argv[1]) }
      : {}),
    onDidRequestDial: ({ link, origin }) => {
      const active = backend;
      if (!active) return;
      if (origin === 'in-app-click') {
        // The user's own click in our window: dial now (the call view shows the number).
        active.invoke('links.open', { url: link.raw }).catch((error: unknown) => {
          const code =
            typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'internal';
          active.reportLinkRefusal({ reason: code, message: error instanceof Error ? error.message : String(error) });
        });
        return;
      }
      // From another program: show the window, which asks "Call …?" (links.onDidRequestDial).
      showMainWindow();
      active.handleExternalLink(link.raw, origin);
    },
    onDidRefuseLink: (refusal) => backend?.reportLinkRefusal({ reason: refusal.reason, message: refusal.message }),
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    deepLinks.handleOpenUrl(url);
  });
  deepLinks.handleArgv(process.argv, 'cold-start-argv');

  app.on('second-instance', (_event, argv) => {
    showMainWindow();
    deepLinks.handleArgv(argv, 'os-second-instance');
  });

  // Every WebContents (ours and any unexpected one) gets the same denials.
  app.on('web-contents-created', (_event, contents) => {
    installNavigationGuard(guardTarget(contents), {
      isOwnPage: (url) => {
        const page = pageOf(url);
        return page !== undefined && page === pageOf(contents.getURL());
      },
      openExternal: (url) => void shell.openExternal(url),
      // tel:/callto:/sip: clicked in our own UI windows dial (after parsing); elsewhere they are just blocked.
      onTelephonyLink: (url) => {
        const own = [mainWindow, popupWindow].some(
          (w) => w !== undefined && !w.isDestroyed() && w.webContents.id === contents.id,
        );
        if (own) deepLinks.handleInAppClick(url);
        return own;
      },
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

  let rememberWindowBounds: (() => void) | undefined;
  const disposeAll = async (): Promise<void> => {
    rememberWindowBounds?.();
    // Backend first: hanging up still needs the media window host and IPC.
    if (backend) {
      const pending = backend.dispose();
      await Promise.race([
        pending.catch((error: unknown) => console.error('[shell] backend dispose failed', error)),
        new Promise<void>((resolve) => setTimeout(resolve, DISPOSE_TIMEOUT_MS)),
      ]);
    }
    dialHotkey?.dispose();
    for (const cleanup of cleanups.splice(0)) cleanup();
    tray?.destroy();
  };

  void app.whenReady().then(() => {
    // The pages come from app://switchboard/ — the renderer folder and nothing else (no file:// pages).
    protocol.handle(APP_SCHEME, createAppProtocolHandler({ rendererDir }));
    hardenSession(session.defaultSession, {
      isMediaWindow: (contents) => contents !== null && contents.id === mediaWindow?.webContents.id,
      isMediaPage: (url) => pages.isPage(url, 'media'),
      isRequestAllowed: createRequestFilter({ ...(devServerUrl ? { devServerUrl } : {}) }),
    });

    // ---- media window: hidden, long-lived, owns WebRTC
    const media = createHardenedWindow(
      { show: false, width: 320, height: 240, skipTaskbar: true, title: 'Switchboard media' },
      path.join(preloadDir, 'media-preload.cjs'),
      // Hidden windows are throttled by default; audio timing must not be.
      { spellcheck: false, backgroundThrottling: false, autoplayPolicy: 'no-user-gesture-required' },
    );
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

    // ---- device preferences (issue 8): electron-store, read before anyone logs in
    const dataDir = app.getPath('userData');
    const devicePreferences = openElectronStorePreferences({
      create: () =>
        new Store<Record<string, unknown>>({
          name: 'preferences',
          cwd: dataDir,
          // keys such as "internal.legacySettingsImported" are flat names, not paths
          accessPropertiesByDotNotation: false,
          // a corrupt file is moved aside and logged by openElectronStorePreferences, not silently emptied
          clearInvalidConfig: false,
        }),
      filePath: path.join(dataDir, DEVICE_PREFERENCES_FILE),
      logger: (level, message) => console[level](`[shell] ${message}`),
    });

    // ---- engine
    backend = options.createBackend(mediaHost, {
      dataDir,
      devicePreferences,
      systemLanguage: app.getLocale().toLowerCase().startsWith('fr') ? 'fr' : 'en',
    });

    const activeBackend = backend;

    // ---- main window: the UI, where it was last time on this PC (if that is still on a screen)
    const restoredBounds = restoreMainWindowBounds(
      devicePreferences,
      screen.getAllDisplays().map((d) => d.workArea),
      MAIN_MIN_SIZE,
    );
    const main = createHardenedWindow(
      {
        show: false,
        ...(restoredBounds ?? { width: 380, height: 640 }),
        minWidth: MAIN_MIN_SIZE.width,
        minHeight: MAIN_MIN_SIZE.height,
        resizable: true,
        title: 'Switchboard',
        icon: assetPath('icon.png'),
        autoHideMenuBar: true,
      },
      path.join(preloadDir, 'preload.cjs'),
    );
    mainWindow = main;
    const reportMinimized = (): void => {
      if (!main.isDestroyed()) activeBackend.setMainWindowMinimized(main.isMinimized() || !main.isVisible());
    };
    for (const name of ['minimize', 'restore', 'hide', 'show'] as const) main.on(name as 'minimize', reportMinimized);
    reportMinimized();
    main.once('ready-to-show', () => {
      // SPEC A3 start minimized to the tray: the window stays hidden until the tray's Show.
      activeBackend.invoke('settings.get', {}).then(
        (settings) => {
          if (!settings.startMinimized) main.show();
        },
        () => main.show(),
      );
    });
    main.on('close', (event) => {
      rememberWindowBounds?.();
      // Closing hides to the tray; the media window keeps calls alive.
      if (!quitting) {
        event.preventDefault();
        main.hide();
      }
    });
    main.webContents.on('render-process-gone', () => {
      if (!quitting) main.webContents.reload();
    });

    // ---- call popup window (SPEC F2): same page (#popup), same preload and hardening, never focused
    const popup = createHardenedWindow(
      {
        show: false,
        width: CALL_POPUP_SIZE.width,
        height: CALL_POPUP_SIZE.height,
        frame: false,
        resizable: false,
        movable: false,
        minimizable: false,
        maximizable: false,
        fullscreenable: false,
        focusable: false,
        alwaysOnTop: true,
        skipTaskbar: true,
        title: 'Switchboard call',
      },
      path.join(preloadDir, 'preload.cjs'),
      // It must paint at once when a call rings while it is hidden.
      { spellcheck: false, backgroundThrottling: false },
    );
    popupWindow = popup;
    popup.on('close', (event) => {
      if (!quitting) event.preventDefault();
    });
    popup.webContents.on('render-process-gone', () => {
      if (!quitting) popup.webContents.reload();
    });
    const callPopup = new CallPopupWindow({
      window: popup,
      workArea: () => screen.getPrimaryDisplay().workArea,
      platform: process.platform,
    });

    cleanups.push(
      installIpcBridge({
        ipcMain,
        backend,
        mainContents: () => (main.isDestroyed() ? undefined : main.webContents),
        popupContents: () => (popup.isDestroyed() ? undefined : popup.webContents),
        isIndexUrl: (url) => pages.isPage(url, 'index'),
      }),
    );
    void main.loadURL(pages.urlOf('index'));
    void popup.loadURL(`${pages.urlOf('index')}#popup`);

    // ---- window commands and window settings (SPEC A6)
    const windowSettings = new MainWindowSettings(
      {
        isDestroyed: () => main.isDestroyed(),
        getBounds: () => main.getBounds(),
        setBounds: (bounds) => main.setBounds(bounds),
        setMinimumSize: (width, height) => main.setMinimumSize(width, height),
        setAlwaysOnTop: (flag) => main.setAlwaysOnTop(flag),
        setZoomFactor: (factor) => {
          main.webContents.setZoomFactor(factor);
          if (!popup.isDestroyed()) popup.webContents.setZoomFactor(factor);
        },
      },
      (bounds) => screen.getDisplayMatching(bounds).workArea,
    );
    const applyWindowSettings = (settings: Settings): void => windowSettings.apply(settings);
    rememberWindowBounds = () => {
      const bounds = windowSettings.restorableBounds();
      if (bounds) saveMainWindowBounds(devicePreferences, bounds);
    };
    activeBackend.setWindowController((command) => {
      if (main.isDestroyed()) return;
      switch (command) {
        case 'minimize':
          main.minimize();
          return;
        case 'close':
          main.close(); // hides to the tray (see 'close' above)
          return;
        case 'dock':
          windowSettings.dock();
          return;
        case 'show':
          showMainWindow();
          return;
        default:
          assertNever(command, 'unknown window command');
      }
    });
    cleanups.push(() => activeBackend.setWindowController(undefined));

    // ---- dial hotkey (SPEC G2). Windows/macOS first load the key sender (optional nut-js):
    // the hotkey registers only once the reader works, else reports why (copy-unavailable).
    let hotkeyUnavailable: HotkeyStatusView | undefined;
    let hotkeySetting: string | null | undefined;
    const applyHotkey = (setting: string | null): void => {
      hotkeySetting = setting;
      if (dialHotkey) dialHotkey.apply(setting);
      else if (hotkeyUnavailable) {
        activeBackend.setHotkeyStatus(setting === null ? { status: 'off' } : hotkeyUnavailable);
      }
      // else still loading: applied when the setup settles
    };
    void setUpSelectionReader({
      platform: process.platform,
      readPrimary: () => clipboard.selection.readText(),
      clipboard: electronClipboardAdapter(clipboard),
      isAccessibilityTrusted: () => systemPreferences.isTrustedAccessibilityClient(false),
    }).then((setup) => {
      if (quitting) return;
      if (setup.ok) {
        const dialer = createHotkeyDialer({
          reader: setup.reader,
          dial: (target) => activeBackend.invoke('calls.dial', { target }),
          onDidHandlePress: (outcome) => activeBackend.reportHotkeyPress(hotkeyPressView(outcome)),
        });
        dialHotkey = new DialHotkey({
          globalShortcut,
          platform: process.platform,
          onPress: () => {
            void dialer();
          },
          onDidChangeStatus: (status) => activeBackend.setHotkeyStatus(hotkeyStatusView(status)),
        });
      } else {
        console.warn(`[shell] ${setup.status.message ?? 'dial hotkey unavailable'}`);
        hotkeyUnavailable = setup.status;
      }
      if (hotkeySetting !== undefined) applyHotkey(hotkeySetting);
    });

    // ---- telephony links setting
    let linksDefault: boolean | undefined;
    const applyLinksSetting = (enabled: boolean): void => {
      if (linksDefault === enabled) return;
      linksDefault = enabled;
      const { failed } = deepLinks.setAlwaysUseForTelephonyLinks(enabled);
      if (failed.length > 0) console.warn(`[shell] telephony link registration failed for ${failed.join(', ')}`);
    };

    // ---- notifications (SPEC G4): missed call → journal, new message → conversation (E6),
    // new voicemail → voicemail list (H). The wiring is in notification-kind.ts (tested without Electron).
    let language: string | undefined;
    const notificationDeps = {
      backend: activeBackend,
      isSupported: () => Notification.isSupported(),
      create: (options: { title: string; body: string; silent: boolean }) => new Notification(options),
      showMainWindow,
      language: () => language,
    };
    cleanups.push(
      wireMissedCallNotifications(notificationDeps),
      wireMessageNotifications(notificationDeps),
      wireVoicemailNotifications(notificationDeps),
    );

    // ---- tray (SPEC G4, B1): presence icon + radio items, counters in the tooltip/title/badge;
    // labels follow the settings language. The content is decided in tray-model.ts (tested without Electron).
    tray = new Tray(nativeImage.createFromPath(assetPath('tray.png')));
    let counters: CountersView = { missedCalls: 0, unreadMessages: 0, newVoicemails: 0 };
    let presence: PresenceView | null = null;
    let trayIcon = 'tray.png';
    const setPresenceFromTray = (state: PresenceStateName): void => {
      activeBackend.invoke('presence.set', { state }).catch((error: unknown) => {
        // e.g. offline: nothing changed; put the radio back on the real state
        console.warn(`[shell] presence not changed: ${error instanceof Error ? error.message : String(error)}`);
        applyTray();
      });
    };
    const trayMenuItem = (entry: TrayMenuEntry): MenuItemConstructorOptions => {
      switch (entry.type) {
        case 'heading':
          return { label: entry.label, enabled: false };
        case 'presence':
          return {
            label: entry.label,
            type: 'radio',
            checked: entry.checked,
            click: () => setPresenceFromTray(entry.state),
          };
        case 'separator':
          return { type: 'separator' };
        case 'show':
          return { label: entry.label, click: showMainWindow };
        case 'quit':
          return { label: entry.label, click: () => app.quit() };
        default:
          return assertNever(entry, 'unknown tray menu entry');
      }
    };
    const applyTray = (): void => {
      const model = trayModel({
        presence,
        counters,
        language,
        formatDateTime: (epochMs) => formatTrayDateTime(epochMs, language),
      });
      if (model.icon !== trayIcon) {
        trayIcon = model.icon;
        tray?.setImage(nativeImage.createFromPath(assetPath(model.icon)));
      }
      tray?.setToolTip(model.badge.tooltip);
      if (process.platform === 'darwin') tray?.setTitle(model.badge.title);
      app.setBadgeCount(model.badge.badgeCount); // macOS dock, Unity launchers; a no-op elsewhere
      tray?.setContextMenu(Menu.buildFromTemplate(model.menu.map(trayMenuItem)));
    };
    const buildTrayMenu = (nextLanguage: string | undefined): void => {
      language = nextLanguage;
      applyTray();
    };
    buildTrayMenu(undefined);
    tray.on('click', showMainWindow);

    // ---- settings → shell, now and on every change
    const applySettings = (settings: Settings): void => {
      if (settings.language !== language) buildTrayMenu(settings.language);
      applyWindowSettings(settings);
      applyHotkey(settings.dialHotkey);
      applyLinksSetting(settings.telephonyLinksDefault);
    };
    activeBackend
      .invoke('settings.get', {})
      .then(applySettings, (error: unknown) => console.warn('[shell] could not read the settings', error));
    activeBackend.invoke('counters.get', {}).then(
      (current) => {
        counters = current;
        applyTray();
      },
      (error: unknown) => console.warn('[shell] could not read the counters', error),
    );
    activeBackend.invoke('presence.get', {}).then(
      (current) => {
        presence = current;
        applyTray();
      },
      (error: unknown) => console.warn('[shell] could not read the presence', error),
    );
    cleanups.push(
      activeBackend.onEvent((event) => {
        if (event.channel === 'settings.onDidChange') applySettings(event.payload);
        else if (event.channel === 'popup.onDidChange') callPopup.apply(event.payload);
        else if (event.channel === 'counters.onDidChange') {
          counters = event.payload;
          applyTray();
        } else if (event.channel === 'presence.onDidChange') {
          presence = event.payload;
          applyTray();
        }
      }),
    );
    // Links that arrived while starting (argv, open-url) go out once the page has loaded and listens
    // (a page that subscribes later still finds the question with links.getPending).
    main.webContents.once('did-finish-load', () => deepLinks.setReady());
  });
}

/**
 * Every window of the app is created here, with the one hardened set of
 * webPreferences (sandboxed renderer, context isolation, no Node, web security,
 * no <webview>, devtools only when unpackaged). `extra` adds what a window
 * needs on top (no background throttling, autoplay) and cannot override the
 * hardening, which comes after it and names every security setting (the
 * security check cannot see into `extra`, so a setting left out would count as
 * possibly overridden).
 */
function createHardenedWindow(
  options: Omit<BrowserWindowConstructorOptions, 'webPreferences'>,
  preload: string,
  extra: Pick<WebPreferences, 'spellcheck' | 'backgroundThrottling' | 'autoplayPolicy'> = {},
): BrowserWindow {
  return new BrowserWindow({
    ...options,
    webPreferences: {
      ...extra,
      preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      enableBlinkFeatures: '',
      devTools: !app.isPackaged,
    },
  });
}

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
