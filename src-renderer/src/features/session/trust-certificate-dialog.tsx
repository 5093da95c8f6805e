/**
 * SPEC A1: the login stopped at a certificate this computer does not trust.
 * It is shown once, with its SHA-256 fingerprint, for the user to compare
 * with the one their administrator gave; "Trust and connect" pins it for
 * that server (the engine accepts only the certificate it showed) and logs in
 * again. The focus starts on "Do not connect": a stray Enter must not trust
 * a certificate. A changed certificate gets no dialog: it is refused (the
 * login error says so).
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../platform/store/use-app-store';
import { Dialog } from '../../platform/ui/dialog';

export function TrustCertificateDialog(): ReactElement | null {
  const { t } = useTranslation();
  const session = useAppStore((s) => s.session);
  const dismissed = useAppStore((s) => s.dismissedCertificate);
  const loggingIn = useAppStore((s) => s.loggingIn);
  const trust = useAppStore((s) => s.trustCertificate);
  const dismiss = useAppStore((s) => s.dismissCertificate);
  const certificate = session.certificate;
  if (session.loginError !== 'untrusted-certificate' || !certificate || dismissed === certificate.fingerprint) {
    return null;
  }
  return (
    <Dialog title={t('trust.title')} testId="trust-certificate" className="trust-certificate" onClose={dismiss}>
      <p>{t('trust.intro', { endpoint: certificate.endpoint })}</p>
      <p>{t('trust.check')}</p>
      <p className="trust-fingerprint-label" id="trust-fingerprint-label">
        {t('trust.fingerprint')}
      </p>
      <code
        className="trust-fingerprint"
        data-testid="trust-certificate-fingerprint"
        aria-labelledby="trust-fingerprint-label"
      >
        {certificate.fingerprint}
      </code>
      <p className="field-hint muted">{t('trust.remembered')}</p>
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-primary"
          data-testid="trust-certificate-accept"
          disabled={loggingIn}
          onClick={() => void trust()}
        >
          {t('trust.accept')}
        </button>
        <button type="button" className="btn" data-testid="trust-certificate-cancel" data-autofocus onClick={dismiss}>
          {t('trust.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
