/**
 * Desktop integration (SPEC G1–G4, F2, A5–A6) as the renderer sees it:
 * telephony links, the dial hotkey, headsets, notifications, the call popup,
 * the counters and the window — the `links.*`, `hotkey.*`, `headsets.*`,
 * `notifications.*`, `popup.*`, `counters.*` and `window.*` channels.
 */
import { z } from 'zod';
import { mainViewSchema } from '../settings/settings-ipc';

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

/** The headset integrations Switchboard ships (SPEC G3), in the order the bridge starts them and Settings lists them. */
export const HEADSET_VENDORS = ['hid', 'jabra', 'poly'] as const;
export type HeadsetVendor = (typeof HEADSET_VENDORS)[number];

/** Plain-JSON mirror of the engine's HeadsetBridgeStatus. */
export interface HeadsetStatusView {
  /** 'stopped' | 'following' | 'parallel' (two calls: headset ignored, SPEC G3) | 'disposed' */
  state: 'stopped' | 'following' | 'parallel' | 'disposed';
  vendors: HeadsetVendorStatusView[];
}

export interface HeadsetVendorStatusView {
  vendor: HeadsetVendor;
  enabled: boolean;
  slot: 'off' | 'starting' | 'running' | 'waiting';
  adapter:
    | { state: 'stopped' }
    | { state: 'starting' }
    | { state: 'running' }
    | { state: 'unavailable'; reason: string; retryable: boolean }
    | { state: 'failed'; reason: string };
  reason?: string;
  devices: { vendor: HeadsetVendor; id: string; name: string }[];
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

/** Payload schemas of the desktop-integration channels. */
export const desktopInvokeSchemas = {
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
} as const;

export interface DesktopInvokeResults {
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
}

export interface DesktopEventPayloads {
  /** a telephony link from outside our window: ask "Call …?" then links.confirm */
  'links.onDidRequestDial': LinkDialRequest;
  'links.onDidRefuse': LinkRefusal;
  'hotkey.onDidChangeStatus': HotkeyStatusView;
  'hotkey.onDidHandlePress': HotkeyPressView;
  'headsets.onDidChange': HeadsetStatusView;
  'notifications.onDidActivate': NotificationActivation;
  'counters.onDidChange': CountersView;
  'popup.onDidChange': PopupStateView;
}

export const DESKTOP_EVENT_CHANNELS = {
  'links.onDidRequestDial': true,
  'links.onDidRefuse': true,
  'hotkey.onDidChangeStatus': true,
  'hotkey.onDidHandlePress': true,
  'headsets.onDidChange': true,
  'notifications.onDidActivate': true,
  'counters.onDidChange': true,
  'popup.onDidChange': true,
} satisfies Record<keyof DesktopEventPayloads, true>;
