/**
 * New-voicemail notifications of the desktop shell (SPEC H/G4), Electron-free:
 * the shell passes a factory that wraps `new Notification`. Clicking one
 * shows the main window and opens the voicemail list
 * (notifications.onDidActivate `{kind:'voicemail', peer}`).
 */
import type { ShellBackend } from '../core/app/shell-backend';
import type { VoicemailNotice } from '../core/voicemail/voicemail-service';
import type { NotificationLike } from './message-notification';

export interface VoicemailNotificationDeps {
  backend: Pick<ShellBackend, 'onDidReceiveVoicemail' | 'reportNotificationActivation'>;
  /** Notification.isSupported() */
  isSupported(): boolean;
  create(options: { title: string; body: string; silent: boolean }): NotificationLike;
  showMainWindow(): void;
  /** the settings language ('en' | 'fr'; anything else → English) */
  language(): string | undefined;
}

/** "1:05" */
function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Title and body of the notification, EN/FR. */
export function voicemailNotificationText(
  notice: VoicemailNotice,
  language: string | undefined,
): { title: string; body: string } {
  const who = notice.callerName ?? notice.callerNumber;
  return language === 'fr'
    ? { title: 'Nouveau message vocal', body: `De ${who} (${duration(notice.durationMs)})` }
    : { title: 'New voice message', body: `From ${who} (${duration(notice.durationMs)})` };
}

/** Subscribes; returns the disposer. Notifications are kept referenced until closed so their click still arrives. */
export function wireVoicemailNotifications(deps: VoicemailNotificationDeps): () => void {
  const shown = new Set<NotificationLike>();
  const unsubscribe = deps.backend.onDidReceiveVoicemail((notice) => {
    if (!deps.isSupported()) return;
    const notification = deps.create({ ...voicemailNotificationText(notice, deps.language()), silent: false });
    shown.add(notification);
    const forget = (): void => {
      shown.delete(notification);
    };
    notification.on('click', () => {
      forget();
      deps.showMainWindow();
      deps.backend.reportNotificationActivation({ kind: 'voicemail', peer: notice.callerNumber });
    });
    notification.on('close', forget);
    notification.show();
  });
  return () => {
    unsubscribe();
    shown.clear();
  };
}
