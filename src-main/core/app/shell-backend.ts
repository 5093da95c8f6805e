import type {
  HotkeyPressView,
  HotkeyStatusView,
  NotificationActivation,
} from '../../../src-preload/contract/ipc-contract';
import type { MissedCallNotice } from '../features/calls';
import type { ExternalLinkOrigin, WindowController } from '../features/desktop';
import type { ReceivedMessageNotice } from '../features/messages';
import type { VoicemailNotice } from '../features/voicemail';
import type { UcBackend } from '../platform/ipc/uc-backend';
import type { Event } from '../platform/typed-emitter';

export type { ExternalLinkOrigin, MissedCallNotice, VoicemailNotice, WindowController };

/** An instant message arrived, for the shell's notification (SPEC G4); a click opens the conversation. */
export type MessageNotice = ReceivedMessageNotice;

/**
 * What the shells (Electron and web) use beyond the contract: AppCore
 * implements it. Everything here is driven by the shell (OS events, window
 * state); the renderer only sees the contract.
 */
export interface ShellBackend extends UcBackend {
  dispose(): Promise<void>;
  /** A tel:/callto:/sip: link from the OS: refused (links.onDidRefuse) or asked first (links.onDidRequestDial). */
  handleExternalLink(url: string, origin: ExternalLinkOrigin): void;
  /** A link already refused by the shell's own parser (e.g. DeepLinks): publish links.onDidRefuse. */
  reportLinkRefusal(refusal: { reason: string; message?: string }): void;
  /** The dial hotkey's registration status (the shell owns globalShortcut). */
  setHotkeyStatus(status: HotkeyStatusView): void;
  /** What one hotkey press did (hotkey.onDidHandlePress). */
  reportHotkeyPress(outcome: HotkeyPressView): void;
  /** The main window is minimized / in the tray (popup visibility 'minimized-only'). */
  setMainWindowMinimized(minimized: boolean): void;
  /** The user clicked a notification (notifications.onDidActivate). */
  reportNotificationActivation(activation: NotificationActivation): void;
  /** Performs minimize / close / dock (zoom, view and pin are settings); undefined in the web shell (accepted and ignored). */
  setWindowController(controller: WindowController | undefined): void;
  /** A call was missed (after the journal recorded it). */
  readonly onDidMissCall: Event<MissedCallNotice>;
  /** An instant message arrived (SPEC E6/G4): show a notification that opens the conversation. */
  readonly onDidReceiveMessage: Event<MessageNotice>;
  /** A voice message arrived (SPEC H/G4): show a notification that opens the voicemail list. */
  readonly onDidReceiveVoicemail: Event<VoicemailNotice>;
}

/** The ShellBackend methods beyond the contract and dispose: the desktop integration and the notices. */
export type ShellIntegration = Omit<ShellBackend, keyof UcBackend | 'dispose'>;
