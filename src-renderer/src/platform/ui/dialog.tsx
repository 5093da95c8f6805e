/**
 * A modal sheet, built on React Aria's Modal and Dialog: the focus moves into
 * it (to the `data-autofocus` element, else the first control) and back when
 * it closes, Tab stays inside, Esc, a click beside it and the close button
 * close it, and the rest of the page is hidden from assistive technology
 * while it is open.
 *
 * What must stay usable over any dialog — the incoming-call popups and the
 * toasts — is marked `data-react-aria-top-layer`: React Aria leaves those
 * reachable, and a click in them does not close the dialog.
 */
import { useEffect, useRef, type ReactElement, type ReactNode } from 'react';
import { Dialog as AriaDialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useIsServerRender } from '../hooks/use-is-server-render';
import { useTranslation } from 'react-i18next';
import { IconButton } from './icon-button';

const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href]';

/** Attribute of the page parts that stay live over a modal dialog (popups, toasts). */
export const TOP_LAYER = { 'data-react-aria-top-layer': 'true' } as const;

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
  const head = (
    <div className="dialog-head">
      <Heading slot="title" id={`${testId}-title`}>
        {title}
      </Heading>
      <IconButton
        icon="close"
        label={t('common.close')}
        testId={`${testId}-close`}
        className="icon-btn-small"
        onPress={onClose}
      />
    </div>
  );
  // rendered to markup without a DOM (no portal to render into): the same sheet, in place
  if (useIsServerRender()) {
    return (
      <div className="dialog-backdrop">
        <section
          className={`dialog${className ? ` ${className}` : ''}`}
          role="dialog"
          aria-modal="true"
          data-testid={testId}
          aria-labelledby={`${testId}-title`}
        >
          {head}
          <div className="dialog-body">{children}</div>
        </section>
      </div>
    );
  }
  return (
    <ModalOverlay
      isOpen
      isDismissable
      className="dialog-backdrop"
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      shouldCloseOnInteractOutside={(element) => !element.closest('[data-react-aria-top-layer]')}
    >
      <Modal className="dialog-modal">
        <AriaDialog
          className={`dialog${className ? ` ${className}` : ''}`}
          data-testid={testId}
          aria-labelledby={`${testId}-title`}
        >
          <InitialFocus>
            {head}
            <div className="dialog-body">{children}</div>
          </InitialFocus>
        </AriaDialog>
      </Modal>
    </ModalOverlay>
  );
}

/**
 * Puts the focus on the sheet's `data-autofocus` control, else its first one
 * (the close button; React Aria would focus the sheet itself): runs before the dialog's own
 * focus effect, which then leaves it there.
 */
function InitialFocus({ children }: { children: ReactNode }): ReactElement {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = ref.current;
    const first = root?.querySelector<HTMLElement>('[data-autofocus]') ?? root?.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
  }, []);
  return (
    <div className="dialog-content" ref={ref}>
      {children}
    </div>
  );
}
