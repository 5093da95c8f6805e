/**
 * Settings > Desktop integration (SPEC G1, G2, G4, A3, A6): dial hotkey,
 * telephony links, start minimized, keep on top, and (web shell) browser
 * notifications for missed calls.
 */
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/use-app-store';
import { HotkeyField } from './hotkey-field';
import { Icon } from './icons';
import { SettingSwitch } from './setting-switch';

export function SettingsDesktopSection(): ReactElement {
  const { t } = useTranslation();
  const settings = useAppStore((s) => s.settings);
  const updateSettings = useAppStore((s) => s.updateSettings);
  const shellKind = useAppStore((s) => s.shellKind);
  return (
    <section className="settings-section" aria-labelledby="settings-desktop">
      <h2 id="settings-desktop" className="section-title">
        {t('settings.desktop')}
      </h2>
      <HotkeyField />
      <SettingSwitch
        label={t('settings.linksDefault')}
        testId="settings-links-default"
        checked={settings.telephonyLinksDefault}
        onChange={(checked) => void updateSettings({ telephonyLinksDefault: checked })}
      />
      <SettingSwitch
        label={t('settings.startMinimized')}
        testId="settings-start-minimized"
        checked={settings.startMinimized}
        onChange={(checked) => void updateSettings({ startMinimized: checked })}
      />
      <SettingSwitch
        label={t('settings.pinOnTop')}
        testId="settings-pin"
        checked={settings.pinOnTop}
        onChange={(checked) => void updateSettings({ pinOnTop: checked })}
      />
      {shellKind === 'web' && <BrowserNotifications />}
    </section>
  );
}

/** Web shell only: ask the browser's permission for missed-call notifications (SPEC G4). */
function BrowserNotifications(): ReactElement {
  const { t } = useTranslation();
  const supported = typeof Notification !== 'undefined';
  const [permission, setPermission] = useState(() => (supported ? Notification.permission : 'denied'));
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
