/** The selected history row in the Details view's pane (SPEC A6): who, when, how it ended, and a call button. */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { JournalEntry } from '../../../../src-preload/contract/ipc-contract';
import { formatDuration, formatNumber } from '../../platform/format';
import { useAppStore } from '../../platform/store/use-app-store';
import { Icon } from '../../platform/ui/icon';
import { PeerAvatar } from '../directory';
import { useDateFormat } from '../settings';
import { journalOutcome } from './journal-outcome';
import { JournalOutcomeLabel } from './journal-outcome-label';

export function JournalDetails({ entry: journalEntry }: { entry: JournalEntry }): ReactElement {
  const { t } = useTranslation();
  const dial = useAppStore((s) => s.dial);
  const formatDate = useDateFormat();
  return (
    <section className="details-card" data-testid="journal-details">
      <div className="contact-card">
        <PeerAvatar peer={journalEntry.peer} name={journalEntry.peerName ?? journalEntry.peer} large />
        <div className="contact-ident">
          <p className="contact-name">{journalEntry.peerName ?? formatNumber(journalEntry.peer)}</p>
          {journalEntry.peerName && <p className="muted">{formatNumber(journalEntry.peer)}</p>}
        </div>
      </div>
      <p className="contact-line">
        <span className="contact-kind">{t(`journal.direction.${journalEntry.direction}`)}</span>
        <span className="contact-value">{formatDate.dateTime(journalEntry.startedAt)}</span>
      </p>
      <p className="contact-line">
        <span className="contact-kind">
          <JournalOutcomeLabel outcome={journalOutcome(journalEntry)} />
        </span>
        <span className="contact-value">
          {journalEntry.answeredAt !== undefined &&
            t('journal.duration', { duration: formatDuration(journalEntry.endedAt - journalEntry.answeredAt) })}
        </span>
      </p>
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-answer"
          data-testid="journal-details-call"
          onClick={() => void dial(journalEntry.peer, journalEntry.peerName)}
        >
          <Icon name="phone" />
          {t('details.call', { number: formatNumber(journalEntry.peer) })}
        </button>
      </div>
    </section>
  );
}
