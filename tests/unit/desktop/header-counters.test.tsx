/**
 * The header shows unread messages and new voicemails beside the missed
 * calls, in every view (SPEC A6, G4; issue #8): List, Details, Menu, and the
 * Collapsed bar.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type MainView } from '../../../src-preload/contract/ipc-contract';
import { App } from '../../../src-renderer/src/app/app';
import { attrOf, i18nIn, renderWith, stubBrowserGlobals, tagOf } from '../../support/renderer/render-static';

const state = (view: MainView, counts: { missed: number; unread: number; voicemails: number }) => ({
  session: { status: 'registered' as const, user: '100', displayName: 'Alice Martin', ucConnection: 'online' as const },
  hasBeenRegistered: true,
  bridgeConnected: true,
  settings: { ...DEFAULT_SETTINGS, view },
  missedCalls: counts.missed,
  conversations: [
    {
      peer: '101',
      unread: counts.unread,
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
  voicemails: Array.from({ length: counts.voicemails }, (_, i) => ({
    id: `vm${i}`,
    callerNumber: '101',
    receivedAt: 1_800_000_000_000,
    durationMs: 5_000,
    listened: false,
  })),
});

describe('header counters', () => {
  beforeAll(stubBrowserGlobals);
  afterAll(() => vi.unstubAllGlobals());

  it.each(['list', 'details', 'menu'] as const)(
    '%s view: missed calls, unread messages, new voicemails',
    async (view) => {
      const html = renderWith(await i18nIn('en'), state(view, { missed: 2, unread: 3, voicemails: 1 }), <App />);
      expect(attrOf(tagOf(html, 'missed-counter'), 'data-count')).toBe('2');
      expect(attrOf(tagOf(html, 'unread-counter'), 'data-count')).toBe('3');
      expect(attrOf(tagOf(html, 'voicemail-counter'), 'data-count')).toBe('1');
      expect(attrOf(tagOf(html, 'unread-counter'), 'aria-label')).toBe('3 unread messages — open the conversation');
    },
  );

  it('collapsed view: the bar carries them', async () => {
    const html = renderWith(await i18nIn('fr'), state('collapsed', { missed: 1, unread: 1, voicemails: 2 }), <App />);
    expect(attrOf(tagOf(html, 'collapsed-missed'), 'data-count')).toBe('1');
    expect(attrOf(tagOf(html, 'collapsed-unread'), 'data-count')).toBe('1');
    expect(attrOf(tagOf(html, 'collapsed-voicemail'), 'data-count')).toBe('2');
    expect(attrOf(tagOf(html, 'collapsed-voicemail'), 'title')).toBe(
      '2 nouveaux messages vocaux — ouvrir la messagerie vocale',
    );
  });

  it('nothing at zero', async () => {
    const html = renderWith(await i18nIn('en'), state('list', { missed: 0, unread: 0, voicemails: 0 }), <App />);
    for (const id of ['missed-counter', 'unread-counter', 'voicemail-counter']) expect(tagOf(html, id)).toBeUndefined();
  });
});
