/**
 * Forced password change after the first login (SPEC A2): the session is
 * open on the UC server but nothing else is possible until the password is
 * changed; logging out is.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../platform/store/use-app-store';
import { LanguageSelect } from '../settings';
import { PasswordForm } from './password-form';

export function PasswordChangeScreen(): ReactElement {
  const { t } = useTranslation();
  const user = useAppStore((s) => s.session.displayName ?? s.session.user);
  const logout = useAppStore((s) => s.logout);
  return (
    <main className="login-screen" data-testid="password-change-screen">
      <div className="login-top">
        <span className="muted">{user}</span>
        <LanguageSelect />
      </div>
      <h1 className="login-title">{t('app.title')}</h1>
      <section className="login-form" aria-labelledby="pw-forced-heading">
        <h2 id="pw-forced-heading">{t('password.forcedHeading')}</h2>
        <p className="muted">{t('password.forcedIntro')}</p>
        <PasswordForm idPrefix="pw-forced" />
        <button type="button" className="btn btn-link" data-testid="pw-logout" onClick={() => void logout()}>
          {t('header.logout')}
        </button>
      </section>
    </main>
  );
}
