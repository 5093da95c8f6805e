/**
 * Entry of index.html: bridge → store → i18n → React. In the web shell the
 * page also runs the media host (Electron has a separate media window).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getBridge } from './bridge/get-uc';
import { changeLanguage, detectLanguage, initI18n } from './i18n/i18n';
import { startMediaHost } from './media-host/media-host';
import { connectAppStore, createAppStore } from './store/app-store';
import { AppStoreContext } from './store/use-app-store';
import { App } from './components/app';
import './styles/app.css';

async function main(): Promise<void> {
  const bridge = getBridge();
  if (bridge.media) startMediaHost(bridge.media);
  const language = detectLanguage();
  const store = createAppStore(bridge.uc, language);
  await initI18n(language);
  store.subscribe((state, previous) => {
    if (state.settings.language !== previous.settings.language) void changeLanguage(state.settings.language);
  });
  connectAppStore(store, bridge.uc, bridge);
  const rootElement = document.getElementById('root');
  if (!rootElement) throw new Error('#root missing in index.html');
  createRoot(rootElement).render(
    <StrictMode>
      <AppStoreContext.Provider value={store}>
        <App />
      </AppStoreContext.Provider>
    </StrictMode>,
  );
}

void main();
