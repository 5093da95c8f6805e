/**
 * The one typed contract between the engine (main process or web shell) and the
 * renderer: every invoke channel with its payload schema and result type, and
 * every event channel with its payload type.
 *
 * Main (and the web shell) validate every incoming payload against
 * {@link invokeSchemas} before a handler runs; the preload and the renderer
 * use the derived TypeScript types only. Adding a method: see
 * `src-preload/README.md` ("Adding an IPC method").
 */
import type { RegistrationIssue } from './sip/registration-state';
import { z } from 'zod';
import { presenceSetPayloadSchema, type PresenceView } from './presence-contract';
import {
  messagesHistoryPayloadSchema,
  messagesMarkReadPayloadSchema,
  messagesSendPayloadSchema,
  type ConversationView,
  type MessagesChangeView,
  type MessageView,
} from './messages-contract';
import {
  voicemailIdPayloadSchema,
  voicemailSetListenedPayloadSchema,
  type VoicemailListView,
} from './voicemail-contract';

// ---------------------------------------------------------------- shared shapes

export const languageSchema = z.enum(['en', 'fr']);
export type Language = z.infer<typeof languageSchema>;

/** Registration / session status shown in the UI header. */
export const sessionStatusSchema = z.enum([
  'logged-out',
  'connecting',
  'registered',
  /** transport lost or server unreachable; retrying automatically */
  'unreachable',
  /** the server refused the credentials; no automatic retry */
  'auth-failed',
  /** logged in to the UC server, which requires a new password first (SPEC A2) */
  'password-change-required',
]);
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

/** Why the last login attempt failed (shown on the login screen). */
export type LoginError =
  'invalid-credentials' | 'too-many-attempts' | 'server-unreachable' | 'bad-server-reply' | 'sip-auth-failed';

export interface SessionState {
  status: SessionStatus;
  /** internal number of the logged-in user (e.g. "101") */
  user?: string;
  /** the user's display name from the UC server */
  displayName?: string;
  /** server as the user typed it (host or host:port of the UC server) */
  server?: string;
  /** epoch ms of the next automatic reconnect attempt while unreachable */
  nextRetryAt?: number;
  /** why the SIP registration is not (or no longer) held while unreachable (the header's tooltip) */
  registrationIssue?: RegistrationIssue;
  /** connection to the UC server (SPEC A4): offline greys the UI until it is back */
  ucConnection?: 'online' | 'offline';
  /** why the last login failed */
  loginError?: LoginError;
  /** seconds to wait before the next login attempt (too-many-attempts) */
  retryAfterS?: number;
  /** failed login attempts since the last successful login, shown once after login (SPEC A2) */
  failedAttempts?: { count: number; lastAt?: number };
}

export const callStateSchema = z.enum([
  'dialing',
  'ringing-out',
  'ringing-in',
  'answering',
  'established',
  'held',
  'terminating',
  'terminated',
]);
export type CallStateName = z.infer<typeof callStateSchema>;

export type CallDirection = 'outgoing' | 'incoming';

export interface CallView {
  id: string;
  direction: CallDirection;
  /** the other party's number or SIP user */
  peer: string;
  peerName?: string;
  state: CallStateName;
  /** we put the call on hold */
  held: boolean;
  /** the other party put us on hold */
  remoteHeld: boolean;
  muted: boolean;
  startedAt: number;
  answeredAt?: number;
  /** our outgoing call was answered by the voicemail service (its SIP user in the answer's Contact) */
  answeredByVoicemail?: boolean;
  /** why the proxy diverted our outgoing call (RFC 5806 reason), e.g. `do-not-disturb` */
  divertedBecause?: string;
  endedAt?: number;
  endReason?: CallEndReason;
}

export type CallResult = 'answered' | 'missed' | 'rejected' | 'failed';
export type CallEndReason =
  | 'local-hangup'
  | 'remote-hangup'
  | 'cancelled'
  | 'rejected'
  | 'busy'
  | 'not-found'
  | 'unavailable'
  | 'timeout'
  | 'media-failed'
  | 'network'
  | 'failed'
  /** we sent the ringing call elsewhere (302, SPEC F2 Deflect / Transfer) */
  | 'deflected'
  /** we handed the answered call to someone else (blind transfer, REFER) */
  | 'transferred'
  /** our outgoing call was answered by the voicemail service, not by the person called (journal only) */
  | 'voicemail'
  /**
   * the person called is in do not disturb: the proxy sent our call to their
   * voicemail (answered) or refused it busy (181/486 with Diversion reason=do-not-disturb, RFC 5806)
   */
  | 'do-not-disturb';

/**
 * Every {@link CallResult} and {@link CallEndReason}, for code that must
 * check or list them at run time (journal rows read back, i18n keys).
 * `satisfies Record<…>` makes a change to the types a compile error here.
 */
export const CALL_RESULTS = { answered: true, missed: true, rejected: true, failed: true } satisfies Record<
  CallResult,
  true
>;
export const CALL_END_REASONS = {
  'local-hangup': true,
  'remote-hangup': true,
  cancelled: true,
  rejected: true,
  busy: true,
  'not-found': true,
  unavailable: true,
  timeout: true,
  'media-failed': true,
  network: true,
  failed: true,
  deflected: true,
  transferred: true,
  voicemail: true,
  'do-not-disturb': true,
} satisfies Record<CallEndReason, true>;

/** One of the last dialed numbers (SPEC C2), newest first. */
export interface RecentDialView {
  /** the canonical number (or sip: URI) as dialed */
  number: string;
  /** whose number it is, from the directory cache, when known */
  name?: string;
}

export interface JournalEntry {
  id: number;
  callId: string;
  direction: CallDirection;
  peer: string;
  peerName?: string;
  startedAt: number;
  answeredAt?: number;
  endedAt: number;
  result: CallResult;
  reason?: CallEndReason;
}

/** Up to four UC servers the user can choose from (SPEC A1); `address` is host or host:port (default port 8802). */
export const MAX_SERVERS = 4;

export interface Settings {
  language: Language;
  /** saved server addresses, most recently used first (at most {@link MAX_SERVERS}) */
  servers: string[];
  /** log in automatically at start with the credentials kept by the OS keychain (SPEC A3) */
  autoLogin: boolean;
  /** start the app when the user logs in to the computer (SPEC A3) */
  launchAtStartup: boolean;
  /**
   * Global dial hotkey as an Electron accelerator ("F9", "Control+Alt+D"), or
   * null when off (SPEC G2). settings.update validates it (UcError
   * 'invalid-hotkey', details `[reason]` = a HotkeyError such as 'bare-key').
   */
  dialHotkey: string | null;
  /** "Always use this application for telephony links" (tel:, callto:, sip:; SPEC G1) */
  telephonyLinksDefault: boolean;
  /** headset integrations enabled per vendor (SPEC G3); all off by default */
  headsets: HeadsetSettings;
  /** when the incoming-call popup is shown (SPEC F2) */
  popupVisibility: PopupVisibility;
  /** how dates are shown (SPEC A7); 'locale' follows the UI language */
  dateFormat: DateFormat;
  /** start minimized to the tray: the main window is not shown at start (SPEC A3) */
  startMinimized: boolean;
  /** main window view (SPEC A5) */
  view: MainView;
  /** zoom factor of the main window, {@link ZOOM_MIN}–{@link ZOOM_MAX} (SPEC A6) */
  zoom: number;
  /** keep the main window above other windows (SPEC A6) */
  pinOnTop: boolean;
  /** preferred audio devices (SPEC F4) */
  audio: AudioSettings;
}

/** Settings of a fresh install; the engine's store and the renderer (until the engine answers) start from these. */
export const DEFAULT_SETTINGS: Settings = {
  language: 'en',
  servers: [],
  autoLogin: false,
  launchAtStartup: false,
  dialHotkey: null,
  telephonyLinksDefault: false,
  headsets: { hid: false, jabra: false, poly: false },
  popupVisibility: 'always',
  dateFormat: 'locale',
  startMinimized: false,
  view: 'list',
  zoom: 1,
  pinOnTop: false,
  audio: { microphoneId: null, speakerId: null, ringingId: null },
};

/**
 * Preferred audio devices by MediaDeviceInfo.deviceId; null = the system
 * default. A preferred device that is unplugged is replaced by the default
 * until it comes back (SPEC F4).
 */
export interface AudioSettings {
  microphoneId: string | null;
  speakerId: string | null;
  /** where the ring tone plays (separate from the call audio, SPEC F4) */
  ringingId: string | null;
}

/** audio.listDevices: what the media host can use (labels may be empty before the microphone permission). */
export interface AudioDevicesView {
  inputs: { deviceId: string; label: string }[];
  outputs: { deviceId: string; label: string }[];
}

export const popupVisibilitySchema = z.enum(['always', '5s', '10s', 'minimized-only', 'never']);
/** 'always': while ringing; '5s'/'10s': hidden after that time; 'minimized-only': only while the main window is minimized/hidden. */
export type PopupVisibility = z.infer<typeof popupVisibilitySchema>;

export const dateFormatSchema = z.enum(['locale', 'dd/mm/yyyy', 'mm/dd/yyyy', 'yyyy-mm-dd']);
export type DateFormat = z.infer<typeof dateFormatSchema>;

export const mainViewSchema = z.enum(['details', 'list', 'menu', 'collapsed']);
export type MainView = z.infer<typeof mainViewSchema>;

export const ZOOM_MIN = 0.5;
export const ZOOM_MAX = 2;

export interface HeadsetSettings {
  /** generic USB HID telephony devices (node-hid) */
  hid: boolean;
  /** Jabra (@gnaudio/jabra-js) */
  jabra: boolean;
  /** Poly/Plantronics through Poly Hub on 127.0.0.1:32017 */
  poly: boolean;
}

// ---------------------------------------------------------------- desktop integration (SPEC G1–G4, F2, A5–A6)

/** A telephony link from outside our window; the renderer asks "Call …?" and answers with links.confirm. */
export interface LinkDialRequest {
  requestId: string;
  /** canonical dialable number / SIP target */
  number: string;
  /** how to show it */
  display: string;
  extension?: string;
  /** 'tel' | 'callto' | 'sip' | 'sips' */
  scheme: string;
}

/** A link was refused (not tel:/callto:/sip:, or outside the grammar); `reason` is a TelephonyUriError (`links.error.<reason>`). */
export interface LinkRefusal {
  reason: string;
  /** English text for logs / fallback */
  message?: string;
}

export type HotkeyState = 'off' | 'registered' | 'invalid' | 'taken';

/** Dial hotkey registration status (settings page: `hotkey.status.<status>`). */
export interface HotkeyStatusView {
  status: HotkeyState;
  /** invalid: a HotkeyError ('bare-key'…) or 'copy-unavailable' (no key sender on this OS yet) */
  reason?: string;
  /** the accelerator as shown to the user ("Ctrl+Alt+D", "⌃⌥D") */
  label?: string;
  /** English text for the reason */
  message?: string;
}

/** What one hotkey press did (`hotkey.press.<outcome>`). */
export interface HotkeyPressView {
  outcome: 'dialed' | 'no-number' | 'selection-failed' | 'dial-failed' | 'busy';
  /** canonical number (dialed / dial-failed) */
  number?: string;
  /** number as shown to the user */
  display?: string;
  /** SelectionError / SelectionReadError / error code */
  reason?: string;
  message?: string;
  callId?: string;
}

/** Plain-JSON mirror of the engine's HeadsetBridgeStatus. */
export interface HeadsetStatusView {
  /** 'stopped' | 'following' | 'parallel' (two calls: headset ignored, SPEC G3) | 'disposed' */
  state: 'stopped' | 'following' | 'parallel' | 'disposed';
  vendors: HeadsetVendorStatusView[];
}

export interface HeadsetVendorStatusView {
  vendor: 'hid' | 'jabra' | 'poly';
  enabled: boolean;
  slot: 'off' | 'starting' | 'running' | 'waiting';
  adapter:
    | { state: 'stopped' }
    | { state: 'starting' }
    | { state: 'running' }
    | { state: 'unavailable'; reason: string; retryable: boolean }
    | { state: 'failed'; reason: string };
  reason?: string;
  devices: { vendor: 'hid' | 'jabra' | 'poly'; id: string; name: string }[];
  retryAt?: number;
}

/** A notification the user clicked (SPEC G4): open the conversation / journal. */
export interface NotificationActivation {
  kind: 'missed-call' | 'message' | 'voicemail';
  callId?: string;
  /** the conversation to open (number or SIP user of the other party) */
  peer?: string;
}

/**
 * Whether the incoming-call popup is shown (SPEC F2), decided in the engine from
 * settings.popupVisibility, the main window state and the ringing calls. The
 * desktop shell shows/hides its popup window from it; the web page shows its
 * popup element (`#popup` view) while `visible`.
 */
export interface PopupStateView {
  visible: boolean;
  /** the ringing call the popup shows (the oldest ringing one) */
  callId?: string;
}

export interface CountersView {
  /** missed calls since the user last looked at the journal (counters.markSeen) */
  missedCalls: number;
  /** instant messages not read yet (SPEC E1 green counter, G4 tray) */
  unreadMessages: number;
  /** voicemails not listened to yet (SPEC H1/H6) */
  newVoicemails: number;
}

export const windowCommandSchema = z.enum([
  'minimize',
  'close',
  'toggle-pin',
  'dock',
  'zoom-in',
  'zoom-out',
  'zoom-reset',
  'set-view',
]);
export type WindowCommand = z.infer<typeof windowCommandSchema>;

// ---------------------------------------------------------------- directories (SPEC C)

export type DirectorySource = 'internal' | 'system' | 'global' | 'personal';
export type NumberKind = 'internal' | 'business' | 'mobile' | 'private' | 'other';

/** One directory entry as the renderer shows it (same shape as the UC server's DirectoryEntry). */
export interface DirectoryEntryView {
  id: string;
  source: DirectorySource;
  displayName: string;
  firstName?: string;
  lastName?: string;
  company?: string;
  email?: string;
  numbers: { kind: NumberKind; number: string }[];
  photoUrl?: string;
  handEdited?: boolean;
  updatedAt: number;
  /** a local change of this personal contact is not acknowledged by the server yet */
  pendingSync?: boolean;
}

export interface DirectorySearchResult {
  /** one group per directory that has hits, in the order internal, personal, system, global */
  groups: { source: DirectorySource; entries: DirectoryEntryView[]; total: number }[];
}

/** Editable fields of a personal contact. */
export interface ContactFieldsInput {
  firstName?: string;
  lastName?: string;
  company?: string;
  email?: string;
  business?: string;
  mobile?: string;
  private?: string;
  other?: string;
}

export interface ImportReportView {
  imported: number;
  updated: number;
  skipped: { row: number; reason: string }[];
}

export interface SyncState {
  /** offline: the UC server cannot be reached; local changes wait in the outbox */
  status: 'idle' | 'syncing' | 'offline';
  /** local changes not acknowledged by the server yet */
  pending: number;
  /** last change-feed revision applied */
  revision: number;
  lastSyncedAt?: number;
}

/** Error codes a handler may reject with; the renderer translates them (i18n key `error.<code>`). */
export type IpcErrorCode =
  | 'invalid-payload'
  | 'forbidden-sender'
  | 'unknown-channel'
  | 'invalid-number'
  | 'invalid-server'
  | 'not-registered'
  | 'unknown-call'
  | 'invalid-state'
  | 'not-logged-in'
  | 'weak-password'
  | 'wrong-current-password'
  /** the new password is the current one (SPEC A2: a change must change it) */
  | 'same-password'
  | 'server-unreachable'
  | 'not-found'
  | 'import-failed'
  | 'invalid-hotkey'
  | 'invalid-link'
  | 'unknown-request'
  /** no media host (media window / web page) answers: audio devices cannot be listed */
  | 'media-unavailable'
  | 'internal';

export interface IpcError {
  code: IpcErrorCode;
  message: string;
  /** machine-readable details, e.g. the broken password rules for weak-password */
  details?: string[];
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

// ---------------------------------------------------------------- invoke map

const callId = z.string().min(1).max(128);
const shortText = (max: number) => z.string().max(max).optional();
const contactFields = z.strictObject({
  firstName: shortText(100),
  lastName: shortText(100),
  company: shortText(200),
  email: shortText(254),
  business: shortText(64),
  mobile: shortText(64),
  private: shortText(64),
  other: shortText(64),
});
const audioDeviceId = z.string().min(1).max(256);
const directorySource = z.enum(['internal', 'system', 'global', 'personal']);

/** Payload schemas of every invoke channel; main validates against these. */
export const invokeSchemas = {
  'session.login': z.strictObject({
    server: z.string().trim().min(1).max(255),
    user: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(128),
    /** keep the credentials (OS keychain) for auto-login */
    remember: z.boolean().optional(),
  }),
  'session.changePassword': z.strictObject({
    currentPassword: z.string().min(1).max(128),
    newPassword: z.string().min(1).max(128),
  }),
  'session.logout': z.strictObject({}),
  'session.getState': z.strictObject({}),
  'calls.dial': z.strictObject({
    target: z.string().max(128),
    /**
     * who is called, when the user picked a directory entry or contact (shown on the call card
     * and kept in the journal); without it the engine looks the number up in the directory cache
     */
    name: z.string().trim().min(1).max(200).optional(),
  }),
  'calls.answer': z.strictObject({ callId }),
  'calls.reject': z.strictObject({ callId }),
  'calls.hangup': z.strictObject({ callId }),
  'calls.setHold': z.strictObject({ callId, hold: z.boolean() }),
  'calls.setMuted': z.strictObject({ callId, muted: z.boolean() }),
  'calls.sendDtmf': z.strictObject({ callId, tones: z.string().regex(/^[0-9A-D*#,]{1,32}$/) }),
  'calls.list': z.strictObject({}),
  'journal.list': z.strictObject({ limit: z.number().int().min(1).max(1000).optional() }),
  'dial.getRecent': z.strictObject({}),
  'settings.get': z.strictObject({}),
  'settings.update': z.strictObject({
    language: languageSchema.optional(),
    servers: z.array(z.string().trim().min(1).max(255)).max(4).optional(),
    autoLogin: z.boolean().optional(),
    launchAtStartup: z.boolean().optional(),
    /** validated further by settings.update (validateAccelerator → 'invalid-hotkey') */
    dialHotkey: z.string().max(64).nullable().optional(),
    telephonyLinksDefault: z.boolean().optional(),
    /** partial: only the vendors given change */
    headsets: z
      .strictObject({ hid: z.boolean().optional(), jabra: z.boolean().optional(), poly: z.boolean().optional() })
      .optional(),
    popupVisibility: popupVisibilitySchema.optional(),
    dateFormat: dateFormatSchema.optional(),
    startMinimized: z.boolean().optional(),
    view: mainViewSchema.optional(),
    zoom: z.number().min(ZOOM_MIN).max(ZOOM_MAX).optional(),
    pinOnTop: z.boolean().optional(),
    /** partial: only the devices given change; null = system default */
    audio: z
      .strictObject({
        microphoneId: audioDeviceId.nullable().optional(),
        speakerId: audioDeviceId.nullable().optional(),
        ringingId: audioDeviceId.nullable().optional(),
      })
      .optional(),
  }),
  'directory.search': z.strictObject({
    query: z.string().max(200),
    source: directorySource.optional(),
    limit: z.number().int().min(1).max(200).optional(),
  }),
  'directory.get': z.strictObject({ id: z.string().min(1).max(200) }),
  /** the photo of a directory entry (internal users) as a data: URL, fetched with the UC session and cached; null: none */
  'directory.getPhoto': z.strictObject({ id: z.string().min(1).max(200) }),
  'contacts.create': z.strictObject({ fields: contactFields }),
  'contacts.update': z.strictObject({ id: z.string().min(1).max(200), fields: contactFields }),
  'contacts.delete': z.strictObject({ id: z.string().min(1).max(200) }),
  'contacts.import': z.strictObject({
    format: z.enum(['csv', 'xml']),
    encoding: z.string().min(1).max(40),
    contentBase64: z.string().min(1).max(7_000_000),
  }),
  'sync.getState': z.strictObject({}),
  /** a tel:/callto:/sip: link clicked inside our own window: dials directly after parsing ('invalid-link') */
  'links.open': z.strictObject({ url: z.string().max(2048) }),
  /** the user's answer to links.onDidRequestDial ('unknown-request' when expired, 60 s) */
  'links.confirm': z.strictObject({ requestId: z.string().min(1).max(128), accept: z.boolean() }),
  /** questions still open (e.g. a link that started the app before the page subscribed), oldest first */
  'links.getPending': z.strictObject({}),
  'hotkey.getStatus': z.strictObject({}),
  'headsets.getStatus': z.strictObject({}),
  /** window chrome (desktop); the web shell applies zoom-* and set-view (settings) and ignores the rest */
  'window.command': z.strictObject({ command: windowCommandSchema, view: mainViewSchema.optional() }),
  'counters.get': z.strictObject({}),
  'counters.markSeen': z.strictObject({ kind: z.enum(['missed-calls']) }),
  'popup.getState': z.strictObject({}),
  /** audio devices of the media host (SPEC F4); 'internal' when no media host is connected */
  'audio.listDevices': z.strictObject({}),
  // ---- presence (SPEC B) (invokeSchemas)
  /** the own presence (null: not logged in, or not known yet) */
  'presence.get': z.strictObject({}),
  /** sets the own presence on the UC server ('server-unreachable' offline, 'invalid-payload' for a bad return time) */
  'presence.set': presenceSetPayloadSchema,
  // ---- messages (SPEC E6) (invokeSchemas)
  /** one entry per peer, newest first (local cache: works offline) */
  'messages.listConversations': z.strictObject({}),
  /** the conversation with `peer`, oldest first (newest at the bottom) */
  'messages.history': messagesHistoryPayloadSchema,
  /** sends (or queues while the UC server is unreachable); 'invalid-payload' for a blank text */
  'messages.send': messagesSendPayloadSchema,
  /** marks the peer's messages read here and on the user's other devices */
  'messages.markRead': messagesMarkReadPayloadSchema,
  // ---- voicemail (SPEC H) (invokeSchemas)
  /** the mailbox as last fetched from the UC server (newest first) */
  'voicemail.list': z.strictObject({}),
  /** one recording as an audio/wav data: URL ('not-found' when it is gone) */
  'voicemail.getAudio': voicemailIdPayloadSchema,
  /** marks listened / new again, on the server (all the user's devices) */
  'voicemail.setListened': voicemailSetListenedPayloadSchema,
  'voicemail.delete': voicemailIdPayloadSchema,
  // ---- transfer (SPEC F2/F3) (invokeSchemas)
  /**
   * Sends the call to `target` (a number, extension or sip: URI, parsed like calls.dial):
   * a ringing incoming call is deflected (302, RFC 3261 §21.3.3), an answered
   * or held call is blind-transferred (REFER, RFC 3515). 'invalid-number' for a bad target.
   */
  'calls.transfer': z.strictObject({ callId, target: z.string().max(128) }),
  /** Deflects a ringing incoming call to the user's own voicemail (SPEC F2) */
  'calls.deflectToVoicemail': z.strictObject({ callId }),
  /**
   * The popup's Transfer button: transfers are chosen in the main window
   * (myPortal @work does the same — the popup never takes the keyboard), so
   * this shows the main window and emits calls.onDidRequestTransfer there.
   */
  'calls.openTransfer': z.strictObject({ callId }),
  /**
   * Attended transfer (SPEC F3): connects the other party of `callId` with the
   * other party of `targetCallId` (e.g. after a consultation call); both calls
   * must be answered (established or held) and both end for us.
   */
  'calls.transferToCall': z.strictObject({ callId, targetCallId: callId }),
} as const;

/** Result type of every invoke channel. */
export interface InvokeResults {
  'session.login': SessionState;
  'session.logout': SessionState;
  'session.getState': SessionState;
  'calls.dial': { callId: string };
  'calls.answer': void;
  'calls.reject': void;
  'calls.hangup': void;
  'calls.setHold': void;
  'calls.setMuted': void;
  'calls.sendDtmf': void;
  'calls.list': CallView[];
  'journal.list': JournalEntry[];
  'dial.getRecent': RecentDialView[];
  'settings.get': Settings;
  'settings.update': Settings;
  'session.changePassword': SessionState;
  'directory.search': DirectorySearchResult;
  'directory.get': DirectoryEntryView;
  'directory.getPhoto': { dataUrl: string } | null;
  'contacts.create': DirectoryEntryView;
  'contacts.update': DirectoryEntryView;
  'contacts.delete': void;
  'contacts.import': ImportReportView;
  'sync.getState': SyncState;
  /** the call started by the link */
  'links.open': { callId: string };
  /** accept: the call started; refuse: null */
  'links.confirm': { callId: string } | null;
  'links.getPending': LinkDialRequest[];
  'hotkey.getStatus': HotkeyStatusView;
  'headsets.getStatus': HeadsetStatusView;
  'window.command': void;
  'counters.get': CountersView;
  'counters.markSeen': CountersView;
  'popup.getState': PopupStateView;
  'audio.listDevices': AudioDevicesView;
  // ---- presence (SPEC B) (results)
  'presence.get': PresenceView | null;
  'presence.set': PresenceView;
  // ---- messages (SPEC E6) (results)
  'messages.listConversations': ConversationView[];
  'messages.history': MessageView[];
  'messages.send': MessageView;
  'messages.markRead': void;
  // ---- voicemail (SPEC H) (results)
  'voicemail.list': VoicemailListView;
  'voicemail.getAudio': { dataUrl: string };
  'voicemail.setListened': void;
  'voicemail.delete': void;
  // ---- transfer (SPEC F2/F3) (results)
  'calls.transfer': void;
  'calls.deflectToVoicemail': void;
  'calls.openTransfer': void;
  'calls.transferToCall': void;
}

export type InvokeChannel = keyof typeof invokeSchemas;
export type InvokePayload<C extends InvokeChannel> = z.input<(typeof invokeSchemas)[C]>;
export type InvokeResult<C extends InvokeChannel> = InvokeResults[C];

export const invokeChannels = Object.keys(invokeSchemas) as InvokeChannel[];

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(invokeSchemas, value);
}

// ---------------------------------------------------------------- event map

export interface EventPayloads {
  'session.onDidChangeState': SessionState;
  'calls.onDidChange': CallView[];
  'journal.onDidChange': Record<string, never>;
  'settings.onDidChange': Settings;
  'sync.onDidChange': SyncState;
  /** the cached directories changed (sync or local edit): refresh search results */
  'directory.onDidChange': Record<string, never>;
  /** a telephony link from outside our window: ask "Call …?" then links.confirm */
  'links.onDidRequestDial': LinkDialRequest;
  'links.onDidRefuse': LinkRefusal;
  'hotkey.onDidChangeStatus': HotkeyStatusView;
  'hotkey.onDidHandlePress': HotkeyPressView;
  'headsets.onDidChange': HeadsetStatusView;
  'notifications.onDidActivate': NotificationActivation;
  'counters.onDidChange': CountersView;
  'popup.onDidChange': PopupStateView;
  /** a device was plugged or unplugged (SPEC F4): list them again */
  'audio.onDidChangeDevices': Record<string, never>;
  // ---- presence (SPEC B) (events)
  /** the own presence changed (this or another device, or the return time passed); null: logged out */
  'presence.onDidChange': PresenceView | null;
  // ---- messages (SPEC E6) (events)
  /** messages arrived, were sent or read: reload the conversations (and the open one if listed) */
  'messages.onDidChange': MessagesChangeView;
  // ---- voicemail (SPEC H) (events)
  /** the mailbox changed (new message, listened, deleted, from any device) */
  'voicemail.onDidChange': VoicemailListView;
  // ---- transfer (SPEC F2/F3) (events)
  /** open the transfer dialog for this call (from the popup, see calls.openTransfer) */
  'calls.onDidRequestTransfer': { callId: string };
}

export type EventChannel = keyof EventPayloads;

export const eventChannels: readonly EventChannel[] = [
  'session.onDidChangeState',
  'calls.onDidChange',
  'journal.onDidChange',
  'settings.onDidChange',
  'sync.onDidChange',
  'directory.onDidChange',
  'links.onDidRequestDial',
  'links.onDidRefuse',
  'hotkey.onDidChangeStatus',
  'hotkey.onDidHandlePress',
  'headsets.onDidChange',
  'notifications.onDidActivate',
  'counters.onDidChange',
  'popup.onDidChange',
  'audio.onDidChangeDevices',
  // ---- presence (SPEC B) (eventlist)
  'presence.onDidChange',
  // ---- messages (SPEC E6) (eventlist)
  'messages.onDidChange',
  // ---- voicemail (SPEC H) (eventlist)
  'voicemail.onDidChange',
  // ---- transfer (SPEC F2/F3) (eventlist)
  'calls.onDidRequestTransfer',
];

export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && (eventChannels as readonly string[]).includes(value);
}

// ---------------------------------------------------------------- the API the renderer sees

/** What `window.uc` offers: one invoke and one subscription, both fully typed. */
export interface UcApi {
  invoke<C extends InvokeChannel>(channel: C, payload: InvokePayload<C>): Promise<IpcResult<InvokeResult<C>>>;
  /** Subscribes to an event channel; returns the unsubscribe function. */
  on<E extends EventChannel>(channel: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

/** Electron IPC channel names used by the preload and the shell (one each way). */
export const IPC_INVOKE = 'uc:invoke';
export const IPC_EVENT = 'uc:event';
