/**
 * Short messages that need no answer (SPEC G1 refused links, G2 hotkey
 * outcomes): a polite live region, dismissable, gone after a few seconds.
 * They never take the focus.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Toast } from './toasts-slice';
import { useAppStore } from '../../../platform/store/use-app-store';
import { IconButton } from '../../../platform/ui/icon-button';

export function Toasts(): ReactElement {
  const { t } = useTranslation();
  const toasts = useAppStore((s) => s.toasts);
  const dismiss = useAppStore((s) => s.dismissToast);
  return (
    <div className="toast-stack" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className={`toast toast-${toast.kind}`}
          data-testid={toast.kind === 'link-refused' ? 'link-refused' : `toast-${toast.kind}`}
          data-reason={toast.values?.reason}
        >
          <span className="toast-text">
            <ToastText toast={toast} />
          </span>
          <IconButton
            icon="close"
            label={t('toast.dismiss')}
            className="icon-btn-small"
            onPress={() => dismiss(toast.id)}
          />
        </div>
      ))}
    </div>
  );
}

function ToastText({ toast }: { toast: Toast }): ReactElement {
  const { t, i18n } = useTranslation();
  const values = toast.values ?? {};
  if (toast.kind === 'link-refused') {
    const reasonKey = `links.error.${values.reason ?? 'unknown'}`;
    const reason = i18n.exists(reasonKey) ? t(reasonKey) : t('links.error.unknown');
    return <>{t('links.refused', { reason })}</>;
  }
  if (toast.kind === 'hotkey' && values.reason) {
    const reasonKey = `hotkey.selection.${values.reason}`;
    if (i18n.exists(reasonKey)) return <>{t(reasonKey)}</>;
  }
  return <>{t(toast.key, values)}</>;
}
