/**
 * Call history: direction, peer, date/time in the user's locale, duration,
 * result and reason. Bounded to the newest JOURNAL_LIMIT rows.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { JournalEntry } from '../../../src-preload/contract/ipc-contract';
import { formatDateTime, formatDuration, formatNumber, localeFor } from '../lib/format';
import { useAppStore } from '../store/use-app-store';
import { Icon } from './icons';

export function JournalList(): ReactElement {
  const { t } = useTranslation();
  const journal = useAppStore((s) => s.journal);
  return (
    <section className="journal" aria-labelledby="journal-heading">
      <h2 id="journal-heading" className="section-title">
        {t('journal.heading')}
      </h2>
      {journal.length === 0 ? (
        <p className="empty-state">{t('journal.empty')}</p>
      ) : (
        <ul className="journal-list" data-testid="journal-list">
          {journal.map((entry) => (
            <JournalItem key={entry.id} entry={entry} />
          ))}
        </ul>
      )}
    </section>
  );
}

function JournalItem({ entry }: { entry: JournalEntry }): ReactElement {
  const { t, i18n } = useTranslation();
  const answered = entry.result === 'answered' && entry.answeredAt !== undefined;
  return (
    <li className={`journal-item result-${entry.result}`} data-testid="journal-item" data-result={entry.result}>
      <span
        className={`journal-dir dir-${entry.direction}`}
        role="img"
        aria-label={t(`journal.direction.${entry.direction}`)}
        title={t(`journal.direction.${entry.direction}`)}
      >
        <Icon name={entry.direction === 'outgoing' ? 'outgoing' : 'incoming'} />
      </span>
      <div className="journal-body">
        <div className="journal-line">
          <span className="peer-name">
            {entry.peerName ?? formatNumber(entry.peer)}
            {entry.peerName && <span className="peer-number muted"> {formatNumber(entry.peer)}</span>}
          </span>
          <time className="journal-time muted" dateTime={new Date(entry.startedAt).toISOString()}>
            {formatDateTime(entry.startedAt, localeFor(i18n.language, navigator.languages))}
          </time>
        </div>
        <div className="journal-line">
          <span className="journal-result">
            {t(`journal.result.${entry.result}`)}
            {entry.reason && entry.result !== 'answered' && (
              <span className="journal-reason"> ({t(`endReason.${entry.reason}`)})</span>
            )}
          </span>
          {answered && (
            <span className="journal-duration muted">
              {t('journal.duration', { duration: formatDuration(entry.endedAt - (entry.answeredAt ?? entry.endedAt)) })}
            </span>
          )}
        </div>
      </div>
    </li>
  );
}
