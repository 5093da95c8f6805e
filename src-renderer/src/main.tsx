/**
 * Entry of index.html: bridge → store → i18n → React. In the web shell the
 * page also runs the media host (Electron has a separate media window).
 * `index.html#popup` is the compact call-popup window (SPEC F2): the same
 * store, only the ringing calls, and never the media host.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import i18next from 'i18next';
import { getBridge, isPopupPage } from './bridge/get-uc';
import { changeLanguage, detectLanguage, initI18n } from './i18n/i18n';
import type { BrowserNotifierDeps } from './lib/browser-notifier';
import { notifyMissed } from './lib/web-notifier';
import { notifyNewVoicemails } from './lib/voicemail-notifier';
import { notifyMessages } from './lib/message-notifier';
import { startMediaHost } from './media-host/media-host';
import { connectAppStore, createAppStore, type AppStore } from './store/app-store';
import { pageIsLookedAt } from './store/messages-slice';
import { AppStoreContext } from './store/use-app-store';
import { App } from './components/app';
import { CallPopupView } from './components/call-popup-view';
import './styles/app.css';

async function main(): Promise<void> {
  const bridge = getBridge();
  const popup = isPopupPage();
  if (bridge.media && !popup) {
    const media = startMediaHost(bridge.media);
    // the engine (re)sends the audio device choice when the host announces itself (SPEC F4)
    bridge.onDidChangeConnection((connected) => {
      if (connected) media.announce();
    });
  }
  const language = detectLanguage();
  const store = createAppStore(bridge.uc, language);
  store.getState().setShellKind(bridge.kind);
  await initI18n(language);
  document.documentElement.classList.toggle('is-popup', popup);
  store.subscribe((state, previous) => {
    if (state.settings.language !== previous.settings.language) void changeLanguage(state.settings.language);
  });
  // Electron zooms with webContents.setZoomFactor; the web shell page zooms itself (CSSOM, CSP-safe)
  if (bridge.kind === 'web' && !popup) applyWebZoom(store);
  if (bridge.kind === 'web' && !popup) watchWebNotifications(store);
  // back from the tray / minimized / another window: the open conversation's new messages are read now
  if (!popup) {
    window.addEventListener('focus', () => store.getState().userDidLook());
    document.addEventListener('visibilitychange', () => store.getState().userDidLook());
  }
  connectAppStore(store, bridge.uc, bridge);
  const rootElement = document.getElementById('root');
  if (!rootElement) throw new Error('#root missing in index.html');
  createRoot(rootElement).render(
    <StrictMode>
      <AppStoreContext.Provider value={store}>{popup ? <CallPopupView /> : <App />}</AppStoreContext.Provider>
    </StrictMode>,
  );
}

function applyWebZoom(store: AppStore): void {
  const apply = (zoom: number) => document.documentElement.style.setProperty('zoom', String(zoom));
  apply(store.getState().settings.zoom);
  store.subscribe((state, previous) => {
    if (state.settings.zoom !== previous.settings.zoom) apply(state.settings.zoom);
  });
}

/**
 * SPEC G4/H in the web shell: browser notifications for missed calls and new
 * voice messages while the page is hidden, and for new instant messages
 * unless that conversation is being looked at (see the notifiers in lib/).
 */
function watchWebNotifications(store: AppStore): void {
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

void main();
