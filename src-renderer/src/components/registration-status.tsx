import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/use-app-store';

/** Colour dot + text of the SIP registration state. */
export function RegistrationStatus(): ReactElement {
  const { t } = useTranslation();
  const status = useAppStore((s) => s.session.status);
  return (
    <span
      className={`registration-status status-${status}`}
      data-testid="registration-status"
      data-status={status}
      role="status"
      title={t('header.registration')}
    >
      <span className="status-dot" aria-hidden="true" />
      <span className="status-text">{t(`status.${status}`)}</span>
    </span>
  );
}
