/** Settings > Change password (SPEC A2; needs the UC server), the trusted certificates (SPEC A1) and the Log out button. */
import { useEffect, type ReactElement } from 'react';
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

/**
 * The certificates the user trusted by hand, per server (SPEC A1): "Forget"
 * removes one, so the next login shows the trust question again — how a user
 * deliberately re-trusts a server whose certificate was replaced.
 */
export function TrustedCertificatesSettings(): ReactElement {
  const { t } = useTranslation();
  const trusted = useAppStore((s) => s.trustedCertificates);
  const refresh = useAppStore((s) => s.refreshTrustedCertificates);
  const forget = useAppStore((s) => s.forgetCertificate);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return (
    <section aria-labelledby="trusted-certificates-heading" data-testid="trusted-certificates">
      <h3 id="trusted-certificates-heading">{t('trusted.heading')}</h3>
      {trusted.length === 0 ? (
        <p className="muted">{t('trusted.none')}</p>
      ) : (
        <ul className="trusted-certificates">
          {trusted.map((c) => (
            <li key={c.origin}>
              <span>{c.origin}</span>
              <code className="trust-fingerprint">{c.fingerprint}</code>
              <button
                type="button"
                className="btn"
                aria-label={t('trusted.forgetLabel', { origin: c.origin })}
                onClick={() => void forget(c.origin)}
              >
                {t('trusted.forget')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
