import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/use-app-store';

/**
 * Colour dot + text of the SIP registration state. Registered is the normal
 * state: the dot alone says it (text for screen readers and the tooltip),
 * which leaves the narrow header room for the name; every other state is
 * spelled out because it needs the user's attention.
 */
export function RegistrationStatus(): ReactElement {
  const { t } = useTranslation();
  const status = useAppStore((s) => s.session.status);
  return (
    <span
      className={`registration-status status-${status}`}
      data-testid="registration-status"
      data-status={status}
      role="status"
      title={`${t('header.registration')}: ${t(`status.${status}`)}`}
    >
      <span className="status-dot" aria-hidden="true" />
      <span className={`status-text${status === 'registered' ? ' visually-hidden' : ''}`}>{t(`status.${status}`)}</span>
    </span>
  );
}
