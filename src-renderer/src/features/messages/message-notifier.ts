/**
 * Web shell only (SPEC G4): a browser notification for each conversation
 * whose unread count grew with an incoming message, unless the user is
 * looking at that very conversation; clicking it brings the page back on the
 * conversation. Electron raises native notifications from the main process
 * instead (src-main/shell/message-notification.ts).
 */
import type { ConversationView } from '../../../../src-preload/contract/messages';
import type { BrowserNotifierDeps } from '../../platform/browser-notifier';

export interface MessageNotifierDeps extends BrowserNotifierDeps {
  /** the page is visible and this conversation is open in it */
  isShowing(peer: string): boolean;
  openConversation(peer: string): void;
}

/** Conversations that received a new incoming message between two lists. */
export function newlyReceived(
  previous: readonly ConversationView[],
  next: readonly ConversationView[],
): ConversationView[] {
  const before = new Map(previous.map((c) => [c.peer, c]));
  return next.filter((c) => {
    const old = before.get(c.peer);
    return c.last.direction === 'in' && c.unread > (old?.unread ?? 0) && c.last.id !== old?.last.id;
  });
}

/** Call on every change of the conversations list; returns how many notifications were shown. */
export function notifyMessages(
  previous: readonly ConversationView[],
  next: readonly ConversationView[],
  deps: MessageNotifierDeps,
): number {
  if (deps.permission() !== 'granted') return 0;
  let shown = 0;
  for (const conversation of newlyReceived(previous, next)) {
    if (deps.isShowing(conversation.peer)) continue;
    deps.notify(
      deps.translate('messages.notificationTitle', { name: conversation.peerName ?? conversation.peer }),
      conversation.last.text,
      () => deps.openConversation(conversation.peer),
    );
    shown++;
  }
  return shown;
}
