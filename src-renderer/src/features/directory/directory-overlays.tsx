/**
 * The directory's sheets over the main view (SPEC C3, C4): the open contact
 * (in the Details view's side pane instead when it is shown), the contact
 * form, the import dialog. The cached contacts stay readable offline (SPEC
 * K) and edits wait in the outbox; importing needs the UC server.
 */
import type { ReactElement } from 'react';
import { useAppStore } from '../../platform/store/use-app-store';
import { ContactDetails } from './contact-details';
import { ContactForm } from './contact-form';
import { ImportDialog } from './import-dialog';

/** @param split the Details view shows the contact in its side pane */
export function DirectoryOverlays({ split }: { split: boolean }): ReactElement | null {
  const main = useAppStore((s) => s.view === 'main');
  const selectedEntry = useAppStore((s) => s.selectedEntry);
  const contactForm = useAppStore((s) => s.contactForm);
  const importOpen = useAppStore((s) => s.importOpen);
  const ucOffline = useAppStore((s) => s.session.ucConnection === 'offline');
  if (!main) return null;
  return (
    <>
      {selectedEntry && !contactForm && !split && <ContactDetails entry={selectedEntry} />}
      {contactForm && <ContactForm form={contactForm} />}
      {importOpen && !ucOffline && <ImportDialog />}
    </>
  );
}
