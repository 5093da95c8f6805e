/**
 * The Conversations list (issue #13, E1): 10 000 contacts render only a screenful of rows (TanStack
 * Virtual), newest first with their counters; the events of a filter replace the contacts; FR and EN.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConversationSummaryView } from '../../../src-preload/contract/conversations';
import { ConversationsList } from '../../../src-renderer/src/features/conversations/conversations-list';
import { i18nIn, renderWith, stubBrowserGlobals } from '../../support/renderer/render-static';

const threads = (n: number): ConversationSummaryView[] =>
  Array.from({ length: n }, (_, i) => ({
    peer: String(10_000 + i),
    peerName: `Contact ${i}`,
    internal: false,
    inDirectory: false,
    unread: i === 0 ? 2 : 0,
    last: {
      kind: 'call',
      id: `call:${i}`,
      at: 1_795_000_000_000 - i * 60_000,
      direction: 'in',
      result: 'missed',
      durationMs: null,
      via: null,
      origin: null,
      originNumber: null,
      deviceKind: null,
      unread: i === 0,
    },
  }));

describe('ConversationsList', () => {
  beforeAll(() => stubBrowserGlobals());

  it('renders a screenful of 10 000 conversations, the newest first with its counter', async () => {
    const html = renderWith(await i18nIn('en'), { threads: threads(10_000) }, <ConversationsList />);
    const rows = html.match(/data-testid="thread-item"/g) ?? [];
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(40);
    expect(html).toContain('data-peer="10000"');
    expect(html).toContain('data-unread="2"');
    expect(html).toContain('Missed call');
    expect(html).not.toContain('data-peer="19999"');
  });

  it('says so when there is nothing, in French too', async () => {
    const html = renderWith(await i18nIn('fr'), { threads: [] }, <ConversationsList />);
    expect(html).toContain('Aucun appel, message ou message vocal');
  });

  it('a filter lists events instead of contacts', async () => {
    const html = renderWith(
      await i18nIn('en'),
      {
        threads: threads(3),
        threadFilter: { direction: 'missed', month: '' },
        threadRows: [{ ...threads(1)[0]!.last, peer: '10000', peerName: 'Contact 0' }],
      },
      <ConversationsList />,
    );
    expect(html.match(/data-testid="history-row"/g)).toHaveLength(1);
    expect(html).not.toContain('data-testid="thread-item"');
  });
});
