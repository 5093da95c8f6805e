/**
 * A modal sheet (role=dialog): focus moves into it and back when it closes,
 * Tab cycles inside, Esc and the close button close it. Not the native
 * <dialog>: its top layer would make the incoming-call popup unreachable.
 */
import { useEffect, useRef, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './icons';

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), a[href], [tabindex="0"]';

export interface DialogProps {
  title: string;
  testId: string;
  onClose(): void;
  children: ReactNode;
  /** extra class on the sheet */
  className?: string;
}

export function Dialog({ title, testId, onClose, children, className }: DialogProps): ReactElement {
  const { t } = useTranslation();
  const sheetRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const sheet = sheetRef.current;
    const first = sheet?.querySelector<HTMLElement>('[data-autofocus]') ?? sheet?.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    return () => previous?.focus?.();
  }, []);

  return (
    <div
      className="dialog-backdrop"
      onMouseDown={(ev) => {
        if (ev.target === ev.currentTarget) onClose();
      }}
    >
      <div
        ref={sheetRef}
        className={`dialog${className ? ` ${className}` : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${testId}-title`}
        data-testid={testId}
        onKeyDown={(ev) => {
          if (ev.key === 'Escape') {
            ev.stopPropagation();
            onClose();
          } else if (ev.key === 'Tab') {
            const items = [...(sheetRef.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
            const firstItem = items[0];
            const lastItem = items[items.length - 1];
            if (!firstItem || !lastItem) return;
            if (ev.shiftKey && document.activeElement === firstItem) {
              ev.preventDefault();
              lastItem.focus();
            } else if (!ev.shiftKey && document.activeElement === lastItem) {
              ev.preventDefault();
              firstItem.focus();
            }
          }
        }}
      >
        <div className="dialog-head">
          <h2 id={`${testId}-title`}>{title}</h2>
          <button
            type="button"
            className="icon-btn icon-btn-small"
            data-testid={`${testId}-close`}
            aria-label={t('common.close')}
            title={t('common.close')}
            onClick={() => onClose()}
          >
            <Icon name="close" />
          </button>
        </div>
        <div className="dialog-body">{children}</div>
      </div>
    </div>
  );
}
