/**
 * DTMF keypad of one call (SPEC F3): buttons and typed keys send RFC 4733
 * tones through the engine; Esc closes.
 */
import { useEffect, useRef, useState, type KeyboardEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../platform/store/use-app-store';
import { IconButton } from '../../platform/ui/icon-button';

export const KEYPAD_DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;
/** keep the "sent" display short */
const MAX_SHOWN = 24;

export function Keypad({ callId }: { callId: string }): ReactElement {
  const { t } = useTranslation();
  const sendDtmf = useAppStore((s) => s.sendDtmf);
  const closeKeypad = useAppStore((s) => s.closeKeypad);
  const [sent, setSent] = useState('');
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    rootRef.current?.querySelector<HTMLButtonElement>('button[data-digit]')?.focus();
  }, []);

  const press = (digit: string) => {
    setSent((s) => (s + digit).slice(-MAX_SHOWN));
    void sendDtmf(callId, digit);
  };

  const onKeyDown = (ev: KeyboardEvent<HTMLDivElement>) => {
    if (ev.key === 'Escape') {
      ev.preventDefault();
      closeKeypad();
    } else if (!ev.ctrlKey && !ev.metaKey && !ev.altKey && (KEYPAD_DIGITS as readonly string[]).includes(ev.key)) {
      ev.preventDefault();
      press(ev.key);
    }
  };

  return (
    <div className="keypad" role="dialog" aria-label={t('keypad.title')} ref={rootRef} onKeyDown={onKeyDown}>
      <div className="keypad-head">
        <output className="keypad-sent" aria-live="polite">
          {sent}
        </output>
        <IconButton icon="close" label={t('keypad.close')} onPress={closeKeypad} />
      </div>
      <div className="keypad-grid">
        {KEYPAD_DIGITS.map((digit) => (
          <button
            key={digit}
            type="button"
            className="keypad-key"
            data-digit={digit}
            data-testid={`keypad-digit-${digit}`}
            aria-label={t('keypad.digit', { digit })}
            onClick={() => press(digit)}
          >
            {digit}
          </button>
        ))}
      </div>
    </div>
  );
}
