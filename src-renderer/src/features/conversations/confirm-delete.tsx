/** The confirmation every deletion asks for (E3): what goes, and that it goes on every device. */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../platform/ui/confirm-dialog';

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
    <ConfirmDialog
      title={t('conversations.confirmTitle')}
      question={question}
      confirmLabel={t('conversations.delete')}
      testId="confirm-delete"
      onConfirm={onConfirm}
      onCancel={onCancel}
    />
  );
}
