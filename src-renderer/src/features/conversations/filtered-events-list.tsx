/** The events the filter lets through (SPEC E5), newest first, one row each; virtualized like the list. */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../platform/format';
import { useAppStore } from '../../platform/store/use-app-store';
import { SummaryItem } from '../../platform/ui/summary-item';
import { useDateFormat } from '../settings';
import { eventKindKey, formatDuration } from './event-label';

const ROW_HEIGHT = 44;

export function FilteredEventsList(): ReactElement {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const rows = useAppStore((s) => s.threadRows);
  const open = useAppStore((s) => s.openThread);
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual's documented usage
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialRect: { width: 320, height: 600 },
  });
  if (rows.length === 0) {
    return (
      <p className="empty-state" data-testid="history-rows-empty">
        {t('conversations.filter.none')}
      </p>
    );
  }
  return (
    <div className="thread-scroll" ref={scrollRef} data-testid="history-rows">
      <ul className="thread-list" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          const label =
            row.kind === 'message'
              ? row.text
              : t(eventKindKey(row), {
                  via: row.kind === 'call' ? (row.via ?? '') : '',
                  origin: row.kind === 'call' ? (row.originNumber ?? '') : '',
                });
          return (
            <li
              key={row.id}
              className="thread-row history-row"
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
            >
              <SummaryItem
                name={row.peerName ?? formatNumber(row.peer)}
                time={formatDate.dateTime(row.at)}
                preview={label}
                trailing={
                  row.kind !== 'message' &&
                  row.durationMs !== null &&
                  row.durationMs > 0 && <span className="muted">{formatDuration(row.durationMs)}</span>
                }
                className="thread-item history-item"
                testId="history-row"
                data={{ 'data-kind': row.kind, 'data-peer': row.peer }}
                onPress={() => void open(row.peer)}
              />
            </li>
          );
        })}
      </ul>
    </div>
  );
}
