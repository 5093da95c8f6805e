import { join } from 'node:path';
import type { JournalEntry, Language } from '../../../src-preload/contract/ipc-contract';
import type { IceServer, MediaHost } from '../../../src-preload/contract/media-contract';
import { CallsFeature, type EngineLogger, type PhoneEngine, type SipEngineOptions } from '../features/calls';
import {
  DesktopFeature,
  WindowControl,
  type CreateHeadsetAdaptersOptions,
  type HeadsetAdapter,
} from '../features/desktop';
import { ConversationsFeature } from '../features/conversations';
import { DirectoryFeature } from '../features/directory';
import { FavoritesFeature } from '../features/favorites';
import { ForwardingFeature } from '../features/forwarding';
import { ProfileFeature } from '../features/profile';
import { MessagesFeature } from '../features/messages';
import { PresenceFeature } from '../features/presence';
import { RememberedLogins } from '../features/session';
import { SettingsFeature, createDeviceSettings } from '../features/settings';
import { VoicemailFeature } from '../features/voicemail';
import { ConferencesFeature } from '../features/conferences';
import { systemClock, type Clock } from '../platform/clock';
import { AccountDatabases } from '../platform/db/account-databases';
import { MemoryPreferences, type DevicePreferences } from '../platform/preferences/device-preferences';
import { DEVICE_PREFERENCES_FILE, JsonFilePreferences } from '../platform/preferences/json-file-preferences';
import { CertificatePins } from '../platform/tls/certificate-pins';
import { MemorySecretStore } from '../platform/secrets/memory-secret-store';
import type { SecretStore } from '../platform/secrets/secret-store';
import type { EventsSocket } from '../platform/uc/uc-events-client';
import type { FetchFn } from '../platform/uc/uc-http-client';
import { AppCore } from './app-core';
import { allMigrations, openAccountDatabase } from './client-migrations';
import { AppFeatureHost } from './feature-host';

export interface AppCoreOptions {
  /**
   * The data folder: one database per account under `accounts/` (see
   * AccountDatabases), the device preferences file unless `devicePreferences`
   * is given; or ':memory:' for throw-away ones.
   */
  dataDir: string;
  /**
   * What this computer remembers for whoever uses it (see setting-scopes.ts).
   * Default: `<dataDir>/preferences.json` (JsonFilePreferences), or in
   * memory for ':memory:'. The Electron shell passes its electron-store.
   */
  devicePreferences?: DevicePreferences;
  /**
   * Certificates trusted as if the user had accepted them (SPEC A1), by server
   * origin (`https://127.0.0.1:8802`) → SHA-256 fingerprint: the demo launcher
   * pins the dev stack's self-signed certificate it just made.
   */
  trustedCertificates?: Readonly<Record<string, string>>;
  mediaHost: MediaHost;
  clock?: Clock;
  /** extra STUN/TURN servers for calls, added to the ones the UC server provisions */
  iceServers?: IceServer[];
  /** language used until the user picks one */
  defaultLanguage?: Language;
  /** seam for tests: builds the SIP engine (default: a real SipEngine) */
  createEngine?: (options: SipEngineOptions) => PhoneEngine;
  /** longest time session.login waits for the first SIP registration outcome (default 10 s) */
  loginTimeoutMs?: number;
  /** how long an ended call stays in the call list so the UI can show why it ended (default 4 s) */
  endedCallLingerMs?: number;
  /** how long a connected callback's progress view stays (SPEC J4/B5; default 8 s) */
  callbackLingerMs?: number;
  logger?: EngineLogger;
  /** where "remember me" keeps the credentials for auto-login (default: memory only) */
  secretStore?: SecretStore;
  /** the shell applies the launch-at-startup setting (Electron: app.setLoginItemSettings) */
  onLaunchAtStartupChange?: (enabled: boolean) => void;
  /** shown in the user's session list on the server, e.g. "Switchboard on PC-42" */
  deviceName?: string;
  /** UC API request timeout, ms (default 10 s) */
  requestTimeoutMs?: number;
  /** seam for tests: fetch used by the UC client (default global fetch) */
  fetch?: FetchFn;
  /** seam for tests: the live-events socket */
  createEventsSocket?: (url: string) => EventsSocket;
  /** backoff of the live-events reconnection and the sync retries (defaults: 0.5 s base, 30 s cap) */
  backoff?: { baseMs?: number; capMs?: number; minMs?: number };
  /** GET /changes page size (default: SyncEngine's, 5000) */
  syncPageLimit?: number;
  /**
   * Headset adapters for the HeadsetBridge (SPEC G3); default: the three real
   * ones (createHeadsetAdapters with {@link headsetAdapterOptions}).
   * Tests pass [] or fakes. Nothing starts until settings.headsets enables a vendor.
   */
  headsetAdapters?: HeadsetAdapter[];
  /** options of the default adapters (e.g. the Jabra partner key) */
  headsetAdapterOptions?: CreateHeadsetAdaptersOptions;
  /** platform for the dial hotkey rules and labels (default process.platform) */
  platform?: string;
  /** how long a links.onDidRequestDial question stays answerable (default 60 s) */
  linkRequestTtlMs?: number;
}

/**
 * The composition root of the engine: builds the platform pieces and every
 * feature, and hands them to {@link AppCore}. The one place services are
 * constructed — the entry points (`shell/main.ts`, `web-shell/start-web-shell.ts`)
 * call it with their shell's seams, and so do the tests, the bench, the soak
 * run and the demo.
 *
 * The feature list below is the registry: a new domain is one more feature
 * built here and one more entry in `features` (its migrations: one line in
 * `client-migrations.ts`).
 */
export function composeAppCore(options: AppCoreOptions): AppCore {
  const clock = options.clock ?? systemClock;
  const log = options.logger ?? (() => undefined);
  const host = new AppFeatureHost(clock, log);
  const dataLog = (level: 'info' | 'warn' | 'error', message: string): void => log(level, `[data] ${message}`);
  const databases = new AccountDatabases({ dataDir: options.dataDir, logger: dataLog, migrations: allMigrations });
  const preferences =
    options.devicePreferences ??
    (options.dataDir === ':memory:'
      ? new MemoryPreferences()
      : new JsonFilePreferences(join(options.dataDir, DEVICE_PREFERENCES_FILE), { logger: dataLog }));
  const pins = new CertificatePins(preferences);
  for (const [origin, fingerprint] of Object.entries(options.trustedCertificates ?? {})) pins.set(origin, fingerprint);
  const device = createDeviceSettings({
    dataDir: options.dataDir,
    preferences,
    ...(options.defaultLanguage ? { defaultLanguage: options.defaultLanguage } : {}),
    openLegacy: (path) => openAccountDatabase(path),
    log: dataLog,
  });
  const window = new WindowControl();
  const secrets = options.secretStore ?? new MemorySecretStore();

  // ---- the features (registry)
  const settings = new SettingsFeature(host, {
    device,
    ...(options.platform !== undefined ? { platform: options.platform } : {}),
    ...(options.onLaunchAtStartupChange ? { onLaunchAtStartupChange: options.onLaunchAtStartupChange } : {}),
    onAutoLoginTurnedOff: () => remembered.discard(),
  });
  const remembered = new RememberedLogins({
    secrets,
    setAutoLogin: (enabled) => settings.settings.update({ autoLogin: enabled }),
    log,
  });
  const directory = new DirectoryFeature(host, {
    ...(options.backoff ? { backoff: options.backoff } : {}),
    ...(options.syncPageLimit !== undefined ? { syncPageLimit: options.syncPageLimit } : {}),
  });
  const calls = new CallsFeature(host, {
    mediaHost: options.mediaHost,
    settings: settings.settings,
    ...(options.iceServers ? { iceServers: options.iceServers } : {}),
    ...(options.createEngine ? { createEngine: options.createEngine } : {}),
    ...(options.endedCallLingerMs !== undefined ? { endedCallLingerMs: options.endedCallLingerMs } : {}),
    ...(options.callbackLingerMs !== undefined ? { callbackLingerMs: options.callbackLingerMs } : {}),
    directoryName: (number) => directory.nameForNumber(number),
    seenMarks: () => settings.settings.userStore,
    showWindow: () => window.run('show'),
    // the History tab reads the server's call history (the conversations' cache, declared below)
    serverJournal: (): JournalEntry[] | undefined => conversations.serverJournal(),
    // SPEC J4: the dial mode lives with the forwarding rules (declared below); rules never set: `app`;
    // not fetched yet: unknown (the UC server is asked)
    dialMode: () => {
      const view = forwarding.service.current;
      return view === null ? undefined : (view.rules?.dialMode ?? 'app');
    },
  });
  const presence = new PresenceFeature(host);
  const messages = new MessagesFeature(host, {
    ...(options.backoff ? { backoff: options.backoff } : {}),
    resolveName: (peer) => calls.nameOf(peer),
  });
  const voicemail = new VoicemailFeature(host);
  const favorites = new FavoritesFeature(host, { ...(options.backoff ? { backoff: options.backoff } : {}) });
  const forwarding = new ForwardingFeature(host);
  const conversations = new ConversationsFeature(host, {
    messages: {
      conversations: () => messages.handlers['messages.listConversations']!({}),
      history: (peer) => messages.handlers['messages.history']!({ peer, limit: 1000 }),
      markRead: (peer) => messages.handlers['messages.markRead']!({ peer }),
      delete: (target) => messages.delete(target),
    },
    voicemails: {
      list: async () => (await voicemail.handlers['voicemail.list']!({})).voicemails,
      setListened: async (id) => voicemail.handlers['voicemail.setListened']!({ id, listened: true }),
      delete: async (id) => voicemail.handlers['voicemail.delete']!({ id }),
    },
    nameOf: (number) => directory.nameForNumber(number),
    ...(options.backoff ? { backoff: options.backoff } : {}),
  });
  const desktop = new DesktopFeature(host, {
    calls,
    settings: settings.settings,
    window,
    ...(options.headsetAdapters ? { headsetAdapters: options.headsetAdapters } : {}),
    ...(options.headsetAdapterOptions ? { headsetAdapterOptions: options.headsetAdapterOptions } : {}),
    ...(options.linkRequestTtlMs !== undefined ? { linkRequestTtlMs: options.linkRequestTtlMs } : {}),
  });

  return new AppCore({
    host,
    // Registry order: accounts open and logins start in this order, and stop in it.
    features: [
      settings,
      calls,
      presence,
      messages,
      voicemail,
      directory,
      favorites,
      forwarding,
      desktop,
      conversations,
      new ConferencesFeature(host),
      new ProfileFeature(),
    ],
    databases,
    settings: settings.settings,
    remembered,
    pins,
    phone: calls,
    shell: {
      handleExternalLink: (url, origin) => desktop.handleExternalLink(url, origin),
      reportLinkRefusal: (refusal) => desktop.reportLinkRefusal(refusal),
      setHotkeyStatus: (status) => desktop.setHotkeyStatus(status),
      reportHotkeyPress: (outcome) => desktop.reportHotkeyPress(outcome),
      setMainWindowMinimized: (minimized) => desktop.setMainWindowMinimized(minimized),
      reportNotificationActivation: (activation) => desktop.reportNotificationActivation(activation),
      setWindowController: (controller) => desktop.setWindowController(controller),
      onDidMissCall: calls.onDidMissCall,
      onDidReceiveMessage: messages.onDidReceive,
      onDidReceiveVoicemail: voicemail.onDidReceive,
    },
    ...(options.loginTimeoutMs !== undefined ? { loginTimeoutMs: options.loginTimeoutMs } : {}),
    ...(options.deviceName !== undefined ? { deviceName: options.deviceName } : {}),
    ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.createEventsSocket ? { createEventsSocket: options.createEventsSocket } : {}),
    ...(options.backoff ? { backoff: options.backoff } : {}),
  });
}
