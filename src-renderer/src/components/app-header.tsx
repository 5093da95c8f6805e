import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/use-app-store';
import { Icon } from './icons';
import { LanguageSelect } from './language-select';
import { MissedBadge } from './missed-badge';
import { OwnAvatar } from './own-avatar';
import { PresenceSelector } from './presence-selector';
import { RegistrationStatus } from './registration-status';
import { ViewSelect } from './view-select';
import { WindowControls } from './window-controls';

/**
 * Name and number, registration state, missed-call counter, and the menu
 * (view, language, settings, logout; window buttons in Electron). It stays
 * usable while the UC server is offline (SPEC A4).
 */
export function AppHeader(): ReactElement {
  const { t } = useTranslation();
  const user = useAppStore((s) => s.session.user);
  const displayName = useAppStore((s) => s.session.displayName);
  const view = useAppStore((s) => s.view);
  const setView = useAppStore((s) => s.setView);
  // SPEC F4: the audio-settings button blinks after a device was plugged or unplugged
  const devicesChanged = useAppStore((s) => s.audioDevicesChanged && s.view !== 'settings');
  const logout = useAppStore((s) => s.logout);
  return (
    <header className="app-header">
      <div className="identity">
        <OwnAvatar />
        <div className="identity-text">
          {displayName && <span className="own-name">{displayName}</span>}
          <span className="own-line">
            <span className="own-number" data-testid="own-number" title={t('header.ownNumber')}>
              {user}
            </span>
            <RegistrationStatus />
          </span>
          <PresenceSelector />
        </div>
        <MissedBadge action="open-history" />
      </div>
      <nav className="header-actions" aria-label={t('header.menu')}>
        <ViewSelect testId="header-view" />
        <LanguageSelect />
        <button
          type="button"
          className={`icon-btn${view === 'settings' ? ' is-pressed' : ''}${devicesChanged ? ' is-blinking' : ''}`}
          data-testid="open-settings"
          aria-label={t('header.settings')}
          title={devicesChanged ? t('settings.audio.changed') : t('header.settings')}
          aria-pressed={view === 'settings'}
          onClick={() => setView(view === 'settings' ? 'main' : 'settings')}
        >
          <Icon name="settings" />
        </button>
        <button
          type="button"
          className="icon-btn"
          data-testid="logout"
          aria-label={t('header.logout')}
          title={t('header.logout')}
          onClick={() => void logout()}
        >
          <Icon name="log-out" />
        </button>
      </nav>
      <WindowControls />
    </header>
  );
}
