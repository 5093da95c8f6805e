/** The confirmation every deletion asks for (E3): what goes, and that it goes on every device. */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../platform/ui/dialog';

export function ConfirmDelete({
  question,
  onConfirm,
  onCancel,
}: {
  question: string;
  onConfirm: () => void;
  onCancel: () => void;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <Dialog title={t('conversations.confirmTitle')} testId="confirm-delete" onClose={onCancel}>
      <p>{question}</p>
      <div className="form-actions">
        <button type="button" className="btn" data-testid="confirm-delete-cancel" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="btn btn-danger"
          data-testid="confirm-delete-ok"
          data-autofocus
          onClick={onConfirm}
        >
          {t('conversations.delete')}
        </button>
      </div>
    </Dialog>
  );
}
