import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../platform/store/use-app-store';
import { HeaderCounters } from './header-counters';
import { IconButton } from '../platform/ui/icon-button';
import { ForwardingIndicator } from '../features/forwarding';
import { LanguageSelect } from '../features/settings';
import { OwnAvatar } from '../features/presence';
import { PresenceSelector } from '../features/presence';
import { RegistrationStatus } from '../features/session';
import { ViewSelect } from '../features/desktop';
import { WindowControls } from '../features/desktop';

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
        <IconButton
          icon="settings"
          label={t('header.settings')}
          tooltip={devicesChanged ? t('settings.audio.changed') : t('header.settings')}
          className={devicesChanged ? 'is-blinking' : undefined}
          testId="open-settings"
          pressed={view === 'settings'}
          onPress={() => setView(view === 'settings' ? 'main' : 'settings')}
        />
        <IconButton icon="log-out" label={t('header.logout')} testId="logout" onPress={() => void logout()} />
      </nav>
      <div className="own-line">
        {displayName && (
          <span className="own-number" data-testid="own-number" title={t('header.ownNumber')}>
            {user}
          </span>
        )}
        <RegistrationStatus />
        <PresenceSelector />
        <ForwardingIndicator />
      </div>
      <div className="header-tools">
        <ViewSelect testId="header-view" />
        <LanguageSelect />
      </div>
    </header>
  );
}
