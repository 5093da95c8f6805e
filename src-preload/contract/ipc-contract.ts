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
import { z } from 'zod';

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
  | 'failed';

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
}

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
  | 'server-unreachable'
  | 'not-found'
  | 'import-failed'
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
  'calls.dial': z.strictObject({ target: z.string().max(128) }),
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
  }),
  'directory.search': z.strictObject({
    query: z.string().max(200),
    source: directorySource.optional(),
    limit: z.number().int().min(1).max(200).optional(),
  }),
  'directory.get': z.strictObject({ id: z.string().min(1).max(200) }),
  'contacts.create': z.strictObject({ fields: contactFields }),
  'contacts.update': z.strictObject({ id: z.string().min(1).max(200), fields: contactFields }),
  'contacts.delete': z.strictObject({ id: z.string().min(1).max(200) }),
  'contacts.import': z.strictObject({
    format: z.enum(['csv', 'xml']),
    encoding: z.string().min(1).max(40),
    contentBase64: z.string().min(1).max(7_000_000),
  }),
  'sync.getState': z.strictObject({}),
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
  'dial.getRecent': string[];
  'settings.get': Settings;
  'settings.update': Settings;
  'session.changePassword': SessionState;
  'directory.search': DirectorySearchResult;
  'directory.get': DirectoryEntryView;
  'contacts.create': DirectoryEntryView;
  'contacts.update': DirectoryEntryView;
  'contacts.delete': void;
  'contacts.import': ImportReportView;
  'sync.getState': SyncState;
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
}

export type EventChannel = keyof EventPayloads;

export const eventChannels: readonly EventChannel[] = [
  'session.onDidChangeState',
  'calls.onDidChange',
  'journal.onDidChange',
  'settings.onDidChange',
  'sync.onDidChange',
  'directory.onDidChange',
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
