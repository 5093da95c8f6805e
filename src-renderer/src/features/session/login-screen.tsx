/**
 * Login (SPEC A1–A3): internal number, password, UC server (host or
 * host:port, default port 8802) picked from up to 4 saved servers, and
 * "remember me / log in automatically". Errors come from the login request
 * (e.g. invalid server), from `SessionState.loginError` (wrong credentials,
 * too many attempts with a live countdown, server unreachable…) or from the
 * SIP status (auth-failed, unreachable with automatic retry). A certificate
 * the computer does not trust opens the {@link TrustCertificateDialog} (SPEC A1).
 */
import { useState, type FormEvent, type ReactElement } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { LoginError, SessionState } from '../../../../src-preload/contract/ipc-contract';
import { assertNever } from '../../../../src-preload/contract/platform';
import { useAppStore } from '../../platform/store/use-app-store';
import { LanguageSelect } from '../settings';
import { RegistrationStatus } from './registration-status';
import { ServerCombobox } from './server-combobox';
import { TrustCertificateDialog } from './trust-certificate-dialog';
import { useNow } from '../../platform/hooks/use-now';

export function LoginScreen(): ReactElement {
  const { t } = useTranslation();
  const session = useAppStore((s) => s.session);
  const loggingIn = useAppStore((s) => s.loggingIn);
  const loginError = useAppStore((s) => s.loginError);
  const blockedUntil = useAppStore((s) => s.loginBlockedUntil);
  const servers = useAppStore((s) => s.settings.servers);
  const autoLogin = useAppStore((s) => s.settings.autoLogin);
  const login = useAppStore((s) => s.login);
  const logout = useAppStore((s) => s.logout);
  const [user, setUser] = useState(session.user ?? '');
  const [password, setPassword] = useState('');
  // null = untouched: follow the last used server once the settings arrive
  const [serverInput, setServerInput] = useState<string | null>(null);
  const [remember, setRemember] = useState<boolean | null>(null);
  const server = serverInput ?? session.server ?? servers[0] ?? '';
  const now = useNow(
    (session.status === 'unreachable' && session.nextRetryAt !== undefined) || blockedUntil !== null,
    1_000,
  );
  const blockedFor = blockedUntil === null ? 0 : Math.max(0, Math.ceil((blockedUntil - now) / 1000));

  const busy = loggingIn || session.status === 'connecting';
  const message = errorMessage(t, loginError, session, now, blockedFor);

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (blockedFor > 0) return;
    void login({ user, password, server, remember: remember ?? autoLogin });
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
        <ServerCombobox value={server} onChange={setServerInput} servers={servers} describedBy="login-server-hint" />
        <p id="login-server-hint" className="field-hint muted">
          {t('login.serverHint')}
        </p>
        <label className="checkbox-row">
          <input
            type="checkbox"
            data-testid="login-remember"
            checked={remember ?? autoLogin}
            onChange={(ev) => setRemember(ev.target.checked)}
          />
          <span>{t('login.remember')}</span>
        </label>
        {message && (
          <p className="form-error" data-testid="login-error" role="alert" data-code={session.loginError}>
            {message}
          </p>
        )}
        <div className="login-actions">
          <button
            type="submit"
            className="btn btn-primary"
            data-testid="login-submit"
            disabled={loggingIn || blockedFor > 0}
          >
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
          {(session.status === 'connecting' || session.status === 'unreachable') && (
            <button type="button" className="btn" onClick={() => void logout()}>
              {t('login.cancel')}
            </button>
          )}
        </div>
      </form>
      <TrustCertificateDialog />
    </main>
  );
}

function errorMessage(
  t: TFunction,
  requestError: string | null,
  session: SessionState,
  now: number,
  blockedFor: number,
): string | null {
  if (requestError === 'missing-fields') return t('login.missingFields');
  if (requestError) return t(`error.${requestError}`);
  if (session.loginError) return loginErrorMessage(t, session, session.loginError, blockedFor);
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
    case 'password-change-required':
      return null;
    default:
      return assertNever(session.status, 'unknown session status');
  }
}

function loginErrorMessage(t: TFunction, session: SessionState, error: LoginError, blockedFor: number): string {
  switch (error) {
    case 'untrusted-certificate':
    case 'certificate-changed':
      return t(`loginError.${error}`, {
        endpoint: session.certificate?.endpoint ?? session.server ?? '',
        fingerprint: session.certificate?.fingerprint ?? '',
      });
    case 'too-many-attempts':
      return blockedFor > 0 ? t('loginError.too-many-attempts', { seconds: blockedFor }) : t('loginError.tryAgainNow');
    case 'invalid-credentials':
    case 'server-unreachable':
    case 'bad-server-reply':
    case 'sip-auth-failed':
    case 'cleartext-sip':
      return t(`loginError.${error}`);
    default:
      return assertNever(error, 'unknown login error');
  }
}
