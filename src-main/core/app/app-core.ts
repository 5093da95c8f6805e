import { join } from 'node:path';
import type {
  AudioDevicesView,
  AudioSettings,
  CallView,
  CountersView,
  EventChannel,
  EventPayloads,
  ImportReportView,
  InvokeChannel,
  InvokeResult,
  InvokeResults,
  Language,
  LoginError,
  SessionState,
  SessionStatus,
  HeadsetStatusView,
  HotkeyPressView,
  HotkeyStatusView,
  NotificationActivation,
  RecentDialView,
  Settings,
  SyncState,
} from '../../../src-preload/contract/ipc-contract';
import type { IceServer, MediaHost } from '../../../src-preload/contract/media-contract';
import type { Provisioning, TokenPair } from '../../../server/api/uc-server-api';
import { brokenPasswordRules, reusesCurrentPassword } from '../../../src-preload/contract/password-policy';
import { AccountDatabases, accountKey } from '../platform/db/account-databases';
import { importLegacyDeviceSettings } from '../platform/db/legacy-database';
import { openDatabase } from '../platform/db/open-database';
import {
  createHeadsetAdapters,
  type CreateHeadsetAdaptersOptions,
} from '../features/desktop/headsets/create-headset-adapters';
import type { HeadsetAdapter } from '../features/desktop/headsets/headset-adapter';
import { HeadsetBridge, type HeadsetBridgeStatus } from '../features/desktop/headsets/headset-bridge';
import { validateAccelerator } from '../features/desktop/hotkey/validate-accelerator';
import { decideLinkDial } from '../features/desktop/links/link-dial-policy';
import { parseTelephonyUri } from '../features/desktop/links/parse-telephony-uri';
import { InvalidMessageError, MessageService, type ReceivedMessageNotice } from '../features/messages/message-service';
import { PopupController } from '../features/desktop/popup/popup-controller';
import { PresenceService } from '../features/presence/presence-service';
import {
  VoicemailNotFoundError,
  VoicemailService,
  type VoicemailNotice,
} from '../features/voicemail/voicemail-service';
import { zoomStep } from '../features/desktop/window/zoom-step';
import type { EventListener, ValidPayload } from '../platform/ipc/uc-backend';
import { UcError } from '../platform/ipc/uc-error';
import { journalResultFor } from '../features/calls/journal/journal-result';
import { parseDialTarget } from '../../../src-preload/contract/dial-target';
import { MemorySecretStore } from '../platform/secrets/memory-secret-store';
import type { SecretStore } from '../platform/secrets/secret-store';
import { MemoryPreferences, type DevicePreferences } from '../platform/preferences/device-preferences';
import { DEVICE_PREFERENCES_FILE, JsonFilePreferences } from '../platform/preferences/json-file-preferences';
import { ScopedSettings, UserSettingsUnavailableError } from '../features/settings/scoped-settings';
import { DEVICE_SETTING_KEYS } from '../features/settings/setting-scopes';
import { SettingsStore } from '../features/settings/settings-store';
import { CallStateError } from '../features/calls/sip/call';
import { CallState } from '../features/calls/sip/call-state';
import type { PhoneCall, PhoneEngine } from '../features/calls/sip/phone-engine';
import {
  SipEngine,
  type EngineLogger,
  type RegistrationState,
  type SipEngineOptions,
} from '../features/calls/sip/sip-engine';
import { InvalidContactError } from '../features/directory/contacts/contact-entry';
import { ContactNotFoundError, SyncEngine } from '../features/directory/sync/sync-engine';
import { UcClientError } from '../platform/uc/uc-client-error';
import { UcConnection } from '../platform/uc/uc-connection';
import { UcEventsClient, type EventsSocket } from '../platform/uc/uc-events-client';
import { UcServerClient, type FetchFn } from '../platform/uc/uc-http-client';
import { assertNever } from '../platform/assert-never';
import { systemClock, type Clock, type TimerHandle } from '../platform/clock';
import { TypedEmitter } from '../platform/typed-emitter';
import { AccountData } from './account-data';
import { LinkRequests } from '../features/desktop/links/link-requests';
import { parseServerAddress } from '../platform/uc/server-address';
import type { ExternalLinkOrigin, MissedCallNotice, ShellBackend, WindowController } from './shell-backend';

export interface AppCoreOptions {
  /**
   * The data folder: one database per account under `accounts/` (see
   * AccountDatabases), the device preferences file unless `devicePreferences`
   * is given; or ':memory:' for throw-away ones.
   */
  dataDir: string;
  /**
   * What this computer remembers for whoever uses it (see setting-scopes.ts).
   * Default: `<dataDir>/preferences.json` ({@link JsonFilePreferences}), or in
   * memory for ':memory:'. The Electron shell passes its electron-store.
   */
  devicePreferences?: DevicePreferences;
  mediaHost: MediaHost;
  clock?: Clock;
  /** extra STUN/TURN servers for calls, added to the ones the UC server provisions */
  iceServers?: IceServer[];
  /** language used until the user picks one */
  defaultLanguage?: Language;
  /** seam for tests: builds the SIP engine (default: a real {@link SipEngine}) */
  createEngine?: (options: SipEngineOptions) => PhoneEngine;
  /** longest time session.login waits for the first SIP registration outcome (default 10 s) */
  loginTimeoutMs?: number;
  /** how long an ended call stays in the call list so the UI can show why it ended (default 4 s) */
  endedCallLingerMs?: number;
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
   * ones ({@link createHeadsetAdapters} with {@link headsetAdapterOptions}).
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

/** SecretStore key of the remembered login. */
export const REMEMBERED_LOGIN_KEY = 'uc-login';

interface RememberedLogin {
  server: string;
  user: string;
  password: string;
}

/** The logged-in UC session: its client, live events, connection, sync and the password SIP needs. */
interface UcSession {
  server: string;
  user: string;
  password: string;
  displayName: string;
  failedAttempts: { count: number; lastAt?: number };
  client: UcServerClient;
  events: UcEventsClient | undefined;
  connection: UcConnection | undefined;
  sync: SyncEngine | undefined;
  disposers: Array<() => void>;
}

type Handlers = { [C in InvokeChannel]: (payload: ValidPayload<C>) => Promise<InvokeResults[C]> | InvokeResults[C] };

/**
 * The application core behind both shells: implements every invoke channel of
 * the contract on top of the UC server client, the sync engine and directory
 * cache, the SIP engine, the journal, the settings and the recent dials, and
 * publishes the contract events. Pure Node (no electron).
 *
 * Login (SPEC A1–A4):
 * ```
 * logged-out ──login──▶ connecting ──UC refuses──▶ auth-failed (invalid-credentials | too-many-attempts)
 *                          │  └──no reply──▶ unreachable (server-unreachable; no automatic retry)
 *                          ├──mustChangePassword──▶ password-change-required ──changePassword──┐
 *                          └──provisioned─────────────────────────────────────────────────────┴─▶ SIP engine:
 *                                     connecting ▶ registered | unreachable (auto-retry) | auth-failed
 * ```
 * Once logged in, the UC connection (ucConnection online/offline) and SIP
 * reconnect by themselves; logout revokes the refresh token and stops both.
 */
export class AppCore implements ShellBackend {
  private readonly clock: Clock;
  private readonly mediaHost: MediaHost;
  private readonly iceServers: IceServer[];
  private readonly createEngine: (options: SipEngineOptions) => PhoneEngine;
  private readonly loginTimeoutMs: number;
  private readonly lingerMs: number;
  private readonly log: EngineLogger;
  private readonly databases: AccountDatabases;
  /** device preferences + the logged-in user's settings, as one `Settings` */
  private readonly settings: ScopedSettings;
  /** the logged-in account's journal, recent dials, caches and settings; undefined while logged out */
  private account: AccountData | undefined;
  private accountDisposers: Array<() => void> = [];
  private readonly secrets: SecretStore;
  private readonly listeners = new Set<EventListener>();
  private readonly disposers: Array<() => void> = [];

  private engine: PhoneEngine | undefined;
  private engineDisposers: Array<() => void> = [];
  private uc: UcSession | undefined;
  /** bumps at every login/logout so a superseded login stops where it is */
  private loginSeq = 0;
  private session: SessionState = { status: 'logged-out' };
  /** live calls plus ended ones still lingering, in creation order */
  private readonly calls = new Map<string, PhoneCall>();
  private readonly lingerTimers = new Map<string, TimerHandle>();
  private ringing = false;
  /** the device choice last sent to the media host */
  private appliedAudio: AudioSettings | undefined;
  private directoryEventQueued = false;
  private disposed = false;
  private readonly handlers: Handlers;

  private readonly headsets: HeadsetBridge;
  private readonly linkRequests: LinkRequests;
  /** the SIP user (extension) the UC server provisioned; its mailbox is vm<user> */
  private provisionedSipUser: string | undefined;
  private readonly popup: PopupController;
  /** the own presence (SPEC B), followed while logged in */
  private readonly presence: PresenceService;
  private hotkeyStatus: HotkeyStatusView = { status: 'off' };
  private windowController: WindowController | undefined;
  private readonly didMissCall = new TypedEmitter<MissedCallNotice>();
  /** A call was missed (shells show a notification, SPEC G4). */
  readonly onDidMissCall = this.didMissCall.event;
  private readonly didReceiveMessage = new TypedEmitter<ReceivedMessageNotice>();
  /** An instant message arrived (shells show a notification, SPEC G4). */
  readonly onDidReceiveMessage = this.didReceiveMessage.event;
  /** instant messages of the logged-in account (SPEC E6); undefined while logged out */
  private messages: MessageService | undefined;
  private readonly didReceiveVoicemail = new TypedEmitter<VoicemailNotice>();
  /** A voice message arrived (shells show a notification, SPEC G4). */
  readonly onDidReceiveVoicemail = this.didReceiveVoicemail.event;
  /** the mailbox of the logged-in account (SPEC H); undefined while logged out */
  private voicemail: VoicemailService | undefined;

  constructor(private readonly options: AppCoreOptions) {
    this.clock = options.clock ?? systemClock;
    this.mediaHost = options.mediaHost;
    this.iceServers = options.iceServers ?? [];
    this.createEngine = options.createEngine ?? ((o) => new SipEngine(o));
    this.loginTimeoutMs = options.loginTimeoutMs ?? 10_000;
    this.lingerMs = options.endedCallLingerMs ?? 4_000;
    this.log = options.logger ?? (() => undefined);
    this.secrets = options.secretStore ?? new MemorySecretStore();
    const dbLog = (level: 'info' | 'warn' | 'error', message: string): void => this.log(level, `[data] ${message}`);
    this.databases = new AccountDatabases({ dataDir: options.dataDir, logger: dbLog });
    const preferences =
      options.devicePreferences ??
      (options.dataDir === ':memory:'
        ? new MemoryPreferences()
        : new JsonFilePreferences(join(options.dataDir, DEVICE_PREFERENCES_FILE), { logger: dbLog }));
    const device = new SettingsStore(preferences, { language: options.defaultLanguage ?? 'en' }, DEVICE_SETTING_KEYS);
    importLegacyDeviceSettings(options.dataDir, device, (path) => openDatabase(path), dbLog);
    this.settings = new ScopedSettings(device);
    this.linkRequests = new LinkRequests(this.clock, options.linkRequestTtlMs);
    this.presence = new PresenceService({
      clock: this.clock,
      logger: (level, message) => this.log(level, `[presence] ${message}`),
    });
    this.disposers.push(this.presence.onDidChange((view) => this.emit('presence.onDidChange', view)));
    const initial = this.settings.get();
    this.popup = new PopupController({
      clock: this.clock,
      setting: initial.popupVisibility,
      onDidChange: (state) => this.emit('popup.onDidChange', state),
    });
    this.headsets = new HeadsetBridge({
      adapters:
        options.headsetAdapters ??
        createHeadsetAdapters({
          ...options.headsetAdapterOptions,
          clock: this.clock,
          logger: (level, message) => this.log(level, `[headset] ${message}`),
        }),
      clock: this.clock,
      logger: (level, message) => this.log(level, `[headset] ${message}`),
      control: {
        answer: (callId) => this.onCall(callId, (c) => c.answer()),
        reject: (callId) => this.onCall(callId, (c) => c.reject('decline')),
        hangup: (callId) => this.onCall(callId, (c) => c.hangup()),
        setMuted: (callId, muted) => this.onCall(callId, (c) => c.setMuted(muted)),
        setHold: (callId, hold) => this.onCall(callId, (c) => c.setHold(hold)),
        redial: async () => {
          const last = this.account?.recentDials.list()[0];
          if (last !== undefined) this.dial(last);
        },
      },
    });
    this.disposers.push(
      this.settings.onDidChange((s) => this.settingsChanged(s)),
      this.headsets.onDidChangeStatus((status) => this.emit('headsets.onDidChange', headsetView(status))),
      // Also sent by a media host that just started or reconnected: apply the choice to it again.
      this.mediaHost.onEvent('devicesChanged', () => {
        if (this.disposed) return;
        this.applyAudioDevices(this.settings.get().audio);
        this.emit('audio.onDidChangeDevices', {});
      }),
    );
    this.configureHeadsets(initial.headsets);
    this.applyAudioDevices(initial.audio);
    this.handlers = {
      'session.login': (p) => this.login(p.server, p.user, p.password, p.remember),
      'session.changePassword': (p) => this.changePassword(p.currentPassword, p.newPassword),
      'session.logout': () => this.logout(),
      'session.getState': () => this.sessionView(),
      'calls.dial': (p) => this.dial(p.target, p.name),
      'calls.answer': (p) => this.onCall(p.callId, (c) => c.answer()),
      'calls.reject': (p) => this.onCall(p.callId, (c) => c.reject('decline')),
      'calls.hangup': (p) => this.onCall(p.callId, (c) => c.hangup()),
      'calls.setHold': (p) => this.onCall(p.callId, (c) => c.setHold(p.hold)),
      'calls.setMuted': (p) => this.onCall(p.callId, (c) => c.setMuted(p.muted)),
      'calls.sendDtmf': (p) => this.onCall(p.callId, (c) => c.sendDtmf(p.tones)),
      'calls.list': () => this.callViews(),
      // Logged out: no account, nothing to show (never the previous user's).
      'journal.list': (p) => this.account?.journal.list(p.limit ?? 200) ?? [],
      'dial.getRecent': () => this.account?.recentDials.list().map((number) => this.recentDialView(number)) ?? [],
      'settings.get': () => this.settings.get(),
      'settings.update': (p) => this.updateSettings(p),
      'directory.search': (p) =>
        this.account?.directory.search(p.query, {
          ...(p.source !== undefined ? { source: p.source } : {}),
          ...(p.limit !== undefined ? { limit: p.limit } : {}),
        }) ?? { groups: [] },
      'directory.getPhoto': async (p) => {
        const account = this.account;
        const photoUrl = account?.directory.get(p.id)?.photoUrl;
        if (!account || !photoUrl) return null;
        try {
          const dataUrl = await account.photos.dataUrl(photoUrl);
          // logged out (or another account) while it was fetched: its database is closed, the answer not for this user
          return dataUrl && this.account === account ? { dataUrl } : null;
        } catch (err) {
          if (this.account !== account) return null;
          throw err;
        }
      },
      'directory.get': (p) => {
        const entry = this.account?.directory.get(p.id);
        if (!entry) throw new UcError('not-found', `no directory entry ${p.id}`);
        return entry;
      },
      'contacts.create': (p) => this.editContact((sync) => sync.createContact(p.fields)),
      'contacts.update': (p) => this.editContact((sync) => sync.updateContact(p.id, p.fields)),
      'contacts.delete': (p) => this.editContact((sync) => sync.deleteContact(p.id)),
      'contacts.import': (p) => this.importContacts(p),
      'sync.getState': () => this.syncState(),
      'links.open': (p) => this.openInAppLink(p.url),
      'links.confirm': (p) => this.confirmLink(p.requestId, p.accept),
      'links.getPending': () => this.linkRequests.list(),
      'hotkey.getStatus': () => ({ ...this.hotkeyStatus }),
      'headsets.getStatus': () => headsetView(this.headsets.status),
      'window.command': (p) => this.windowCommand(p.command, p.view),
      'counters.get': () => this.counters(),
      'counters.markSeen': () => this.markMissedCallsSeen(),
      'popup.getState': () => this.popup.state,
      'audio.listDevices': () => this.listAudioDevices(),
      // ---- presence (SPEC B)
      'presence.get': () => this.presence.current,
      'presence.set': (p) => this.presence.set(p),
      // ---- messages (SPEC E6)
      'messages.listConversations': () => this.messages?.listConversations() ?? [],
      'messages.history': (p) => this.messages?.history(p.peer, p.limit) ?? [],
      'messages.send': (p) => this.sendMessage(p.peer, p.text),
      'messages.markRead': (p) => this.messages?.markRead(p.peer),
      // ---- voicemail (SPEC H)
      'voicemail.list': () => this.voicemail?.view() ?? { voicemails: [], newCount: 0, loaded: false },
      'voicemail.getAudio': (p) => this.voicemailAction(async (vm) => ({ dataUrl: await vm.audioDataUrl(p.id) })),
      'voicemail.setListened': (p) => this.voicemailAction((vm) => vm.setListened(p.id, p.listened)),
      'voicemail.delete': (p) => this.voicemailAction((vm) => vm.delete(p.id)),
      // ---- transfer (SPEC F2/F3)
      'calls.transfer': (p) => this.transferCall(p.callId, p.target),
      'calls.deflectToVoicemail': (p) => this.deflectToVoicemail(p.callId),
      'calls.openTransfer': (p) => this.openTransfer(p.callId),
      'calls.transferToCall': (p) => this.transferToCall(p.callId, p.targetCallId),
    };
  }

  // ------------------------------------------------------------ desktop integration (ShellBackend)

  /**
   * A tel:/callto:/sip: link handed over by the OS (SPEC G1). Never dials by
   * itself: a refused link publishes links.onDidRefuse; a good one is kept
   * (60 s) and published as links.onDidRequestDial for the user's yes/no.
   */
  handleExternalLink(url: string, origin: ExternalLinkOrigin): void {
    if (this.disposed) return;
    const link = parseTelephonyUri(url);
    if (!link.ok) {
      this.log('info', `refused a ${origin} link: ${link.reason}`);
      this.emit('links.onDidRefuse', { reason: link.reason, message: link.message });
      return;
    }
    const decision = decideLinkDial(link, origin);
    const request = this.linkRequests.add({
      number: decision.number,
      display: decision.display,
      scheme: link.scheme,
      ...(link.extension !== undefined ? { extension: link.extension } : {}),
    });
    this.emit('links.onDidRequestDial', request);
  }

  reportLinkRefusal(refusal: { reason: string; message?: string }): void {
    if (this.disposed) return;
    this.emit('links.onDidRefuse', {
      reason: refusal.reason,
      ...(refusal.message !== undefined ? { message: refusal.message } : {}),
    });
  }

  setHotkeyStatus(status: HotkeyStatusView): void {
    if (this.disposed) return;
    const changed = JSON.stringify(status) !== JSON.stringify(this.hotkeyStatus);
    this.hotkeyStatus = { ...status };
    if (changed) this.emit('hotkey.onDidChangeStatus', { ...status });
  }

  reportHotkeyPress(outcome: HotkeyPressView): void {
    if (!this.disposed) this.emit('hotkey.onDidHandlePress', { ...outcome });
  }

  setMainWindowMinimized(minimized: boolean): void {
    this.popup.setMainWindowMinimized(minimized);
  }

  reportNotificationActivation(activation: NotificationActivation): void {
    if (!this.disposed) this.emit('notifications.onDidActivate', { ...activation });
  }

  setWindowController(controller: WindowController | undefined): void {
    this.windowController = controller;
  }

  /** links.open: a link clicked inside our own window is the user's own action: dial now. */
  private openInAppLink(url: string): { callId: string } {
    const link = parseTelephonyUri(url);
    if (!link.ok) throw new UcError('invalid-link', link.message, [link.reason]);
    const decision = decideLinkDial(link, 'in-app-click');
    return this.dial(decision.number);
  }

  private confirmLink(requestId: string, accept: boolean): { callId: string } | null {
    const request = this.linkRequests.take(requestId);
    if (!request) throw new UcError('unknown-request', 'this call request expired or was already answered');
    return accept ? this.dial(request.number) : null;
  }

  private windowCommand(command: ValidPayload<'window.command'>['command'], view: Settings['view'] | undefined): void {
    switch (command) {
      case 'zoom-in':
      case 'zoom-out':
      case 'zoom-reset':
        this.settings.update({ zoom: zoomStep(this.settings.get().zoom, command) });
        return;
      case 'set-view':
        if (view === undefined) throw new UcError('invalid-payload', 'set-view needs a view');
        this.settings.update({ view });
        return;
      case 'toggle-pin':
        this.settings.update({ pinOnTop: !this.settings.get().pinOnTop });
        return;
      case 'minimize':
      case 'close':
      case 'dock':
        // The web shell has no window of its own: accepted and ignored.
        this.windowController?.(command);
        return;
      default:
        assertNever(command, 'unknown window command');
    }
  }

  /** messages.send: a blank text or bad peer is 'invalid-payload'; offline the message is queued, not refused. */
  private async sendMessage(peer: string, text: string) {
    const messages = this.messages;
    if (!messages) throw new UcError('not-logged-in', 'log in to send messages');
    try {
      return await messages.send(peer, text);
    } catch (err) {
      if (err instanceof InvalidMessageError) throw new UcError('invalid-payload', err.message);
      throw err;
    }
  }

  /** A voicemail.* action: 'not-logged-in' without a session, 'not-found' for a message that is gone. */
  private async voicemailAction<T>(action: (vm: VoicemailService) => Promise<T>): Promise<T> {
    const vm = this.voicemail;
    if (!vm) throw new UcError('not-logged-in', 'log in to use the voicemail');
    try {
      return await action(vm);
    } catch (err) {
      if (err instanceof VoicemailNotFoundError) throw new UcError('not-found', err.message);
      if (err instanceof UcClientError && err.status === 404) {
        throw new UcError('not-found', 'this voice message is gone');
      }
      if (err instanceof UcClientError && err.kind === 'unreachable') {
        throw new UcError('server-unreachable', err.message);
      }
      throw err;
    }
  }

  private markMissedCallsSeen(): CountersView {
    const missedCalls = this.account?.missedCalls;
    if (!missedCalls) return this.counters();
    const before = missedCalls.count();
    const after = missedCalls.markSeen();
    if (after !== before) this.emit('counters.onDidChange', this.counters());
    return this.counters();
  }

  /**
   * Every counter of SPEC G4 (tray, badges). Each source owns its count;
   * a change to any of them emits counters.onDidChange with all of them.
   */
  private counters(): CountersView {
    return {
      missedCalls: this.account?.missedCalls.count() ?? 0,
      // ---- counters of other slices
      unreadMessages: this.messages?.unreadTotal ?? 0,
      newVoicemails: this.voicemail?.newCount ?? 0,
    };
  }

  private settingsChanged(settings: Settings): void {
    this.emit('settings.onDidChange', settings);
    this.popup.setSetting(settings.popupVisibility);
    this.configureHeadsets(settings.headsets);
    if (JSON.stringify(settings.audio) !== JSON.stringify(this.appliedAudio)) this.applyAudioDevices(settings.audio);
  }

  /**
   * Sends the preferred devices to the media host (SPEC F4). Fire and forget:
   * with no media host yet (web shell before its page connects) it fails
   * harmlessly, and the host asks again with `devicesChanged` when it starts.
   */
  private applyAudioDevices(audio: AudioSettings): void {
    this.appliedAudio = { ...audio };
    this.mediaHost
      .request('setDevices', {
        ...(audio.microphoneId !== null ? { microphoneId: audio.microphoneId } : {}),
        ...(audio.speakerId !== null ? { speakerId: audio.speakerId } : {}),
        ...(audio.ringingId !== null ? { ringingId: audio.ringingId } : {}),
      })
      .catch((err: unknown) => this.log('info', `audio devices not applied yet: ${String(err)}`));
  }

  private async listAudioDevices(): Promise<AudioDevicesView> {
    try {
      return await this.mediaHost.request('listDevices', {});
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new UcError('media-unavailable', `audio devices cannot be listed: ${reason}`);
    }
  }

  private configureHeadsets(headsets: Settings['headsets']): void {
    this.headsets.configure({ ...headsets }).catch((err: unknown) => {
      this.log('warn', `headsets not configured: ${String(err)}`);
    });
  }

  async invoke<C extends InvokeChannel>(channel: C, payload: ValidPayload<C>): Promise<InvokeResult<C>> {
    if (this.disposed) throw new UcError('internal', 'the application is shutting down');
    const handler = this.handlers[channel] as (p: ValidPayload<C>) => Promise<InvokeResult<C>> | InvokeResult<C>;
    return handler(payload);
  }

  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Logs in with the remembered credentials when the auto-login setting is on
   * (the shells call it at start). Resolves with the session state, or
   * undefined when there is nothing to do.
   */
  async autoLogin(): Promise<SessionState | undefined> {
    if (!this.settings.get().autoLogin || this.session.status !== 'logged-out') return undefined;
    const remembered = await this.readRememberedLogin();
    if (!remembered) return undefined;
    return this.login(remembered.server, remembered.user, remembered.password, undefined);
  }

  /** Hangs up, unregisters, stops sync, closes the database. Keeps the session on the server (no revoke). Idempotent. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.loginSeq++;
    await this.stopEngine();
    await this.stopUc(false);
    for (const timer of this.lingerTimers.values()) this.clock.clearTimeout(timer);
    this.lingerTimers.clear();
    this.linkRequests.dispose();
    this.popup.dispose();
    await this.headsets.dispose().catch((err: unknown) => this.log('warn', `headsets dispose failed: ${String(err)}`));
    for (const d of this.disposers) d();
    this.listeners.clear();
    this.databases.dispose();
  }

  // ------------------------------------------------------------ session

  private async login(
    server: string,
    user: string,
    password: string,
    remember: boolean | undefined,
  ): Promise<SessionState> {
    const address = parseServerAddress(server);
    if (!address.ok) throw new UcError('invalid-server', address.message);
    if (!/^[A-Za-z0-9._~+-]+$/.test(user)) {
      throw new UcError('invalid-payload', 'user: only letters, digits and . _ ~ + - are allowed');
    }
    const seq = ++this.loginSeq;
    await this.stopEngine();
    await this.stopUc(true);
    if (seq !== this.loginSeq) return this.sessionView();
    this.setSession({ status: 'connecting', user, server });

    const client: UcServerClient = new UcServerClient({
      apiUrl: address.apiUrl,
      clock: this.clock,
      ...(this.options.requestTimeoutMs !== undefined ? { timeoutMs: this.options.requestTimeoutMs } : {}),
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      // The refresh token was revoked or expired: log in again with the password we hold for SIP anyway.
      reauthenticate: async (): Promise<TokenPair> => {
        const uc = this.uc;
        if (!uc || uc.client !== client) throw new UcError('not-logged-in', 'logged out');
        return client.login(this.loginRequest(uc.user, uc.password));
      },
    });
    let reply;
    try {
      reply = await client.login(this.loginRequest(user, password));
    } catch (err) {
      if (seq !== this.loginSeq) return this.sessionView();
      this.setSession(this.failedLogin(err, user, server));
      return this.sessionView();
    }
    if (seq !== this.loginSeq) {
      void client.logout().catch(() => undefined);
      return this.sessionView();
    }
    // The UC server vouched for these credentials: only now is this account's local data opened.
    this.openAccount(address.origin, reply.account.number, user);
    this.uc = {
      server,
      user,
      password,
      displayName: reply.account.displayName,
      failedAttempts: reply.failedAttempts,
      client,
      events: undefined,
      connection: undefined,
      sync: undefined,
      disposers: [],
    };
    this.settings.rememberServer(server);
    await this.applyRemember(remember, { server, user, password });
    if (reply.mustChangePassword) {
      this.setSession({ ...this.baseSession(), status: 'password-change-required' });
      return this.sessionView();
    }
    let provisioning = reply.provisioning;
    if (!provisioning) {
      try {
        provisioning = (await client.me()).provisioning;
      } catch (err) {
        if (seq !== this.loginSeq) return this.sessionView();
        await this.stopUc(true);
        this.setSession(this.failedLogin(err, user, server));
        return this.sessionView();
      }
    }
    if (seq !== this.loginSeq) return this.sessionView();
    return this.startServices(seq, provisioning);
  }

  private loginRequest(user: string, password: string) {
    return { user, password, ...(this.options.deviceName ? { deviceName: this.options.deviceName } : {}) };
  }

  /** Session state for a login that did not get through the UC server. */
  private failedLogin(err: unknown, user: string, server: string): SessionState {
    const base = { user, server };
    if (err instanceof UcClientError) {
      switch (err.kind) {
        case 'unreachable':
          return { ...base, status: 'unreachable', loginError: 'server-unreachable' };
        case 'bad-server-reply':
          this.log('warn', `login: ${err.message}`);
          return { ...base, status: 'unreachable', loginError: 'bad-server-reply' };
        case 'api':
          if (err.status === 429 || err.code === 'too-many-attempts') {
            return {
              ...base,
              status: 'auth-failed',
              loginError: 'too-many-attempts',
              ...(err.details.retryAfterS !== undefined ? { retryAfterS: err.details.retryAfterS } : {}),
            };
          }
          if (err.status === 401 || err.code === 'invalid-credentials') {
            return { ...base, status: 'auth-failed', loginError: 'invalid-credentials' };
          }
          if ((err.status ?? 0) >= 500) return { ...base, status: 'unreachable', loginError: 'server-unreachable' };
          this.log('warn', `login: ${err.message}`);
          return { ...base, status: 'unreachable', loginError: 'bad-server-reply' };
        default:
          return assertNever(err.kind, 'unknown UC client error');
      }
    }
    this.log('error', `login failed: ${err instanceof Error ? err.message : String(err)}`);
    return { ...base, status: 'unreachable', loginError: 'server-unreachable' };
  }

  /** Provisioned: live events, connection state, sync, then SIP. */
  private async startServices(seq: number, provisioning: Provisioning): Promise<SessionState> {
    const uc = this.uc;
    if (!uc) return this.sessionView();
    const address = parseServerAddress(uc.server);
    if (!address.ok) throw new UcError('invalid-server', address.message);
    const events = new UcEventsClient({
      eventsUrl: address.eventsUrl,
      accessToken: () => uc.client.tokens?.accessToken,
      refreshToken: () => uc.client.refresh(),
      clock: this.clock,
      ...(this.options.backoff ? { backoff: this.options.backoff } : {}),
      ...(this.options.createEventsSocket ? { createSocket: this.options.createEventsSocket } : {}),
      logger: (level, message) => this.log(level, message),
    });
    const connection = new UcConnection(uc.client, events);
    const account = this.account;
    if (!account) throw new UcError('internal', 'no local data open for this session');
    const sync = new SyncEngine({
      db: account.db,
      cache: account.directory,
      transport: uc.client,
      account: `${address.origin}|${uc.user}`,
      clock: this.clock,
      ...(this.options.backoff ? { backoff: this.options.backoff } : {}),
      ...(this.options.syncPageLimit !== undefined ? { pageLimit: this.options.syncPageLimit } : {}),
      logger: (level, message) => this.log(level, message),
    });
    uc.events = events;
    uc.connection = connection;
    uc.sync = sync;
    uc.disposers.push(
      connection.onDidChange((state) => {
        sync.setOnline(state === 'online');
        this.setSession({ ...this.session, ucConnection: state });
      }),
      events.onDidReceive((event) => {
        if (event.type === 'changed') sync.requestPull(event.revision);
      }),
      // Changes made while the socket was down are only in the feed: pull at every (re)connection.
      events.onDidChangeState((state) => {
        if (state === 'open') sync.requestPull();
      }),
      sync.onDidChange((state) => this.emit('sync.onDidChange', state)),
    );
    // ---- presence (SPEC B): start the slice's service here
    uc.disposers.push(
      this.presence.attach({
        transport: uc.client,
        live: events,
        isOnline: () => connection.state === 'online',
      }),
    );
    // ---- messages (SPEC E6): start the slice's service here
    const messages = new MessageService({
      db: account.db,
      transport: uc.client,
      account: `${address.origin}|${uc.user}`,
      self: uc.user,
      clock: this.clock,
      ...(this.options.backoff ? { backoff: this.options.backoff } : {}),
      resolveName: (peer) => this.nameOf(peer),
      logger: (level, message) => this.log(level, message),
    });
    this.messages = messages;
    uc.disposers.push(
      messages.onDidChange((change) => this.emit('messages.onDidChange', change)),
      messages.onDidChangeUnread(() => this.emit('counters.onDidChange', this.counters())),
      messages.onDidReceive((notice) => this.didReceiveMessage.fire(notice)),
      connection.onDidChange((state) => messages.setOnline(state === 'online')),
      events.onDidReceive((event) => {
        if (event.type === 'messages-changed') messages.requestPull(event.revision);
      }),
      // messages sent while the socket was down are only in the feed: pull at every (re)connection
      events.onDidChangeState((state) => {
        if (state === 'open') messages.requestPull();
      }),
      () => {
        if (this.messages !== messages) return;
        this.messages = undefined;
        void messages.stop();
        if (!this.disposed) {
          this.emit('messages.onDidChange', { peers: [] });
          this.emit('counters.onDidChange', this.counters());
        }
      },
    );
    messages.start();
    // The account's cached conversations show now (offline too), not at the next new message.
    this.emit('messages.onDidChange', { peers: [] });
    this.emit('counters.onDidChange', this.counters());
    // ---- voicemail (SPEC H): start the slice's service here
    const voicemail = new VoicemailService({
      transport: uc.client,
      logger: (level, message) => this.log(level, `[voicemail] ${message}`),
    });
    this.voicemail = voicemail;
    let newVoicemails = 0;
    const refreshVoicemail = (): void => {
      voicemail.refresh().catch((e: unknown) => this.log('warn', `[voicemail] refresh failed: ${String(e)}`));
    };
    uc.disposers.push(
      voicemail.onDidChange((view) => {
        this.emit('voicemail.onDidChange', view);
        if (view.newCount !== newVoicemails) {
          newVoicemails = view.newCount;
          this.emit('counters.onDidChange', this.counters());
        }
      }),
      voicemail.onDidReceive((notice) => this.didReceiveVoicemail.fire(notice)),
      events.onDidReceive((event) => {
        if (event.type === 'voicemails-changed') refreshVoicemail();
      }),
      // messages left while the socket was down: fetch at every (re)connection (the first one included)
      events.onDidChangeState((state) => {
        if (state === 'open') refreshVoicemail();
      }),
      () => {
        if (this.voicemail !== voicemail) return;
        this.voicemail = undefined;
        voicemail.dispose();
        if (!this.disposed) {
          this.emit('voicemail.onDidChange', { voicemails: [], newCount: 0, loaded: false });
          this.emit('counters.onDidChange', this.counters());
        }
      },
    );
    refreshVoicemail();
    sync.start();
    events.start();
    return this.startSip(seq, provisioning);
  }

  private async startSip(seq: number, provisioning: Provisioning): Promise<SessionState> {
    const uc = this.uc;
    if (!uc) return this.sessionView();
    await this.stopEngine();
    this.provisionedSipUser = provisioning.sipUser;
    const engine = this.createEngine({
      wsUrl: provisioning.sipWsUrl,
      domain: provisioning.sipDomain,
      user: provisioning.sipUser,
      password: uc.password,
      displayName: uc.displayName,
      mediaHost: this.mediaHost,
      iceServers: [...provisioning.iceServers.map(toIceServer), ...this.iceServers],
      clock: this.clock,
      logger: this.log,
    });
    this.engine = engine;
    this.engineDisposers = [
      engine.onDidChangeRegistration((r) => {
        if (this.engine === engine) this.setSession(this.sessionFrom(r));
      }),
      engine.onDidCreateCall((call) => this.trackCall(call)),
    ];
    this.setSession({ ...this.baseSession(), status: 'connecting' });
    let timer: TimerHandle | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = this.clock.setTimeout(resolve, this.loginTimeoutMs);
    });
    try {
      await Promise.race([engine.start(), timeout]);
    } finally {
      this.clock.clearTimeout(timer);
    }
    if (this.engine !== engine || seq !== this.loginSeq) return this.sessionView();
    this.setSession(this.sessionFrom(engine.registration));
    return this.sessionView();
  }

  private async changePassword(currentPassword: string, newPassword: string): Promise<SessionState> {
    const uc = this.uc;
    if (!uc) throw new UcError('not-logged-in', 'log in before changing the password');
    const broken = brokenPasswordRules(newPassword);
    if (broken.length > 0) {
      throw new UcError('weak-password', `the new password breaks these rules: ${broken.join(', ')}`, broken);
    }
    if (reusesCurrentPassword(currentPassword, newPassword)) {
      throw new UcError('same-password', 'the new password must differ from the current one');
    }
    const seq = this.loginSeq;
    let reply;
    try {
      reply = await uc.client.changePassword({ currentPassword, newPassword });
    } catch (err) {
      throw this.passwordError(err);
    }
    if (this.uc !== uc || seq !== this.loginSeq) return this.sessionView();
    uc.password = newPassword;
    const remembered = await this.readRememberedLogin();
    if (remembered && remembered.server === uc.server && remembered.user === uc.user) {
      await this.writeRememberedLogin({ ...remembered, password: newPassword });
    }
    if (!uc.sync) return this.startServices(seq, reply.provisioning);
    // SIP digest uses the account password (HA1): register again with the new one.
    return this.startSip(seq, reply.provisioning);
  }

  private passwordError(err: unknown): UcError {
    if (err instanceof UcClientError) {
      if (err.kind === 'unreachable') return new UcError('server-unreachable', err.message);
      if (err.code === 'weak-password') return new UcError('weak-password', err.message, err.details.rules ?? []);
      if (err.code === 'wrong-current-password') return new UcError('wrong-current-password', err.message);
      if (err.code === 'same-password') return new UcError('same-password', err.message);
      if (err.status === 401) return new UcError('not-logged-in', err.message);
      return new UcError('internal', err.message);
    }
    return new UcError('internal', err instanceof Error ? err.message : String(err));
  }

  private async logout(): Promise<SessionState> {
    this.loginSeq++;
    await this.stopEngine();
    await this.stopUc(true);
    // Logout asks for the credentials again (SPEC A3): the remembered login goes, and auto-login with it.
    await this.forgetRememberedLogin();
    this.setSession({ status: 'logged-out' });
    return this.sessionView();
  }

  // ------------------------------------------------------------ the account's local data (issue 8)

  /**
   * Opens the logged-in account's own database (one per server + account, see
   * AccountDatabases) and shows its data. Keyed by the account number the UC
   * server answered, not by what was typed.
   */
  private openAccount(origin: string, number: string, typed: string): void {
    this.closeAccount();
    const db = this.databases.open({ origin, user: number, aliases: typed === number ? [] : [typed] });
    const account = new AccountData(db, accountKey(origin, number), {
      clock: this.clock,
      client: () => this.uc?.client,
    });
    this.account = account;
    this.accountDisposers = [
      account.journal.onDidChange(() => this.emit('journal.onDidChange', {})),
      account.directory.onDidChange(() => this.queueDirectoryEvent()),
    ];
    this.settings.setUser(account.settings);
    this.publishAccountViews();
  }

  /**
   * Logout (or another login): closes the account's database and tells the
   * views backed by it that they changed, so the renderer reloads them empty
   * (journal, counters → tray/badge, directory results, sync state, per-user
   * settings; messages, voicemail and presence are cleared by their services).
   */
  private closeAccount(): void {
    const account = this.account;
    if (!account) return;
    this.account = undefined;
    for (const dispose of this.accountDisposers) dispose();
    this.accountDisposers = [];
    this.settings.setUser(undefined);
    this.databases.close(account.db);
    if (!this.disposed) this.publishAccountViews();
  }

  private publishAccountViews(): void {
    this.emit('journal.onDidChange', {});
    this.emit('counters.onDidChange', this.counters());
    this.emit('sync.onDidChange', this.syncState());
    this.queueDirectoryEvent();
  }

  /** Stops events, sync and (with `revoke`) revokes the refresh token (best effort: the server may be down). */
  private async stopUc(revoke: boolean): Promise<void> {
    const uc = this.uc;
    if (!uc) {
      this.closeAccount(); // an account is only open with a session; never leave one open without
      return;
    }
    this.uc = undefined;
    for (const d of uc.disposers) d();
    uc.events?.stop();
    uc.connection?.dispose();
    await uc.sync?.stop();
    // Services are stopped (they check that after every await): nothing writes to the database any more.
    this.closeAccount();
    if (revoke) {
      // Not awaited: a dead server must not hold the logout (or a login to another server) for the
      // request timeout. The tokens are forgotten at once either way.
      void uc.client.logout().catch((err: unknown) => {
        this.log('warn', `refresh token not revoked (server unreachable?): ${String(err)}`);
      });
    }
  }

  private async stopEngine(): Promise<void> {
    const engine = this.engine;
    if (!engine) return;
    this.engine = undefined;
    await engine.stop().catch((err: unknown) => this.log('warn', `engine stop failed: ${String(err)}`));
    // Listen until stop() returned so the calls it ended reach the journal.
    for (const d of this.engineDisposers) d();
    this.engineDisposers = [];
  }

  /** user/server/displayName/ucConnection/failedAttempts of the current UC session. */
  private baseSession(): Omit<SessionState, 'status'> {
    const uc = this.uc;
    if (!uc) return {};
    const base: Omit<SessionState, 'status'> = {
      user: uc.user,
      server: uc.server,
      displayName: uc.displayName,
      ucConnection: uc.connection?.state ?? 'online',
    };
    if (uc.failedAttempts.count > 0) base.failedAttempts = { ...uc.failedAttempts };
    return base;
  }

  private sessionFrom(r: RegistrationState): SessionState {
    const status = this.statusFrom(r);
    const state: SessionState = { ...this.baseSession(), status };
    if (status === 'unreachable' && r.nextRetryAt !== undefined) state.nextRetryAt = r.nextRetryAt;
    if (status === 'unreachable' && r.issue !== undefined) state.registrationIssue = r.issue;
    if (status === 'auth-failed') state.loginError = 'sip-auth-failed' satisfies LoginError;
    return state;
  }

  private statusFrom(r: RegistrationState): SessionStatus {
    switch (r.status) {
      case 'stopped':
        return 'logged-out';
      case 'connecting':
      case 'registered':
      case 'unreachable':
      case 'auth-failed':
        return r.status;
      default:
        return assertNever(r.status, 'unknown registration status');
    }
  }

  private sessionView(): SessionState {
    const s = { ...this.session };
    if (s.failedAttempts) s.failedAttempts = { ...s.failedAttempts };
    return s;
  }

  private setSession(state: SessionState): void {
    const prev = this.session;
    this.session = state;
    if (JSON.stringify(prev) === JSON.stringify(state)) return;
    this.emit('session.onDidChangeState', this.sessionView());
  }

  // ------------------------------------------------------------ remembered login (SPEC A3)

  /**
   * The device keeps at most one remembered login, and only ever the account
   * that logged in last (a PC shared by several users, issue 8): a login as
   * another account, remembered or not, forgets the previous one's, so
   * auto-login can never start the previous user's session for whoever starts
   * the app next, nor show their data.
   */
  private async applyRemember(remember: boolean | undefined, login: RememberedLogin): Promise<void> {
    if (remember === undefined) {
      // autoLogin() itself, the demo, an API caller that did not say: keep a remembered login only if it is this one.
      const stored = await this.readRememberedLogin();
      if (stored && !sameAccount(stored, login)) await this.forgetRememberedLogin();
      return;
    }
    if (!remember) {
      await this.forgetRememberedLogin();
      return;
    }
    if (!this.secrets.persistent) {
      // e.g. the web shell: nothing is ever written, so there is nothing to log in with at the next start.
      this.log('info', 'login not remembered: this shell keeps no credentials across restarts');
      await this.forgetRememberedLogin();
      return;
    }
    try {
      await this.writeRememberedLogin(login);
      this.settings.update({ autoLogin: true });
    } catch (err) {
      // e.g. no OS keychain: the login itself succeeded; only auto-login is unavailable —
      // and a previous account's remembered login must not stand in for this one.
      this.log('warn', `login not remembered: ${err instanceof Error ? err.message : String(err)}`);
      await this.forgetRememberedLogin();
    }
  }

  /** Deletes the remembered login and turns auto-login off (the next user's "remember me" starts unticked). */
  private async forgetRememberedLogin(): Promise<void> {
    await this.secrets.delete(REMEMBERED_LOGIN_KEY).catch((err: unknown) => {
      this.log('warn', `could not forget the stored login: ${String(err)}`);
    });
    this.settings.update({ autoLogin: false });
  }

  private async readRememberedLogin(): Promise<RememberedLogin | undefined> {
    let text: string | undefined;
    try {
      text = await this.secrets.get(REMEMBERED_LOGIN_KEY);
    } catch (err) {
      this.log('warn', `could not read the stored login: ${String(err)}`);
      return undefined;
    }
    if (!text) return undefined;
    try {
      const v = JSON.parse(text) as Partial<RememberedLogin>;
      if (typeof v.server === 'string' && typeof v.user === 'string' && typeof v.password === 'string') {
        return { server: v.server, user: v.user, password: v.password };
      }
    } catch {
      // fall through: unusable, treat as absent
    }
    return undefined;
  }

  private writeRememberedLogin(login: RememberedLogin): Promise<void> {
    return this.secrets.set(REMEMBERED_LOGIN_KEY, JSON.stringify(login));
  }

  // ------------------------------------------------------------ settings

  private updateSettings(patch: ValidPayload<'settings.update'>): Settings {
    const before = this.settings.get();
    const clean: Partial<Settings> = {};
    if (patch.language !== undefined) clean.language = patch.language;
    if (patch.servers !== undefined) {
      for (const s of patch.servers) {
        const parsed = parseServerAddress(s);
        if (!parsed.ok) throw new UcError('invalid-server', `${s.slice(0, 64)}: ${parsed.message}`);
      }
      clean.servers = patch.servers;
    }
    if (patch.autoLogin !== undefined) clean.autoLogin = patch.autoLogin;
    if (patch.launchAtStartup !== undefined) clean.launchAtStartup = patch.launchAtStartup;
    if (patch.dialHotkey !== undefined) {
      if (patch.dialHotkey === null || patch.dialHotkey.trim() === '') {
        clean.dialHotkey = null;
      } else {
        const checked = validateAccelerator(patch.dialHotkey, this.options.platform ?? process.platform);
        if (!checked.ok) throw new UcError('invalid-hotkey', checked.message, [checked.reason]);
        clean.dialHotkey = checked.accelerator;
      }
    }
    if (patch.telephonyLinksDefault !== undefined) clean.telephonyLinksDefault = patch.telephonyLinksDefault;
    if (patch.headsets !== undefined) {
      const current = before.headsets;
      clean.headsets = {
        hid: patch.headsets.hid ?? current.hid,
        jabra: patch.headsets.jabra ?? current.jabra,
        poly: patch.headsets.poly ?? current.poly,
      };
    }
    if (patch.popupVisibility !== undefined) clean.popupVisibility = patch.popupVisibility;
    if (patch.dateFormat !== undefined) clean.dateFormat = patch.dateFormat;
    if (patch.startMinimized !== undefined) clean.startMinimized = patch.startMinimized;
    if (patch.view !== undefined) clean.view = patch.view;
    if (patch.zoom !== undefined) clean.zoom = Math.round(patch.zoom * 100) / 100;
    if (patch.pinOnTop !== undefined) clean.pinOnTop = patch.pinOnTop;
    if (patch.audio !== undefined) {
      const current = before.audio;
      clean.audio = {
        microphoneId: patch.audio.microphoneId !== undefined ? patch.audio.microphoneId : current.microphoneId,
        speakerId: patch.audio.speakerId !== undefined ? patch.audio.speakerId : current.speakerId,
        ringingId: patch.audio.ringingId !== undefined ? patch.audio.ringingId : current.ringingId,
      };
    }
    let after: Settings;
    try {
      after = this.settings.update(clean);
    } catch (err) {
      if (err instanceof UserSettingsUnavailableError) throw new UcError('not-logged-in', err.message, err.keys);
      throw err;
    }
    if (after.launchAtStartup !== before.launchAtStartup) {
      try {
        this.options.onLaunchAtStartupChange?.(after.launchAtStartup);
      } catch (err) {
        this.log('warn', `launch at startup not applied: ${String(err)}`);
      }
    }
    if (before.autoLogin && !after.autoLogin) {
      void this.secrets.delete(REMEMBERED_LOGIN_KEY).catch(() => undefined);
    }
    return after;
  }

  // ------------------------------------------------------------ directory, contacts, sync

  private editContact<T>(edit: (sync: SyncEngine) => T): T {
    const sync = this.uc?.sync;
    if (!sync) throw new UcError('not-logged-in', 'log in to edit personal contacts');
    try {
      return edit(sync);
    } catch (err) {
      if (err instanceof InvalidContactError) {
        const numberField = ['business', 'mobile', 'private', 'other'].includes(err.field);
        throw new UcError(numberField ? 'invalid-number' : 'invalid-payload', err.message, [err.field]);
      }
      if (err instanceof ContactNotFoundError) throw new UcError('not-found', err.message);
      throw err;
    }
  }

  private async importContacts(p: ValidPayload<'contacts.import'>): Promise<ImportReportView> {
    const uc = this.uc;
    if (!uc?.sync) throw new UcError('not-logged-in', 'log in to import contacts');
    if (uc.connection?.state === 'offline') {
      throw new UcError('server-unreachable', 'importing needs the UC server, which cannot be reached right now');
    }
    try {
      const reply = await uc.client.importContacts({
        format: p.format,
        encoding: p.encoding,
        contentBase64: p.contentBase64,
      });
      uc.sync.requestPull(reply.revision);
      return reply.report;
    } catch (err) {
      if (err instanceof UcClientError) {
        if (err.kind === 'unreachable') throw new UcError('server-unreachable', err.message);
        if (err.code === 'import-failed' || err.code === 'invalid-request') {
          throw new UcError('import-failed', err.message, err.details.rules ?? [err.message]);
        }
      }
      throw new UcError('import-failed', err instanceof Error ? err.message : String(err));
    }
  }

  private syncState(): SyncState {
    return this.uc?.sync?.state ?? { status: 'offline', pending: 0, revision: this.account?.directory.revision ?? 0 };
  }

  /** directory.onDidChange once per burst of cache writes (a pull writes page by page). */
  private queueDirectoryEvent(): void {
    if (this.directoryEventQueued) return;
    this.directoryEventQueued = true;
    queueMicrotask(() => {
      this.directoryEventQueued = false;
      if (!this.disposed) this.emit('directory.onDidChange', {});
    });
  }

  // ------------------------------------------------------------ calls

  /**
   * Whose number this is — the one lookup behind the names shown with numbers
   * (issue #8: call card, journal, recent dials, conversations): the directory
   * cache, else the name the journal last had for it (a contact it was dialed from).
   */
  private nameOf(number: string): string | undefined {
    const account = this.account;
    if (!account) return undefined;
    return account.directory.nameForNumber(number) ?? account.journal.lastPeerName(number);
  }

  private recentDialView(number: string): RecentDialView {
    const name = this.nameOf(number);
    return name !== undefined ? { number, name } : { number };
  }

  /**
   * @param name who is called when the user picked them (directory entry, contact); otherwise the
   *   directory cache says whose number it is (issue #8: the call card and the journal show names)
   */
  private dial(input: string, name?: string): { callId: string } {
    const parsed = parseDialTarget(input);
    // the reason travels in details: the renderer shows the same message as under the Search/Dial field
    if (!parsed.ok) {
      throw new UcError('invalid-number', `cannot dial "${input.slice(0, 64)}": ${parsed.reason}`, [parsed.reason]);
    }
    const engine = this.engine;
    if (!engine || engine.registration.status !== 'registered') {
      throw new UcError('not-registered', 'not registered with the server');
    }
    let call: PhoneCall;
    try {
      const peerName = name ?? this.nameOf(parsed.canonical);
      call = engine.dial(parsed.target, peerName !== undefined ? { peerName } : {});
    } catch (err) {
      throw new UcError('internal', err instanceof Error ? err.message : String(err));
    }
    this.account?.recentDials.add(parsed.canonical);
    return { callId: call.id };
  }

  /**
   * SPEC F2 Transfer / F3 blind transfer: a ringing call is deflected (302),
   * an answered or held one is transferred (REFER). Targets are parsed like
   * calls.dial, so the same numbers and errors apply.
   */
  private async transferCall(callId: string, input: string): Promise<void> {
    const parsed = parseDialTarget(input);
    if (!parsed.ok) {
      throw new UcError('invalid-number', `cannot transfer to "${input.slice(0, 64)}": ${parsed.reason}`, [
        parsed.reason,
      ]);
    }
    const engine = this.requireEngine();
    const uri = engine.sipUri(parsed.target);
    await this.onCall(callId, (call) => (call.state === CallState.RingingIn ? call.deflect(uri) : call.transfer(uri)));
    this.account?.recentDials.add(parsed.canonical);
  }

  /**
   * SPEC F2 Deflect: the ringing call goes to the user's own mailbox,
   * `vm<extension>` (routed by Kamailio to the voicemail service, SPEC H).
   */
  private async deflectToVoicemail(callId: string): Promise<void> {
    const engine = this.requireEngine();
    const mailbox = this.provisionedSipUser;
    if (mailbox === undefined) throw new UcError('not-registered', 'not registered with the server');
    await this.onCall(callId, (call) => call.deflect(engine.sipUri(`vm${mailbox}`)));
  }

  private async transferToCall(callId: string, targetCallId: string): Promise<void> {
    const target = this.calls.get(targetCallId);
    if (!target || target.state === CallState.Terminated || targetCallId === callId) {
      throw new UcError('unknown-call', `no other call ${targetCallId}`);
    }
    await this.onCall(callId, (call) => call.transferToCall(target));
  }

  private openTransfer(callId: string): void {
    const call = this.calls.get(callId);
    if (!call || call.state === CallState.Terminated) throw new UcError('unknown-call', `no call ${callId}`);
    this.windowController?.('show');
    this.emit('calls.onDidRequestTransfer', { callId });
  }

  private requireEngine(): PhoneEngine {
    const engine = this.engine;
    if (!engine || engine.registration.status !== 'registered') {
      throw new UcError('not-registered', 'not registered with the server');
    }
    return engine;
  }

  private async onCall(callId: string, action: (call: PhoneCall) => Promise<void>): Promise<void> {
    const call = this.calls.get(callId);
    if (!call || call.state === CallState.Terminated) throw new UcError('unknown-call', `no call ${callId}`);
    try {
      await action(call);
    } catch (err) {
      if (err instanceof CallStateError) throw new UcError('invalid-state', err.message);
      throw err;
    }
  }

  private trackCall(call: PhoneCall): void {
    if (this.calls.has(call.id)) return;
    this.calls.set(call.id, call);
    call.onDidChange(() => this.callsChanged());
    call.onDidEnd(() => this.onCallEnded(call));
    this.callsChanged();
  }

  private onCallEnded(call: PhoneCall): void {
    this.recordJournal(call);
    this.lingerTimers.set(
      call.id,
      this.clock.setTimeout(() => {
        this.lingerTimers.delete(call.id);
        this.calls.delete(call.id);
        this.callsChanged();
      }, this.lingerMs),
    );
    this.callsChanged();
  }

  private recordJournal(call: PhoneCall): void {
    const endedAt = call.endedAt ?? this.clock.now();
    const reason = call.endReason ?? 'failed';
    const result = journalResultFor(
      call.direction,
      call.answeredAt,
      reason,
      call.answeredByVoicemail,
      call.divertedBecause,
    );
    // The engine stops before the account closes (logout, login), so a call always ends inside its account.
    const account = this.account;
    if (!account) {
      this.log('error', `call ${call.id} ended with no account open: not journaled`);
      return;
    }
    try {
      account.journal.record({
        callId: call.id,
        direction: call.direction,
        peer: call.peer,
        ...(call.peerName !== undefined ? { peerName: call.peerName } : {}),
        startedAt: call.startedAt,
        ...(call.answeredAt !== undefined ? { answeredAt: call.answeredAt } : {}),
        endedAt: Math.max(endedAt, call.startedAt),
        ...result,
      });
    } catch (err) {
      this.log('error', `journal write failed for call ${call.id}: ${String(err)}`);
      return;
    }
    if (result.result === 'missed') {
      const counters = this.counters();
      this.emit('counters.onDidChange', counters);
      this.didMissCall.fire({
        callId: call.id,
        peer: call.peer,
        ...(call.peerName !== undefined ? { peerName: call.peerName } : {}),
        at: Math.max(endedAt, call.startedAt),
        missedCalls: counters.missedCalls,
      });
    }
  }

  private callViews(): CallView[] {
    return [...this.calls.values()].map((c) => c.toView());
  }

  private callsChanged(): void {
    if (this.disposed) return;
    const views = this.callViews();
    this.emit('calls.onDidChange', views);
    this.headsets.updateCalls(views);
    this.popup.updateCalls(views);
    const ringing = [...this.calls.values()].some((c) => c.state === CallState.RingingIn);
    if (ringing !== this.ringing) {
      this.ringing = ringing;
      this.mediaHost.request('setRinging', { ringing }).catch((err: unknown) => {
        this.log('warn', `setRinging failed: ${String(err)}`);
      });
    }
  }

  private emit<E extends EventChannel>(channel: E, payload: EventPayloads[E]): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(channel, payload);
      } catch (err) {
        this.log('error', `event listener failed on ${channel}: ${String(err)}`);
      }
    }
  }
}

/** Same UC account: the same server (however it was typed) and user. */
function sameAccount(a: RememberedLogin, b: RememberedLogin): boolean {
  const origin = (server: string): string => {
    const parsed = parseServerAddress(server);
    return parsed.ok ? parsed.origin : server.trim().toLowerCase();
  };
  return a.user === b.user && origin(a.server) === origin(b.server);
}

/** The bridge status as plain JSON (copies, so later changes inside the bridge do not leak). */
function headsetView(status: HeadsetBridgeStatus): HeadsetStatusView {
  return JSON.parse(JSON.stringify(status)) as HeadsetStatusView;
}

function toIceServer(s: Provisioning['iceServers'][number]): IceServer {
  return {
    urls: s.urls,
    ...(s.username !== undefined ? { username: s.username } : {}),
    ...(s.credential !== undefined ? { credential: s.credential } : {}),
  };
}
