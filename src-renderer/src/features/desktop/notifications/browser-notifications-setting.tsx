/**
 * Settings > Desktop integration (web shell only, SPEC G4): asks the
 * browser's permission for missed-call, message and voicemail notifications.
 */
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../../platform/store/use-app-store';
import { Icon } from '../../../platform/ui/icon';

/** Web shell only: ask the browser's permission for missed-call notifications (SPEC G4). */
export function BrowserNotificationsSetting(): ReactElement | null {
  const webShell = useAppStore((s) => s.shellKind === 'web');
  const { t } = useTranslation();
  // a page asks the browser; Electron raises native notifications without asking
  const supported = typeof Notification !== 'undefined';
  const [permission, setPermission] = useState(() => (supported ? Notification.permission : 'denied'));
  if (!webShell) return null;
  return (
    <div className="settings-row">
      <span>{t('settings.notifications')}</span>
      {!supported ? (
        <span className="muted">{t('settings.notificationsUnsupported')}</span>
      ) : permission === 'granted' ? (
        <span className="tag" data-testid="settings-notifications-state">
          {t('settings.notificationsGranted')}
        </span>
      ) : permission === 'denied' ? (
        <span className="muted" data-testid="settings-notifications-state">
          {t('settings.notificationsDenied')}
        </span>
      ) : (
        <button
          type="button"
          className="btn btn-small"
          data-testid="settings-notifications"
          onClick={() => void Notification.requestPermission().then(setPermission)}
        >
          <Icon name="bell" />
          {t('settings.notificationsAllow')}
        </button>
      )}
    </div>
  );
}
