/**
 * After a successful login, once: how many login attempts failed since the
 * last login and when the last one was (SPEC A2). Dismissable.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { failedAttemptsKey } from './session-slice';
import { useAppStore } from '../../platform/store/use-app-store';
import { IconButton } from '../../platform/ui/icon-button';
import { useDateFormat } from '../settings';

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
      <IconButton
        icon="close"
        label={t('notice.dismiss')}
        className="icon-btn-small"
        testId="failed-attempts-dismiss"
        onPress={dismiss}
      />
    </div>
  );
}
