/**
 * Web shell only (SPEC G4, optional there): while the page is hidden, a
 * missed call raises a browser notification if the user allowed them in
 * Settings; clicking it brings the page back on the history. Electron
 * raises native notifications from the main process instead.
 */
import type { CallView } from '../../../../../src-preload/contract/ipc-contract';
import type { BrowserNotifierDeps } from '../../../platform/browser-notifier';

export interface NotifierDeps extends BrowserNotifierDeps {
  isHidden(): boolean;
  openHistory(): void;
}

/** Ringing calls that ended without being answered by anyone here. */
export function missedCalls(previous: readonly CallView[], next: readonly CallView[]): CallView[] {
  const wasRinging = new Set(previous.filter((c) => c.state === 'ringing-in').map((c) => c.id));
  return next.filter(
    (c) => wasRinging.has(c.id) && c.state === 'terminated' && c.answeredAt === undefined && c.endReason !== 'rejected',
  );
}

/** Call on every calls change. */
export function notifyMissed(previous: readonly CallView[], next: readonly CallView[], deps: NotifierDeps): number {
  if (!deps.isHidden() || deps.permission() !== 'granted') return 0;
  const missed = missedCalls(previous, next);
  for (const call of missed) {
    deps.notify(
      deps.translate('notification.missedTitle'),
      deps.translate('notification.missedBody', { peer: call.peerName ?? call.peer }),
      deps.openHistory,
    );
  }
  return missed.length;
}
