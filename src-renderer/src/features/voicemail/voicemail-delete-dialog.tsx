/** "Delete this voice message?" — deleting cannot be undone (SPEC H2). */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../platform/ui/dialog';

export function VoicemailDeleteDialog({
  caller,
  onCancel,
  onConfirm,
}: {
  caller: string;
  onCancel(): void;
  onConfirm(): void;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <Dialog title={t('voicemail.deleteTitle')} testId="voicemail-delete-dialog" onClose={onCancel}>
      <p>{t('voicemail.deleteQuestion', { caller })}</p>
      <div className="form-actions">
        <button type="button" className="btn" data-testid="voicemail-delete-cancel" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="btn btn-danger"
          data-testid="voicemail-delete-confirm"
          data-autofocus
          onClick={onConfirm}
        >
          {t('voicemail.deleteConfirm')}
        </button>
      </div>
    </Dialog>
  );
}
