import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../platform/store/use-app-store';
import { Icon } from '../../platform/ui/icon';
import { useServerAction } from '../session';

/** Personal contacts: "New contact" and "Import" (SPEC C4), under the Search/Dial field. */
export function ContactsToolbar(): ReactElement {
  const { t } = useTranslation();
  const openContactForm = useAppStore((s) => s.openContactForm);
  const openImport = useAppStore((s) => s.openImport);
  // importing is done by the UC server; new contacts are kept and sent later (outbox)
  const server = useServerAction();
  return (
    <div className="contacts-toolbar" role="toolbar" aria-label={t('contact.toolbar')}>
      <button
        type="button"
        className="btn btn-ghost btn-small"
        data-testid="contact-new"
        onClick={() => openContactForm({ mode: 'create' })}
      >
        <Icon name="user-plus" />
        {t('contact.new')}
      </button>
      <button
        type="button"
        className="btn btn-ghost btn-small"
        data-testid="contacts-import"
        {...server.props}
        onClick={() => {
          if (!server.offline) openImport();
        }}
      >
        <Icon name="upload" />
        {t('import.open')}
      </button>
    </div>
  );
}
