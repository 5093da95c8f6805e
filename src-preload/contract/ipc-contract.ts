/**
 * The one typed contract between the engine (main process or web shell) and the
 * renderer: every invoke channel with its payload schema and result type, and
 * every event channel with its payload type — composed from the domain
 * folders next to this file, one line per domain in each list below.
 *
 * Main (and the web shell) validate every incoming payload against
 * {@link invokeSchemas} before a handler runs; the preload and the renderer
 * use the derived TypeScript types only. Adding a method or a domain: see
 * `src-preload/README.md`.
 */
import { z } from 'zod';
import {
  CALLS_EVENT_CHANNELS,
  callPickedUpEventSchema,
  callsChangedEventSchema,
  callsInvokeSchemas,
  type CallsEventPayloads,
  type CallsInvokeResults,
} from './calls';
import {
  CONVERSATIONS_EVENT_CHANNELS,
  conversationsInvokeSchemas,
  type ConversationsEventPayloads,
  type ConversationsInvokeResults,
} from './conversations';
import {
  DESKTOP_EVENT_CHANNELS,
  desktopInvokeSchemas,
  type DesktopEventPayloads,
  type DesktopInvokeResults,
} from './desktop';
import {
  changedEventSchema,
  DIRECTORY_EVENT_CHANNELS,
  directoryInvokeSchemas,
  type DirectoryEventPayloads,
  type DirectoryInvokeResults,
} from './directory';
import {
  MESSAGES_EVENT_CHANNELS,
  messagesChangedEventSchema,
  messagesInvokeSchemas,
  type MessagesEventPayloads,
  type MessagesInvokeResults,
} from './messages';
import {
  FAVORITES_EVENT_CHANNELS,
  favoritesChangedEventSchema,
  favoritesInvokeSchemas,
  type FavoritesEventPayloads,
  type FavoritesInvokeResults,
} from './favorites';
import {
  CONFERENCES_EVENT_CHANNELS,
  conferencesChangedEventSchema,
  conferencesInvokeSchemas,
  type ConferencesEventPayloads,
  type ConferencesInvokeResults,
} from './conferences';
import {
  FORWARDING_EVENT_CHANNELS,
  callbackProgressEventSchema,
  forwardingChangedEventSchema,
  forwardingInvokeSchemas,
  type ForwardingEventPayloads,
  type ForwardingInvokeResults,
} from './forwarding';
import { pingEventSchema, type IpcResult } from './platform';
import {
  PROFILE_EVENT_CHANNELS,
  profileInvokeSchemas,
  type ProfileEventPayloads,
  type ProfileInvokeResults,
} from './profile';
import {
  othersPresenceChangedEventSchema,
  PRESENCE_EVENT_CHANNELS,
  presenceChangedEventSchema,
  presenceInvokeSchemas,
  type PresenceEventPayloads,
  type PresenceInvokeResults,
} from './presence';
import {
  SESSION_EVENT_CHANNELS,
  sessionInvokeSchemas,
  type SessionEventPayloads,
  type SessionInvokeResults,
} from './session';
import {
  SETTINGS_EVENT_CHANNELS,
  settingsInvokeSchemas,
  type SettingsEventPayloads,
  type SettingsInvokeResults,
} from './settings';
import {
  VOICEMAIL_EVENT_CHANNELS,
  voicemailInvokeSchemas,
  voicemailsChangedEventSchema,
  type VoicemailEventPayloads,
  type VoicemailInvokeResults,
} from './voicemail';

// The names every layer imported from this file before the contract was split by domain.
export type { IpcError, IpcErrorCode, IpcResult } from './platform';
export { sessionStatusSchema, type LoginError, type SessionState, type SessionStatus } from './session';
export {
  DEFAULT_SETTINGS,
  MAX_SERVERS,
  ZOOM_MAX,
  ZOOM_MIN,
  dateFormatSchema,
  languageSchema,
  mainViewSchema,
  popupVisibilitySchema,
  type AudioSettings,
  type DateFormat,
  type HeadsetSettings,
  type Language,
  type MainView,
  type PopupVisibility,
  type Settings,
} from './settings';
export {
  CALL_END_REASONS,
  CALL_RESULTS,
  callStateSchema,
  type AudioDevicesView,
  type CallDirection,
  type CallEndReason,
  type CallResult,
  type CallStateName,
  type CallbackView,
  type CallView,
  type JournalEntry,
  type RecentDialView,
} from './calls';
export {
  windowCommandSchema,
  type CountersView,
  type HeadsetStatusView,
  type HeadsetVendorStatusView,
  type HotkeyPressView,
  type HotkeyState,
  type HotkeyStatusView,
  type LinkDialRequest,
  type LinkRefusal,
  type NotificationActivation,
  type PopupStateView,
  type WindowCommand,
} from './desktop';
export type {
  ContactFieldsInput,
  DirectoryEntryView,
  DirectorySearchResult,
  DirectorySource,
  ImportReportView,
  NumberKind,
  SyncState,
} from './directory';

// ---------------------------------------------------------------- invoke map (one line per domain)

/** Payload schemas of every invoke channel; main validates against these. */
export const invokeSchemas = {
  ...sessionInvokeSchemas,
  ...settingsInvokeSchemas,
  ...callsInvokeSchemas,
  ...presenceInvokeSchemas,
  ...directoryInvokeSchemas,
  ...messagesInvokeSchemas,
  ...voicemailInvokeSchemas,
  ...desktopInvokeSchemas,
  ...favoritesInvokeSchemas,
  ...forwardingInvokeSchemas,
  ...conversationsInvokeSchemas,
  ...conferencesInvokeSchemas,
  ...profileInvokeSchemas,
} as const;

/** Result type of every invoke channel. */
export interface InvokeResults
  extends
    SessionInvokeResults,
    SettingsInvokeResults,
    CallsInvokeResults,
    PresenceInvokeResults,
    DirectoryInvokeResults,
    MessagesInvokeResults,
    VoicemailInvokeResults,
    DesktopInvokeResults,
    FavoritesInvokeResults,
    ForwardingInvokeResults,
    ConversationsInvokeResults,
    ConferencesInvokeResults,
    ProfileInvokeResults {}

export type InvokeChannel = keyof typeof invokeSchemas;
export type InvokePayload<C extends InvokeChannel> = z.input<(typeof invokeSchemas)[C]>;
export type InvokeResult<C extends InvokeChannel> = InvokeResults[C];

export const invokeChannels = Object.keys(invokeSchemas) as InvokeChannel[];

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(invokeSchemas, value);
}

// ---------------------------------------------------------------- event map (one line per domain)

/** Payload type of every event channel. */
export interface EventPayloads
  extends
    SessionEventPayloads,
    SettingsEventPayloads,
    CallsEventPayloads,
    PresenceEventPayloads,
    DirectoryEventPayloads,
    MessagesEventPayloads,
    VoicemailEventPayloads,
    DesktopEventPayloads,
    FavoritesEventPayloads,
    ForwardingEventPayloads,
    ConversationsEventPayloads,
    ConferencesEventPayloads,
    ProfileEventPayloads {}

export type EventChannel = keyof EventPayloads;

/** The event channels, derived from the domains' lists; `satisfies` checks it against {@link EventPayloads}. */
const EVENT_CHANNEL_SET = {
  ...SESSION_EVENT_CHANNELS,
  ...SETTINGS_EVENT_CHANNELS,
  ...CALLS_EVENT_CHANNELS,
  ...PRESENCE_EVENT_CHANNELS,
  ...DIRECTORY_EVENT_CHANNELS,
  ...MESSAGES_EVENT_CHANNELS,
  ...VOICEMAIL_EVENT_CHANNELS,
  ...DESKTOP_EVENT_CHANNELS,
  ...FAVORITES_EVENT_CHANNELS,
  ...FORWARDING_EVENT_CHANNELS,
  ...CONVERSATIONS_EVENT_CHANNELS,
  ...CONFERENCES_EVENT_CHANNELS,
  ...PROFILE_EVENT_CHANNELS,
} satisfies Record<EventChannel, true>;

export const eventChannels: readonly EventChannel[] = Object.keys(EVENT_CHANNEL_SET) as EventChannel[];

export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(EVENT_CHANNEL_SET, value);
}

/** One event as it travels (Electron IPC, web-shell frames): a union discriminated by `channel`, no casts needed. */
export type EventMessage = { [E in EventChannel]: { channel: E; payload: EventPayloads[E] } }[EventChannel];

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

// ---------------------------------------------------------------- the UC server's live events (one line per domain)

/** Frames the UC server pushes on WS /api/v1/events. */
export const liveEventSchema = z.discriminatedUnion('type', [
  pingEventSchema,
  changedEventSchema,
  presenceChangedEventSchema,
  messagesChangedEventSchema,
  voicemailsChangedEventSchema,
  othersPresenceChangedEventSchema,
  favoritesChangedEventSchema,
  callPickedUpEventSchema,
  forwardingChangedEventSchema,
  callbackProgressEventSchema,
  callsChangedEventSchema,
  conferencesChangedEventSchema,
]);
export type LiveEvent = z.infer<typeof liveEventSchema>;
