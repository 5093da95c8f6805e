/**
 * New instant-message notifications of the desktop shell (SPEC E6/G4),
 * Electron-free: the shell passes a factory that wraps `new Notification`.
 * Clicking one shows the main window and opens the conversation
 * (notifications.onDidActivate `{kind:'message', peer}`).
 */
import type { MessageNotice, ShellBackend } from '../core/app/shell-backend';

/** What the wiring needs of one native notification (Electron's Notification fits). */
export interface NotificationLike {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
}

export interface MessageNotificationDeps {
  backend: Pick<ShellBackend, 'onDidReceiveMessage' | 'reportNotificationActivation'>;
  /** Notification.isSupported() */
  isSupported(): boolean;
  create(options: { title: string; body: string; silent: boolean }): NotificationLike;
  showMainWindow(): void;
  /** the settings language ('en' | 'fr'; anything else → English) */
  language(): string | undefined;
}

/** Title and body of the notification, EN/FR. */
export function messageNotificationText(
  notice: MessageNotice,
  language: string | undefined,
): { title: string; body: string } {
  const who = notice.peerName ?? notice.peer;
  return language === 'fr'
    ? { title: `Message de ${who}`, body: notice.preview }
    : { title: `Message from ${who}`, body: notice.preview };
}

/** Subscribes; returns the disposer. Notifications are kept referenced until closed so their click still arrives. */
export function wireMessageNotifications(deps: MessageNotificationDeps): () => void {
  const shown = new Set<NotificationLike>();
  const unsubscribe = deps.backend.onDidReceiveMessage((notice) => {
    if (!deps.isSupported()) return;
    const notification = deps.create({ ...messageNotificationText(notice, deps.language()), silent: false });
    shown.add(notification);
    const forget = (): void => {
      shown.delete(notification);
    };
    notification.on('click', () => {
      forget();
      deps.showMainWindow();
      deps.backend.reportNotificationActivation({ kind: 'message', peer: notice.peer });
    });
    notification.on('close', forget);
    notification.show();
  });
  return () => {
    unsubscribe();
    shown.clear();
  };
}
