/**
 * Entry of index.html: bridge → store → i18n → React. In the web shell the
 * page also runs the media host (Electron has a separate media window).
 * `index.html#popup` is the compact call-popup window (SPEC F2): the same
 * store, only the ringing calls, and never the media host.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { connectAppStore, createAppStore, type AppStore } from './app/app-store';
import { resources } from './app/i18n-resources';
import { watchWebNotifications } from './app/web-notifications';
import { CallPopupView } from './features/calls';
import { startMediaHost } from './media-host/media-host';
import { getBridge, isPopupPage } from './platform/bridge/get-uc';
import { changeLanguage, detectLanguage, initI18n } from './platform/i18n/i18n';
import { AppStoreContext } from './platform/store/use-app-store';
import './app/styles.css';

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
  await initI18n(language, resources);
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

void main();
