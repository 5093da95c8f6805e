import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/use-app-store';
import { HeaderCounters } from './header-counters';
import { Icon } from './icons';
import { LanguageSelect } from './language-select';
import { OwnAvatar } from './own-avatar';
import { PresenceSelector } from './presence-selector';
import { RegistrationStatus } from './registration-status';
import { ViewSelect } from './view-select';
import { WindowControls } from './window-controls';

/**
 * The header (DESIGN "Header"): own initials ringed with the presence, the
 * name, the counters (missed calls, unread messages, new voicemails), then
 * number, registration state and presence; settings and logout; view and
 * language. It stays usable while the UC server is offline (SPEC A4).
 *
 * A grid, so that at the default 380 px nothing overlaps and the name is
 * never cut: the name shares its row only with the counters and two buttons
 * (it wraps rather than being truncated), the view switcher is left to
 * Settings > Display below 520 px, and Electron's window buttons get a strip
 * of their own at the top.
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
    <header className="app-header" data-testid="app-header">
      <WindowControls />
      <OwnAvatar />
      <span className="own-name" data-testid="own-name">
        {displayName ?? user}
      </span>
      <HeaderCounters place="header" />
      <nav className="header-actions" aria-label={t('header.menu')}>
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
      <div className="own-line">
        {displayName && (
          <span className="own-number" data-testid="own-number" title={t('header.ownNumber')}>
            {user}
          </span>
        )}
        <RegistrationStatus />
        <PresenceSelector />
      </div>
      <div className="header-tools">
        <ViewSelect testId="header-view" />
        <LanguageSelect />
      </div>
    </header>
  );
}
