import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../platform/store/use-app-store';

/**
 * Colour dot + text of the SIP registration state. Registered is the normal
 * state: the dot alone says it (text for screen readers and the tooltip),
 * which leaves the narrow header room for the name; every other state is
 * spelled out because it needs the user's attention.
 */
export function RegistrationStatus(): ReactElement {
  const { t } = useTranslation();
  const status = useAppStore((s) => s.session.status);
  const issue = useAppStore((s) => (s.session.status === 'unreachable' ? s.session.registrationIssue : undefined));
  // why calls cannot reach us right now (binding removed, connection silent…), not only that they cannot
  const why = issue !== undefined ? ` — ${t(`registrationIssue.${issue}`)}` : '';
  return (
    <span
      className={`registration-status status-${status}`}
      data-testid="registration-status"
      data-status={status}
      {...(issue !== undefined ? { 'data-issue': issue } : {})}
      role="status"
      title={`${t('header.registration')}: ${t(`status.${status}`)}${why}`}
    >
      <span className="status-dot" aria-hidden="true" />
      <span className={`status-text${status === 'registered' ? ' visually-hidden' : ''}`}>{t(`status.${status}`)}</span>
    </span>
  );
}
