/**
 * The Details view's right-hand pane (SPEC A6, DESIGN "Details view = list
 * + detail pane side by side when the window is wide"): the open contact, or
 * the selected history row, or a hint.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration, formatNumber } from '../lib/format';
import { journalOutcome } from '../lib/journal-outcome';
import { useAppStore } from '../store/use-app-store';
import { PeerAvatar } from './peer-avatar';
import { ContactDetails } from './contact-details';
import { Icon } from './icons';
import { useDateFormat } from './use-date-format';

export function DetailsPane(): ReactElement {
  const { t } = useTranslation();
  const selectedEntry = useAppStore((s) => s.selectedEntry);
  const contactForm = useAppStore((s) => s.contactForm);
  const journalEntry = useAppStore((s) => s.journal.find((e) => e.id === s.selectedJournalId));
  const dial = useAppStore((s) => s.dial);
  const formatDate = useDateFormat();
  return (
    <aside className="details-pane" data-testid="details-pane" aria-label={t('details.pane')}>
      {selectedEntry && !contactForm ? (
        <ContactDetails entry={selectedEntry} inline />
      ) : journalEntry ? (
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
            <span className="contact-kind">{t(journalOutcome(journalEntry).labelKey)}</span>
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
      ) : (
        <p className="empty-state">{t('details.empty')}</p>
      )}
    </aside>
  );
}
