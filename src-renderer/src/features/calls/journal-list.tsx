/**
 * Call history: direction, peer, date/time in the user's locale, duration,
 * result and reason. Bounded to the newest JOURNAL_LIMIT rows.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { JournalEntry } from '../../../../src-preload/contract/ipc-contract';
import { formatDuration, formatNumber } from '../../platform/format';
import { journalOutcome } from './journal-outcome';
import { JournalOutcomeLabel } from './journal-outcome-label';
import { useAppStore } from '../../platform/store/use-app-store';
import { Icon } from '../../platform/ui/icon';
import { IconButton } from '../../platform/ui/icon-button';
import { MissedBadge } from './missed-badge';
import { useDateFormat } from '../settings';

/** @param selectable rows open in the Details pane (Details view) */
export function JournalList({ selectable = false }: { selectable?: boolean }): ReactElement {
  const { t } = useTranslation();
  const journal = useAppStore((s) => s.journal);
  return (
    <section className="journal" aria-labelledby="journal-heading">
      <h2 id="journal-heading" className="section-title journal-heading">
        <span>{t('journal.heading')}</span>
        <MissedBadge />
      </h2>
      {journal.length === 0 ? (
        <p className="empty-state">{t('journal.empty')}</p>
      ) : (
        <ul className="journal-list" data-testid="journal-list">
          {journal.map((entry) => (
            <JournalItem key={entry.id} entry={entry} selectable={selectable} />
          ))}
        </ul>
      )}
    </section>
  );
}

function JournalItem({ entry, selectable }: { entry: JournalEntry; selectable: boolean }): ReactElement {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const selected = useAppStore((s) => s.selectedJournalId === entry.id);
  const select = useAppStore((s) => s.selectJournalEntry);
  const answered = entry.result === 'answered' && entry.answeredAt !== undefined;
  const outcome = journalOutcome(entry);
  return (
    <li
      className={`journal-item result-${entry.result} tone-${outcome.tone}${selected ? ' is-selected' : ''}`}
      data-testid="journal-item"
      data-result={entry.result}
      data-outcome={outcome.outcome}
    >
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
            {formatDate.dateTime(entry.startedAt)}
          </time>
        </div>
        <div className="journal-line">
          <span className="journal-result" data-testid="journal-result">
            <JournalOutcomeLabel outcome={outcome} />
            {outcome.reasonKey !== undefined && <span className="journal-reason"> ({t(outcome.reasonKey)})</span>}
          </span>
          {answered && (
            <span className="journal-duration muted">
              {t('journal.duration', { duration: formatDuration(entry.endedAt - (entry.answeredAt ?? entry.endedAt)) })}
            </span>
          )}
        </div>
      </div>
      {selectable && (
        <IconButton
          icon="chevron-right"
          label={t('journal.select')}
          className="icon-btn-small journal-select"
          testId="journal-select"
          pressed={selected}
          onPress={() => select(selected ? null : entry.id)}
        />
      )}
    </li>
  );
}
