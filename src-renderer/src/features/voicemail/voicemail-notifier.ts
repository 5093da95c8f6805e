/**
 * Web shell only (SPEC H/G4): while the page is hidden, a new voice message
 * raises a browser notification if the user allowed them; clicking it
 * brings the page back on the voicemail list. Electron raises native
 * notifications from the main process instead.
 */
import type { VoicemailView } from '../../../../src-preload/contract/voicemail';
import type { BrowserNotifierDeps } from '../../platform/browser-notifier';
import { formatDuration } from '../../platform/format';

export interface VoicemailNotifierDeps extends BrowserNotifierDeps {
  isHidden(): boolean;
  openVoicemail(): void;
}

/** New (unlistened) messages in `next` that `previous` did not have. */
export function arrivedVoicemails(previous: readonly VoicemailView[], next: readonly VoicemailView[]): VoicemailView[] {
  const known = new Set(previous.map((v) => v.id));
  return next.filter((v) => !known.has(v.id) && !v.listened);
}

/**
 * Call on every change of the list once it was loaded (`wasLoaded`: the
 * first load after login shows old messages, it does not announce them).
 */
export function notifyNewVoicemails(
  previous: readonly VoicemailView[],
  next: readonly VoicemailView[],
  wasLoaded: boolean,
  deps: VoicemailNotifierDeps,
): number {
  if (!wasLoaded || !deps.isHidden() || deps.permission() !== 'granted') return 0;
  const arrived = arrivedVoicemails(previous, next);
  for (const v of arrived) {
    deps.notify(
      deps.translate('voicemail.notificationTitle'),
      deps.translate('voicemail.notificationBody', {
        caller: v.callerName ?? v.callerNumber,
        duration: formatDuration(v.durationMs),
      }),
      deps.openVoicemail,
    );
  }
  return arrived.length;
}
