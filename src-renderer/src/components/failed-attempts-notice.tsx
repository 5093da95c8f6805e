/**
 * After a successful login, once: how many login attempts failed since the
 * last login and when the last one was (SPEC A2). Dismissable.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { failedAttemptsKey } from '../store/session-slice';
import { useAppStore } from '../store/use-app-store';
import { Icon } from './icons';
import { useDateFormat } from './use-date-format';

export function FailedAttemptsNotice(): ReactElement | null {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const session = useAppStore((s) => s.session);
  const dismissed = useAppStore((s) => s.dismissedFailedAttempts);
  const dismiss = useAppStore((s) => s.dismissFailedAttempts);
  const key = failedAttemptsKey(session);
  const failed = session.failedAttempts;
  if (!key || !failed || key === dismissed) return null;
  const when = failed.lastAt === undefined ? null : formatDate.dateTime(failed.lastAt);
  return (
    <div className="banner banner-warning notice" role="status" data-testid="failed-attempts-notice">
      <span>
        {when
          ? t('notice.failedAttempts', { count: failed.count, when })
          : t('notice.failedAttemptsNoDate', { count: failed.count })}
      </span>
      <button
        type="button"
        className="icon-btn icon-btn-small"
        data-testid="failed-attempts-dismiss"
        aria-label={t('notice.dismiss')}
        title={t('notice.dismiss')}
        onClick={dismiss}
      >
        <Icon name="close" />
      </button>
    </div>
  );
}
