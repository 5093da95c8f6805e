/**
 * "Call <number>?" for a telephony link that did not come from the user's
 * own click in our window (SPEC G1): the number is shown first and nothing
 * is dialed without the user's yes. Cancel (or Esc) answers no. The focus
 * starts on Cancel: a web page firing links must not get a call from a
 * stray Enter.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../../platform/store/use-app-store';
import { Dialog } from '../../../platform/ui/dialog';
import { Icon } from '../../../platform/ui/icon';

export function LinkConfirm(): ReactElement | null {
  const { t } = useTranslation();
  const request = useAppStore((s) => s.linkRequests[0]);
  const confirm = useAppStore((s) => s.confirmLink);
  if (!request) return null;
  return (
    <Dialog
      key={request.requestId}
      title={t('links.confirmTitle')}
      testId="link-confirm"
      className="link-confirm"
      onClose={() => void confirm(request.requestId, false)}
    >
      <p className="link-question" data-testid="link-confirm-number" data-number={request.number}>
        {t('links.confirmQuestion', { display: request.display })}
      </p>
      {request.extension && (
        <p className="muted" data-testid="link-confirm-extension">
          {t('links.confirmExtension', { extension: request.extension })}
        </p>
      )}
      <p className="field-hint muted">{t('links.confirmSource', { scheme: request.scheme })}</p>
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-answer"
          data-testid="link-confirm-call"
          onClick={() => void confirm(request.requestId, true)}
        >
          <Icon name="phone" />
          {t('links.call')}
        </button>
        <button
          type="button"
          className="btn"
          data-testid="link-confirm-cancel"
          data-autofocus
          onClick={() => void confirm(request.requestId, false)}
        >
          {t('links.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
