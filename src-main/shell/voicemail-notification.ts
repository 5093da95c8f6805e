/**
 * New-voicemail notifications of the desktop shell (SPEC H/G4),
 * Electron-free (see notification-kind.ts). Clicking one shows the main
 * window and opens the voicemail list
 * (notifications.onDidActivate `{kind:'voicemail', peer}`).
 */
import type { ShellBackend } from '../core/app/shell-backend';
import type { VoicemailNotice } from '../core/features/voicemail';
import { wireNotificationKind, type NotificationDeps } from './notification-kind';

export type VoicemailNotificationDeps = NotificationDeps<Pick<ShellBackend, 'onDidReceiveVoicemail'>>;

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

/** Subscribes; returns the disposer. */
export function wireVoicemailNotifications(deps: VoicemailNotificationDeps): () => void {
  return wireNotificationKind(deps, {
    subscribe: (listener) => deps.backend.onDidReceiveVoicemail(listener),
    text: voicemailNotificationText,
    activation: (notice) => ({ kind: 'voicemail', peer: notice.callerNumber }),
  });
}
