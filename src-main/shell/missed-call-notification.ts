/**
 * Missed-call notifications of the desktop shell (SPEC G4), Electron-free
 * (see notification-kind.ts). Clicking one shows the main window and opens
 * the journal entry (notifications.onDidActivate `{kind:'missed-call', callId, peer}`).
 */
import type { MissedCallNotice, ShellBackend } from '../core/app/shell-backend';
import { wireNotificationKind, type NotificationDeps } from './notification-kind';
import { shellStrings } from './shell-strings';

export type MissedCallNotificationDeps = NotificationDeps<Pick<ShellBackend, 'onDidMissCall'>>;

/** Title and body of the notification, EN/FR. */
export function missedCallNotificationText(
  notice: MissedCallNotice,
  language: string | undefined,
): { title: string; body: string } {
  const strings = shellStrings(language);
  return { title: strings.missedCallTitle, body: strings.missedCallBody(notice.peerName ?? notice.peer) };
}

/** Subscribes; returns the disposer. */
export function wireMissedCallNotifications(deps: MissedCallNotificationDeps): () => void {
  return wireNotificationKind(deps, {
    subscribe: (listener) => deps.backend.onDidMissCall(listener),
    text: missedCallNotificationText,
    activation: (notice) => ({ kind: 'missed-call', callId: notice.callId, peer: notice.peer }),
  });
}
