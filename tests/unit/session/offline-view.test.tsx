/**
 * The UC server unreachable (SPEC A4 + K, issue #8): the explanation is shown,
 * but the cached directory, conversations, voicemail list and history stay
 * searchable and readable — nothing is inert or greyed; only controls that
 * need the server are disabled, each with a tooltip saying why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import type { SessionState } from '../../../src-preload/contract/ipc-contract';
import type { VoicemailView } from '../../../src-preload/contract/voicemail';
import { App } from '../../../src-renderer/src/app/app';
import en from '../../../src-renderer/src/features/session/i18n/en.json';
import { attrOf, i18nIn, renderWith, stubBrowserGlobals, tagOf } from '../../support/renderer/render-static';

const session = (ucConnection: 'online' | 'offline'): SessionState => ({
  status: 'registered',
  user: '100',
  displayName: 'Alice Martin',
  server: '127.0.0.1',
  ucConnection,
});
const voicemail: VoicemailView = {
  id: 'vm1',
  callerNumber: '101',
  callerName: 'Bruno Müller',
  receivedAt: 1_800_000_000_000,
  durationMs: 5_000,
  listened: false,
};
const state = (ucConnection: 'online' | 'offline') => ({
  session: session(ucConnection),
  hasBeenRegistered: true,
  bridgeConnected: true,
  presence: { state: 'office' as const, visibility: 'all' as const, updatedAt: 1 },
  voicemails: [voicemail],
  conversations: [
    {
      peer: '101',
      peerName: 'Bruno Müller',
      unread: 1,
      last: {
        id: 'm1',
        peer: '101',
        direction: 'in' as const,
        text: 'Salut',
        sentAt: 1_800_000_000_000,
        read: false,
        status: 'sent' as const,
      },
    },
  ],
});

describe('main view while the UC server is unreachable', () => {
  beforeAll(stubBrowserGlobals);
  afterAll(() => vi.unstubAllGlobals());

  it('explains, keeps search, conversations and history usable (no inert, no greying)', async () => {
    const html = renderWith(await i18nIn('en'), state('offline'), <App />);
    expect(tagOf(html, 'uc-offline-overlay')).toBeDefined();
    expect(html).toContain(en.offline.message);
    expect(html).not.toMatch(/\sinert=/);
    expect(html).not.toContain('is-offline');
    expect(attrOf(tagOf(html, 'dial-input'), 'disabled')).toBeUndefined();
    expect(tagOf(html, 'conversation-item')).toBeDefined();
    expect(attrOf(tagOf(html, 'conversation-item'), 'aria-disabled')).toBeUndefined();
    // the contacts are kept and sent later: creating one works offline
    expect(attrOf(tagOf(html, 'contact-new'), 'aria-disabled')).toBeUndefined();
    expect(attrOf(tagOf(html, 'voicemail-call-back'), 'aria-disabled')).toBeUndefined();
  });

  it.each(['contacts-import', 'presence-button', 'voicemail-play', 'voicemail-toggle-listened', 'voicemail-delete'])(
    '%s needs the server: disabled with the reason as tooltip',
    async (testId) => {
      const html = renderWith(await i18nIn('en'), state('offline'), <App />);
      const tag = tagOf(html, testId);
      expect(tag, testId).toBeDefined();
      expect(attrOf(tag, 'aria-disabled')).toBe('true');
      expect(attrOf(tag, 'title')).toBe(en.offline.needsServer);
    },
  );

  it('online, the same controls are plain', async () => {
    const html = renderWith(await i18nIn('en'), state('online'), <App />);
    expect(tagOf(html, 'uc-offline-overlay')).toBeUndefined();
    for (const testId of ['contacts-import', 'presence-button', 'voicemail-play', 'voicemail-delete']) {
      expect(attrOf(tagOf(html, testId), 'aria-disabled'), testId).toBeUndefined();
    }
  });
});
