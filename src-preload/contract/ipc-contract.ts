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
]);
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

export interface SessionState {
  status: SessionStatus;
  /** internal number of the logged-in user (e.g. "101") */
  user?: string;
  /** server as the user typed it (host:port or ws(s):// URL) */
  server?: string;
  /** epoch ms of the next automatic reconnect attempt while unreachable */
  nextRetryAt?: number;
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

export interface Settings {
  language: Language;
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
  | 'internal';

export interface IpcError {
  code: IpcErrorCode;
  message: string;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

// ---------------------------------------------------------------- invoke map

const callId = z.string().min(1).max(128);

/** Payload schemas of every invoke channel; main validates against these. */
export const invokeSchemas = {
  'session.login': z.strictObject({
    server: z.string().trim().min(1).max(255),
    user: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(128),
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
  'settings.update': z.strictObject({ language: languageSchema.optional() }),
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
}

export type EventChannel = keyof EventPayloads;

export const eventChannels: readonly EventChannel[] = [
  'session.onDidChangeState',
  'calls.onDidChange',
  'journal.onDidChange',
  'settings.onDidChange',
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
