import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/use-app-store';
import { Icon } from './icons';
import { LanguageSelect } from './language-select';
import { RegistrationStatus } from './registration-status';

/** Own number, registration state, language switch, logout. */
export function AppHeader(): ReactElement {
  const { t } = useTranslation();
  const user = useAppStore((s) => s.session.user);
  const status = useAppStore((s) => s.session.status);
  const logout = useAppStore((s) => s.logout);
  return (
    <header className="app-header">
      <div className="identity">
        <span className={`avatar avatar-${status}`} aria-hidden="true">
          {user?.slice(-2)}
        </span>
        <div className="identity-text">
          <span className="own-number" data-testid="own-number" title={t('header.ownNumber')}>
            {user}
          </span>
          <RegistrationStatus />
        </div>
      </div>
      <div className="header-actions">
        <LanguageSelect />
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
      </div>
    </header>
  );
}
