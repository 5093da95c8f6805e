/**
 * The progress view of a call the server places for the user (SPEC J4 associated dialing, B5
 * callback preferred): each phase says which phone to use, in French and English, and a failure
 * is an alert with its reason.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type CallbackView } from '../../../src-preload/contract/ipc-contract';
import { CALLBACK_PHASES, CALLBACK_VIA } from '../../../src-preload/contract/forwarding';
import { CallsPanel } from '../../../src-renderer/src/features/calls/calls-panel';
import { attrOf, i18nIn, renderWith, stubBrowserGlobals, tagOf } from '../../support/renderer/render-static';

const view = (over: Partial<CallbackView>): CallbackView => ({
  id: 'cb-1',
  via: 'desk-phone',
  peer: '101',
  peerName: 'Bruno Martin',
  phase: 'calling-callme',
  startedAt: 1_800_000_000_000,
  ...over,
});

const render = async (language: 'en' | 'fr', callback: CallbackView | null): Promise<string> =>
  renderWith(await i18nIn(language), { settings: { ...DEFAULT_SETTINGS }, calls: [], callback }, <CallsPanel />);

/** The text inside the element with this test id (tags stripped). */
const textOf = (html: string, testId: string): string => {
  const start = html.indexOf(`data-testid="${testId}"`);
  expect(start).toBeGreaterThan(-1);
  const open = html.indexOf('>', start) + 1;
  return html.slice(open, html.indexOf('</', open)).replace(/<[^>]+>/g, '');
};

describe('callback progress view', () => {
  beforeAll(stubBrowserGlobals);
  afterAll(() => vi.unstubAllGlobals());

  it('nothing placed by the server, no call: no panel', async () => {
    expect(await render('en', null)).toBe('');
  });

  it.each([
    ['en', 'calling-callme', 'desk-phone', 'Calling your desk phone… pick it up to call Bruno Martin'],
    ['en', 'calling-callme', 'mobile', 'Calling your mobile… answer it to call Bruno Martin'],
    ['en', 'connecting', 'desk-phone', 'Calling Bruno Martin from your desk phone…'],
    ['en', 'connected', 'mobile', 'Connected — continue on your mobile'],
    [
      'fr',
      'calling-callme',
      'desk-phone',
      'Appel de votre téléphone de bureau… décrochez-le pour appeler Bruno Martin',
    ],
    ['fr', 'connected', 'desk-phone', 'Connecté — poursuivez sur votre téléphone de bureau'],
  ] as const)('%s, %s via %s: “%s”', async (language, phase, via, text) => {
    const html = await render(language, view({ phase, via }));
    expect(textOf(html, 'callback-status')).toBe(text);
    expect(attrOf(tagOf(html, 'callback-progress'), 'role')).toBe('status');
  });

  it('a failure is an alert that says why', async () => {
    const html = await render(
      'en',
      view({ phase: 'failed', via: 'mobile', peerName: undefined, peer: '+33612345678' }),
    );
    expect(attrOf(tagOf(html, 'callback-progress'), 'role')).toBe('alert');
    expect(textOf(html, 'callback-status')).toMatch(/^The call could not be placed: your mobile did not answer, or /);
  });

  it('every phase and phone has a text in both languages (no key shown raw)', async () => {
    for (const language of ['en', 'fr'] as const) {
      for (const phase of CALLBACK_PHASES) {
        for (const via of CALLBACK_VIA) {
          const text = textOf(await render(language, view({ phase, via })), 'callback-status');
          expect(text).not.toMatch(/^callback\./);
          expect(text.length).toBeGreaterThan(10);
        }
      }
    }
  });
});
