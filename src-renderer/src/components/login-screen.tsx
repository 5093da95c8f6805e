/**
 * Login (SPEC A1): internal number, password, server host:port. Errors come
 * either from the login request (e.g. invalid server) or from the session
 * state the engine pushes (auth-failed, unreachable with automatic retry).
 */
import { useState, type FormEvent, type ReactElement } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../src-preload/contract/ipc-contract';
import { assertNever } from '../lib/assert-never';
import { useAppStore } from '../store/use-app-store';
import { LanguageSelect } from './language-select';
import { RegistrationStatus } from './registration-status';
import { useNow } from './use-now';

export function LoginScreen(): ReactElement {
  const { t } = useTranslation();
  const session = useAppStore((s) => s.session);
  const loggingIn = useAppStore((s) => s.loggingIn);
  const loginError = useAppStore((s) => s.loginError);
  const login = useAppStore((s) => s.login);
  const logout = useAppStore((s) => s.logout);
  const [user, setUser] = useState(session.user ?? '');
  const [password, setPassword] = useState('');
  const [server, setServer] = useState(session.server ?? '');
  const now = useNow(session.status === 'unreachable' && session.nextRetryAt !== undefined);

  const busy = loggingIn || session.status === 'connecting';
  const message = errorMessage(t, loginError, session, now);

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    void login({ user, password, server });
  };

  return (
    <main className="login-screen">
      <div className="login-top">
        <RegistrationStatus />
        <LanguageSelect />
      </div>
      <h1 className="login-title">{t('app.title')}</h1>
      <form className="login-form" onSubmit={onSubmit} noValidate aria-describedby="login-intro">
        <h2>{t('login.heading')}</h2>
        <p id="login-intro" className="muted">
          {t('login.intro')}
        </p>
        <label htmlFor="login-user">{t('login.user')}</label>
        <input
          id="login-user"
          data-testid="login-user"
          name="user"
          autoComplete="username"
          inputMode="numeric"
          placeholder={t('login.userPlaceholder')}
          value={user}
          onChange={(ev) => setUser(ev.target.value)}
          required
        />
        <label htmlFor="login-password">{t('login.password')}</label>
        <input
          id="login-password"
          data-testid="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(ev) => setPassword(ev.target.value)}
          required
        />
        <label htmlFor="login-server">{t('login.server')}</label>
        <input
          id="login-server"
          data-testid="login-server"
          name="server"
          autoComplete="url"
          placeholder={t('login.serverPlaceholder')}
          value={server}
          onChange={(ev) => setServer(ev.target.value)}
          required
        />
        {message && (
          <p className="form-error" data-testid="login-error" role="alert">
            {message}
          </p>
        )}
        <div className="login-actions">
          <button type="submit" className="btn btn-primary" data-testid="login-submit" disabled={loggingIn}>
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
          {(session.status === 'connecting' || session.status === 'unreachable') && (
            <button type="button" className="btn" onClick={() => void logout()}>
              {t('login.cancel')}
            </button>
          )}
        </div>
      </form>
    </main>
  );
}

function errorMessage(t: TFunction, loginError: string | null, session: SessionState, now: number): string | null {
  if (loginError === 'missing-fields') return t('login.missingFields');
  if (loginError) return t(`error.${loginError}`);
  switch (session.status) {
    case 'auth-failed':
      return t('login.authFailed');
    case 'unreachable': {
      const base = t('login.unreachable');
      if (session.nextRetryAt === undefined) return base;
      const seconds = Math.max(0, Math.ceil((session.nextRetryAt - now) / 1000));
      return `${base}. ${t('login.retryIn', { seconds })}`;
    }
    case 'logged-out':
    case 'connecting':
    case 'registered':
      return null;
    default:
      return assertNever(session.status, 'session status');
  }
}
