/**
 * Dial hotkey capture (SPEC G2): focus the field and press the combination;
 * the engine validates it (the refusal reason is shown translated) and says
 * whether it could register it ("already used by another application").
 * Tab / Shift+Tab / Esc keep their keyboard meaning; Backspace or the Clear
 * button removes the hotkey.
 */
import { useId, type KeyboardEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { acceleratorParts, captureHotkey } from './hotkey-capture';
import { useAppStore } from '../../../platform/store/use-app-store';
import { Icon } from '../../../platform/ui/icon';
import { IconButton } from '../../../platform/ui/icon-button';

export function HotkeyField(): ReactElement {
  const { t, i18n } = useTranslation();
  const id = useId();
  const accelerator = useAppStore((s) => s.settings.dialHotkey);
  const status = useAppStore((s) => s.hotkeyStatus);
  const error = useAppStore((s) => s.hotkeyError);
  const setDialHotkey = useAppStore((s) => s.setDialHotkey);
  // a web page cannot register a system-wide shortcut: the setting is kept for the desktop app
  const webShell = useAppStore((s) => s.shellKind === 'web');

  const label = (value: string) =>
    acceleratorParts(value)
      .map((part) => (part === 'ctrl' || part === 'alt' || part === 'shift' ? t(`hotkey.key.${part}`) : part))
      .join('+');
  const reasonText = (reason: string | undefined) => {
    const key = `hotkey.error.${reason ?? 'unknown'}`;
    return i18n.exists(key) ? t(key) : t('hotkey.error.unknown');
  };
  const shown = accelerator ? label(accelerator) : '';
  const statusLabel = status?.label ?? shown;

  const onKeyDown = (ev: KeyboardEvent<HTMLInputElement>) => {
    const result = captureHotkey(ev);
    if (result.kind === 'ignore') return;
    ev.preventDefault();
    if (result.kind === 'clear') void setDialHotkey(null);
    else if (result.kind === 'accelerator') void setDialHotkey(result.accelerator);
  };

  return (
    <div className="settings-field hotkey-field">
      <label htmlFor={`${id}-input`}>{t('hotkey.label')}</label>
      <div className="hotkey-row">
        <Icon name="keyboard" />
        <input
          id={`${id}-input`}
          data-testid="settings-hotkey"
          data-accelerator={accelerator ?? ''}
          className="hotkey-input"
          readOnly
          value={shown}
          placeholder={t('hotkey.placeholder')}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint ${id}-status`}
          onKeyDown={onKeyDown}
        />
        <IconButton
          icon="x-small"
          label={t('hotkey.clear')}
          className="icon-btn-small"
          testId="settings-hotkey-clear"
          disabled={!accelerator}
          onPress={() => void setDialHotkey(null)}
        />
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid="settings-hotkey-error" data-reason={error}>
          {reasonText(error)}
        </p>
      )}
      <p
        id={`${id}-status`}
        className={`hotkey-status status-${status?.status ?? 'unknown'}`}
        data-testid="settings-hotkey-status"
        data-status={status?.status ?? 'unknown'}
        role="status"
      >
        {webShell && accelerator
          ? t('hotkey.status.webShell', { label: shown })
          : !status
            ? t('hotkey.status.unknown')
            : status.status === 'invalid'
              ? t('hotkey.status.invalid', { reason: reasonText(status.reason) })
              : t(`hotkey.status.${status.status}`, { label: statusLabel })}
      </p>
      <p id={`${id}-hint`} className="field-hint muted">
        {t('hotkey.hint')}
      </p>
    </div>
  );
}
