/** Where a forwarding rule sends calls: voicemail, mobile or a number (with its field), or "none" for a state. */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { FORWARDING_TARGET_KINDS } from '../../../../src-preload/contract/forwarding';
import type { DraftErrorCode, TargetDraft } from './forwarding-draft';

export function TargetPicker({
  id,
  label,
  value,
  onChange,
  error,
  allowNone = false,
}: {
  /** field id, also the test ids' stem (`<id>-kind`, `<id>-number`) */
  id: string;
  label: string;
  /** null: no forwarding (only with allowNone) */
  value: TargetDraft | null;
  onChange(value: TargetDraft | null): void;
  error?: DraftErrorCode | undefined;
  allowNone?: boolean;
}): ReactElement {
  const { t } = useTranslation();
  const errorId = `${id}-error`;
  return (
    <div className="forwarding-target">
      <label className="forwarding-target-kind">
        <span>{label}</span>
        <select
          data-testid={`${id}-kind`}
          value={value?.kind ?? 'none'}
          onChange={(ev) => {
            const kind = ev.target.value;
            if (kind === 'none') onChange(null);
            else onChange({ kind: kind as TargetDraft['kind'], number: value?.number ?? '' });
          }}
        >
          {allowNone && <option value="none">{t('forwarding.target.none')}</option>}
          {FORWARDING_TARGET_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`forwarding.target.${kind}`)}
            </option>
          ))}
        </select>
      </label>
      {value?.kind === 'number' && (
        <input
          data-testid={`${id}-number`}
          aria-label={t('forwarding.target.numberLabel', { rule: label })}
          placeholder={t('forwarding.target.numberPlaceholder')}
          inputMode="tel"
          spellCheck={false}
          value={value.number}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(ev) => onChange({ kind: 'number', number: ev.target.value })}
        />
      )}
      {error && (
        <p id={errorId} className="field-error" role="alert" data-testid={`${id}-error`}>
          {t(`forwarding.error.${error}`)}
        </p>
      )}
    </div>
  );
}
