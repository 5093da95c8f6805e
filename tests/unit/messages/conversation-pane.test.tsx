/**
 * A message the UC server refused for good (SPEC E6) shows why in the UI
 * language, from its error code — never the server's English sentence as the
 * text (that one is only the tooltip).
 */
// the renderer's globals (window.uc …): the component imports the bridge
import type {} from '../../../src-renderer/src/global';
import { createInstance, type i18n as I18n } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MessageView } from '../../../src-preload/contract/messages';
import { ConversationPane } from '../../../src-renderer/src/features/messages/conversation-pane';
import { resources } from '../../../src-renderer/src/app/i18n-resources';
import { MESSAGE_FAILURE_CODES, messageFailureKey } from '../../../src-renderer/src/features/messages/message-failure';
import { createAppStore } from '../../../src-renderer/src/app/app-store';
import { AppStoreContext } from '../../../src-renderer/src/platform/store/use-app-store';
import en from '../../../src-renderer/src/features/messages/i18n/en.json';
import fr from '../../../src-renderer/src/features/messages/i18n/fr.json';
import { FakeUc } from '../../support/renderer/fake-uc';

const failed = (extra: Partial<MessageView>): MessageView => ({
  id: '7',
  peer: '999',
  direction: 'out',
  text: 'Allô ?',
  sentAt: 1_800_000_000_000,
  read: false,
  status: 'failed',
  error: 'No internal user 999',
  ...extra,
});

async function i18nIn(language: 'en' | 'fr'): Promise<I18n> {
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

function render(i18n: I18n, messages: MessageView[]): HTMLFragment {
  const store = createAppStore(new FakeUc(), i18n.language === 'fr' ? 'fr' : 'en');
  store.setState({ conversationPeer: '999', conversationMessages: messages });
  // server rendering reads zustand's initial state: show the current one
  const current = { ...store, getInitialState: () => store.getState() };
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <AppStoreContext.Provider value={current}>
        <ConversationPane peer="999" />
      </AppStoreContext.Provider>
    </I18nextProvider>,
  );
  return new HTMLFragment(html);
}

/** Just enough of the markup to read the failed notice (no DOM in the node test environment). */
class HTMLFragment {
  constructor(readonly html: string) {}
  failedNotice(): { text: string; title: string | undefined; code: string | undefined } {
    const match = /<span([^>]*data-testid="message-failed"[^>]*)>([\s\S]*?)<\/span>/.exec(this.html);
    if (!match) throw new Error(`no failed notice in ${this.html}`);
    const attr = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(match[1]!)?.[1];
    return { text: match[2]!.replace(/<!-- -->/g, '').trim(), title: attr('title'), code: attr('data-error-code') };
  }
}

describe('conversation pane: a failed message', () => {
  beforeAll(() => {
    // Node 20 has no navigator; the date format reads the browser languages
    if (typeof navigator === 'undefined') vi.stubGlobal('navigator', { languages: ['fr-FR'] });
  });
  afterAll(() => vi.unstubAllGlobals());

  it('says why in French from the error code; the server sentence is only the tooltip', async () => {
    const notice = render(await i18nIn('fr'), [failed({ errorCode: 'not-found' })]).failedNotice();
    expect(notice.text).toBe('· non distribué : ce numéro interne n’existe pas');
    expect(notice.text).not.toContain('No internal user');
    expect(notice.title).toBe('No internal user 999');
    expect(notice.code).toBe('not-found');
  });

  it('says why in English too; an unknown or missing code gets the generic text', async () => {
    const english = await i18nIn('en');
    expect(render(english, [failed({ errorCode: 'invalid-request' })]).failedNotice().text).toBe(
      '· not delivered: the server refused this message',
    );
    const french = await i18nIn('fr');
    expect(render(french, [failed({ errorCode: 'teapot' })]).failedNotice().text).toBe('· non distribué');
    const old = render(french, [failed({ error: undefined })]).failedNotice();
    expect(old).toEqual({ text: '· non distribué', title: undefined, code: undefined });
  });

  it('every failure code and the generic text exist in English and French', () => {
    for (const key of [...MESSAGE_FAILURE_CODES.map((c) => messageFailureKey(c)), messageFailureKey(undefined)]) {
      const [, , code] = key.split('.');
      for (const resources of [en, fr]) {
        const text = (resources.messages.failedReason as Record<string, string>)[code!];
        expect(text, `${key}`).toMatch(/\S/);
      }
    }
    expect(messageFailureKey('not-found')).toBe('messages.failedReason.not-found');
    expect(messageFailureKey(undefined)).toBe('messages.failedReason.other');
  });
});
