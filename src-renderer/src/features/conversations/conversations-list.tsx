/**
 * Conversations (SPEC E1, issue #13): one entry per contact — a colleague or a bare number — newest
 * first, the last event (call, message or voicemail) and a green counter of unread events; a click
 * opens the conversation. Virtualized (TanStack Virtual): only the rows in sight are rendered, so
 * 10 000 conversations scroll as smoothly as ten.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationSummaryView } from '../../../../src-preload/contract/conversations';
import { formatNumber } from '../../platform/format';
import { useAppStore } from '../../platform/store/use-app-store';
import { CountBadge } from '../../platform/ui/count-badge';
import { IconButton } from '../../platform/ui/icon-button';
import { SummaryItem } from '../../platform/ui/summary-item';
import { PeerPhoto } from '../directory';
import { useDateFormat } from '../settings';
import { ConfirmDelete } from './confirm-delete';
import { eventKindKey } from './event-label';
import { isFiltering, totalThreadUnread } from './conversations-slice';
import { FilteredEventsList } from './filtered-events-list';
import { HistoryFilterBar } from './history-filter-bar';

/** Height of one row, px (conversations.css .thread-item). */
const ROW_HEIGHT = 56;

export function ConversationsList(): ReactElement {
  const { t } = useTranslation();
  const threads = useAppStore((s) => s.threads);
  const filtering = useAppStore((s) => isFiltering(s.threadFilter));
  const deleteFrom = useAppStore((s) => s.deleteFromThreads);
  const [confirmAll, setConfirmAll] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  // the virtualizer re-renders this component itself on scroll; the compiler not memoizing it is fine
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual's documented usage
  const virtualizer = useVirtualizer({
    count: threads.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    // first paint without a measured element (and in static rendering): a screenful of rows
    initialRect: { width: 320, height: 600 },
  });
  const unread = totalThreadUnread(threads);
  return (
    <section className="threads" aria-labelledby="threads-heading" data-testid="threads">
      <h2 id="threads-heading" className="section-title threads-heading">
        <span>{t('conversations.heading')}</span>
        <CountBadge count={unread} label={t('conversations.unread', { count: unread })} testId="threads-unread-total" />
        {threads.length > 0 && (
          <IconButton
            icon="trash"
            label={t('conversations.deleteAll')}
            className="icon-btn-small threads-delete-all"
            testId="threads-delete-all"
            onPress={() => setConfirmAll(true)}
          />
        )}
      </h2>
      <HistoryFilterBar />
      {filtering ? (
        <FilteredEventsList />
      ) : threads.length === 0 ? (
        <p className="empty-state" data-testid="threads-empty">
          {t('conversations.empty')}
        </p>
      ) : (
        <div className="thread-scroll" ref={scrollRef} data-testid="thread-scroll">
          <ul className="thread-list" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((row) => (
              <ThreadItem
                key={threads[row.index]!.peer}
                thread={threads[row.index]!}
                top={row.start}
                index={row.index}
                count={threads.length}
              />
            ))}
          </ul>
        </div>
      )}
      {confirmAll && (
        <ConfirmDelete
          question={t('conversations.confirmDeleteAll')}
          onCancel={() => setConfirmAll(false)}
          onConfirm={() => {
            setConfirmAll(false);
            void deleteFrom({ all: true });
          }}
        />
      )}
    </section>
  );
}

function ThreadItem({
  thread,
  top,
  index,
  count,
}: {
  thread: ConversationSummaryView;
  top: number;
  index: number;
  count: number;
}): ReactElement {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const open = useAppStore((s) => s.openThread);
  const name = thread.peerName ?? formatNumber(thread.peer);
  const last = thread.last;
  const preview =
    last.kind === 'message'
      ? `${last.direction === 'out' ? `${t('conversations.you')}: ` : ''}${last.text}`
      : t(eventKindKey(last), {
          via: last.kind === 'call' ? (last.via ?? '') : '',
          origin: last.kind === 'call' ? (last.originNumber ?? '') : '',
        });
  return (
    <li
      className="thread-row"
      style={{ transform: `translateY(${top}px)` }}
      aria-setsize={count}
      aria-posinset={index + 1}
    >
      <SummaryItem
        picture={<PeerPhoto peer={thread.peer} name={name} />}
        name={name}
        time={formatDate.dateTime(last.at)}
        preview={preview}
        previewTestId="thread-preview"
        unread={{
          count: thread.unread,
          label: t('conversations.unread', { count: thread.unread }),
          testId: 'thread-unread',
        }}
        className="thread-item"
        testId="thread-item"
        data={{ 'data-peer': thread.peer, 'data-unread': thread.unread, 'data-last-kind': last.kind }}
        onPress={() => void open(thread.peer)}
      />
    </li>
  );
}
