/**
 * The confirmation a destructive action asks for: a question, Cancel, and the action's button
 * (red, focused first, so Enter confirms what the question says and Esc cancels).
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './dialog';

export interface ConfirmDialogProps {
  title: string;
  question: string;
  /** the action's button, e.g. "Delete" */
  confirmLabel: string;
  /** the sheet's; its buttons are `<testId>-cancel` and `<testId>-ok` */
  testId: string;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog({
  title,
  question,
  confirmLabel,
  testId,
  onConfirm,
  onCancel,
}: ConfirmDialogProps): ReactElement {
  const { t } = useTranslation();
  return (
    <Dialog title={title} testId={testId} onClose={onCancel}>
      <p>{question}</p>
      <div className="form-actions">
        <button type="button" className="btn" data-testid={`${testId}-cancel`} onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="btn btn-danger"
          data-testid={`${testId}-ok`}
          data-autofocus
          onClick={onConfirm}
        >
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
