/** A group name field with save and cancel (new group, rename): Enter saves, Esc cancels. */
import { useId, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { FAVORITE_GROUP_NAME_MAX } from '../../../../src-preload/contract/favorites';

export function GroupNameForm({
  initial = '',
  label,
  submitLabel,
  testId,
  onSubmit,
  onCancel,
}: {
  initial?: string;
  label: string;
  submitLabel: string;
  testId: string;
  onSubmit(name: string): void | Promise<void>;
  onCancel(): void;
}): ReactElement {
  const { t } = useTranslation();
  const [name, setName] = useState(initial);
  const id = useId();
  const blank = name.trim() === '';
  return (
    <form
      className="group-name-form"
      data-testid={testId}
      onSubmit={(ev) => {
        ev.preventDefault();
        if (!blank) void onSubmit(name.trim());
      }}
      onKeyDown={(ev) => {
        if (ev.key === 'Escape') {
          ev.stopPropagation();
          onCancel();
        }
      }}
    >
      <div className="form-field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          autoFocus
          data-autofocus
          data-testid={`${testId}-input`}
          value={name}
          maxLength={FAVORITE_GROUP_NAME_MAX}
          placeholder={t('favorites.namePlaceholder')}
          onChange={(ev) => setName(ev.target.value)}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" data-testid={`${testId}-save`} disabled={blank}>
          {submitLabel}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
