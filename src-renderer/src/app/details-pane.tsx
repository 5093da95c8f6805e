/**
 * The Details view's right-hand pane (SPEC A6, DESIGN "Details view = list
 * + detail pane side by side when the window is wide"): the open contact, or
 * the selected history row, or a hint.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { JournalDetails } from '../features/calls';
import { ContactDetails } from '../features/directory';
import { useAppStore } from '../platform/store/use-app-store';

export function DetailsPane(): ReactElement {
  const { t } = useTranslation();
  const selectedEntry = useAppStore((s) => s.selectedEntry);
  const contactForm = useAppStore((s) => s.contactForm);
  const journalEntry = useAppStore((s) => s.journal.find((e) => e.id === s.selectedJournalId));
  return (
    <aside className="details-pane" data-testid="details-pane" aria-label={t('details.pane')}>
      {selectedEntry && !contactForm ? (
        <ContactDetails entry={selectedEntry} inline />
      ) : journalEntry ? (
        <JournalDetails entry={journalEntry} />
      ) : (
        <p className="empty-state">{t('details.empty')}</p>
      )}
    </aside>
  );
}
