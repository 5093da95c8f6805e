/**
 * The web shell's browser notifications (SPEC G4/H), composed from the
 * features' notifiers; Electron raises native ones from the main process.
 */
import i18next from 'i18next';
import { notifyMissed } from '../features/desktop';
import { notifyMessages, pageIsLookedAt } from '../features/messages';
import { notifyNewVoicemails } from '../features/voicemail';
import type { BrowserNotifierDeps } from '../platform/browser-notifier';
import type { AppStore } from '../platform/store/app-state';

/**
 * SPEC G4/H in the web shell: browser notifications for missed calls and new
 * voice messages while the page is hidden, and for new instant messages
 * unless that conversation is being looked at (see the features' notifiers).
 */
export function watchWebNotifications(store: AppStore): void {
  const browser: BrowserNotifierDeps & { isHidden(): boolean } = {
    isHidden: () => document.visibilityState === 'hidden',
    permission: () => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission),
    notify: (title, body, onClick) => {
      const notification = new Notification(title, { body });
      notification.onclick = () => {
        window.focus();
        onClick();
      };
    },
    translate: (key, values) => i18next.t(key, values),
  };
  store.subscribe((state, previous) => {
    if (state.calls !== previous.calls) {
      notifyMissed(previous.calls, state.calls, { ...browser, openHistory: () => store.getState().openHistory() });
    }
    if (state.voicemails !== previous.voicemails) {
      notifyNewVoicemails(previous.voicemails, state.voicemails, previous.voicemailsLoaded, {
        ...browser,
        openVoicemail: () => store.getState().openVoicemail(),
      });
    }
    // the first load after (re)connecting is history, not news
    if (state.conversations !== previous.conversations && previous.conversationsLoaded) {
      notifyMessages(previous.conversations, state.conversations, {
        ...browser,
        // same test as the slice's mark-read: an open conversation behind other windows is not "showing"
        isShowing: (peer) => pageIsLookedAt() && store.getState().conversationPeer === peer,
        openConversation: (peer) => void store.getState().openConversation(peer),
      });
    }
  });
}
