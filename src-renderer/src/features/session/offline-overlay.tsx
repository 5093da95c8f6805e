/**
 * Lost connection to the UC server (SPEC A4): the explanation at the top of
 * the main view. Nothing below is blocked (SPEC K: the cached data works
 * read-only; controls that need the server carry their own "why" tooltip).
 * It goes away by itself when the engine is back online.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

export function OfflineOverlay(): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="offline-overlay" data-testid="uc-offline-overlay" role="alert" aria-live="assertive">
      <div className="offline-card">
        <span className="spinner" aria-hidden="true" />
        <div>
          <p>{t('offline.message')}</p>
          <p className="muted">
            {t('offline.readOnly')} {t('offline.reconnecting')}
          </p>
        </div>
      </div>
    </div>
  );
}
