/**
 * Renders a piece of the UI to static HTML with a real store and i18n (no
 * DOM in the node test environment): enough to check what a screen shows
 * for a given state — attributes, texts, which controls are disabled.
 */
// the renderer's globals (window.uc …): components import the bridge
import type {} from '../../../src-renderer/src/global';
import { createInstance, type i18n as I18n } from 'i18next';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { vi } from 'vitest';
import { resources } from '../../../src-renderer/src/app/i18n-resources';
import { createAppStore, type AppState } from '../../../src-renderer/src/app/app-store';
import { AppStoreContext } from '../../../src-renderer/src/platform/store/use-app-store';
import { FakeUc } from './fake-uc';

export async function i18nIn(language: 'en' | 'fr'): Promise<I18n> {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
  return i18n;
}

/** Browser globals read while rendering (not in effects): matchMedia, page visibility, navigator languages. */
export function stubBrowserGlobals(): void {
  vi.stubGlobal('window', { matchMedia: () => ({ matches: false }) });
  vi.stubGlobal('document', { visibilityState: 'visible', hasFocus: () => true });
  if (typeof navigator === 'undefined') vi.stubGlobal('navigator', { languages: ['en-US'] });
}

/** The markup of `ui` over a store in `state`. */
export function renderWith(i18n: I18n, state: Partial<AppState>, ui: ReactElement): string {
  const store = createAppStore(new FakeUc(), i18n.language === 'fr' ? 'fr' : 'en');
  store.setState(state);
  // server rendering reads zustand's initial state: show the current one
  const current = { ...store, getInitialState: () => store.getState() };
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <AppStoreContext.Provider value={current}>{ui}</AppStoreContext.Provider>
    </I18nextProvider>,
  );
}

/** The opening tag of the element with this data-testid (attributes included), or undefined. */
export function tagOf(html: string, testId: string): string | undefined {
  return new RegExp(`<[a-z]+[^>]*data-testid="${testId}"[^>]*>`).exec(html)?.[0];
}

/** An attribute of an opening tag. */
export function attrOf(tag: string | undefined, name: string): string | undefined {
  return tag === undefined ? undefined : new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}
