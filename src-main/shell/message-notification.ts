/**
 * New instant-message notifications of the desktop shell (SPEC E6/G4),
 * Electron-free (see notification-kind.ts). Clicking one shows the main
 * window and opens the conversation
 * (notifications.onDidActivate `{kind:'message', peer}`).
 */
import type { MessageNotice, ShellBackend } from '../core/app/shell-backend';
import { wireNotificationKind, type NotificationDeps } from './notification-kind';

export type { NotificationLike } from './notification-kind';

export type MessageNotificationDeps = NotificationDeps<Pick<ShellBackend, 'onDidReceiveMessage'>>;

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

/** Subscribes; returns the disposer. */
export function wireMessageNotifications(deps: MessageNotificationDeps): () => void {
  return wireNotificationKind(deps, {
    subscribe: (listener) => deps.backend.onDidReceiveMessage(listener),
    text: messageNotificationText,
    activation: (notice) => ({ kind: 'message', peer: notice.peer }),
  });
}
