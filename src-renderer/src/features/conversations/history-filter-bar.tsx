/**
 * Filter and export (SPEC E5, issue #13): placed / received / missed and a month narrow the
 * Conversations tab to a list of events; Export writes the events of the current filter (all of them
 * without one) to a CSV file — calls, messages and voicemails together — with its progress.
 */
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationRowView } from '../../../../src-preload/contract/conversations';
import { useAppStore } from '../../platform/store/use-app-store';
import { useDateFormat } from '../settings';
import { buildCsv, type CsvWording } from './conversations-csv';
import type { ThreadFilter } from './conversations-slice';
import { eventKindKey } from './event-label';

const DIRECTIONS: readonly ThreadFilter['direction'][] = ['all', 'placed', 'received', 'missed'];

/** Saves `text` as a file through the browser's download (the Electron shell asks where). */
function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function HistoryFilterBar(): ReactElement {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const filter = useAppStore((s) => s.threadFilter);
  const setFilter = useAppStore((s) => s.setThreadFilter);
  const rowsForExport = useAppStore((s) => s.threadRowsForExport);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);

  const runExport = async (): Promise<void> => {
    if (progress !== null) return;
    setProgress({ done: 0, total: 0 });
    try {
      const rows = await rowsForExport();
      if (rows === null) return;
      const wording: CsvWording = {
        header: [
          t('conversations.csv.date'),
          t('conversations.csv.direction'),
          t('conversations.csv.kind'),
          t('conversations.csv.number'),
          t('conversations.csv.name'),
          t('conversations.csv.duration'),
          t('conversations.csv.result'),
        ],
        dateTime: (at) => formatDate.dateTime(at),
        direction: (d) => t(`conversations.csv.${d}`),
        kind: (row: ConversationRowView) =>
          t(eventKindKey(row), {
            via: row.kind === 'call' ? (row.via ?? '') : '',
            origin: row.kind === 'call' ? (row.originNumber ?? '') : '',
          }),
      };
      const csv = await buildCsv(rows, wording, (done, total) => setProgress({ done, total }));
      const suffix = filter.month !== '' ? `-${filter.month}` : '';
      download(csv, `conversations${filter.direction !== 'all' ? `-${filter.direction}` : ''}${suffix}.csv`);
    } finally {
      setProgress(null);
    }
  };

  return (
    <div className="history-filter" data-testid="history-filter">
      <select
        className="input history-filter-direction"
        data-testid="history-filter-direction"
        aria-label={t('conversations.filter.direction')}
        value={filter.direction}
        onChange={(ev) => void setFilter({ ...filter, direction: ev.target.value as ThreadFilter['direction'] })}
      >
        {DIRECTIONS.map((d) => (
          <option key={d} value={d}>
            {t(`conversations.filter.${d}`)}
          </option>
        ))}
      </select>
      <input
        type="month"
        className="input history-filter-month"
        data-testid="history-filter-month"
        aria-label={t('conversations.filter.month')}
        value={filter.month}
        onChange={(ev) => void setFilter({ ...filter, month: ev.target.value })}
      />
      <button
        type="button"
        className="btn"
        data-testid="history-export"
        disabled={progress !== null}
        onClick={() => void runExport()}
      >
        {t('conversations.export')}
      </button>
      {progress !== null && (
        <progress
          className="history-export-progress"
          data-testid="history-export-progress"
          aria-label={t('conversations.exporting')}
          max={Math.max(1, progress.total)}
          value={progress.done}
        />
      )}
    </div>
  );
}
