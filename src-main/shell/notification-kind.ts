/**
 * The one way the desktop shell shows a native notification for an engine
 * event (missed call, instant message, voicemail — SPEC G4), Electron-free:
 * the shell passes a factory that wraps `new Notification`. Each kind only
 * says how to subscribe, what to write (EN/FR) and what a click activates
 * (notifications.onDidActivate).
 */
import type { NotificationActivation } from '../../src-preload/contract/ipc-contract';
import type { ShellBackend } from '../core/app/shell-backend';

/** What the wiring needs of one native notification (Electron's Notification fits). */
export interface NotificationLike {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
}

/** What the shell provides to every notification kind; `B` is the part of the backend the kind subscribes to. */
export interface NotificationDeps<B = unknown> {
  backend: B & Pick<ShellBackend, 'reportNotificationActivation'>;
  /** Notification.isSupported() */
  isSupported(): boolean;
  create(options: { title: string; body: string; silent: boolean }): NotificationLike;
  showMainWindow(): void;
  /** the settings language ('en' | 'fr'; anything else → English) */
  language(): string | undefined;
}

/** One kind of notification: its event, its text and what a click opens. */
export interface NotificationKind<N> {
  subscribe(listener: (notice: N) => void): () => void;
  /** Title and body, EN/FR. */
  text(notice: N, language: string | undefined): { title: string; body: string };
  activation(notice: N): NotificationActivation;
}

/**
 * Subscribes; returns the disposer. A click shows the main window and
 * reports the activation. Notifications are kept referenced until closed so
 * their click still arrives.
 */
export function wireNotificationKind<N>(deps: NotificationDeps, kind: NotificationKind<N>): () => void {
  const shown = new Set<NotificationLike>();
  const unsubscribe = kind.subscribe((notice) => {
    if (!deps.isSupported()) return;
    const notification = deps.create({ ...kind.text(notice, deps.language()), silent: false });
    shown.add(notification);
    const forget = (): void => {
      shown.delete(notification);
    };
    notification.on('click', () => {
      forget();
      deps.showMainWindow();
      deps.backend.reportNotificationActivation(kind.activation(notice));
    });
    notification.on('close', forget);
    notification.show();
  });
  return () => {
    unsubscribe();
    shown.clear();
  };
}
