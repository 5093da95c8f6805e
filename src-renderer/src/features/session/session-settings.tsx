/** Settings > Change password (SPEC A2; needs the UC server) and the Log out button. */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../platform/store/use-app-store';
import { Icon } from '../../platform/ui/icon';
import { PasswordForm } from './password-form';

export function PasswordSettings(): ReactElement {
  return <PasswordForm idPrefix="pw-settings" />;
}

export function LogoutSettings(): ReactElement {
  const { t } = useTranslation();
  const logout = useAppStore((s) => s.logout);
  return (
    <button type="button" className="btn" data-testid="settings-logout" onClick={() => void logout()}>
      <Icon name="log-out" />
      {t('header.logout')}
    </button>
  );
}
