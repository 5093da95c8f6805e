/**
 * The box a message is written in (SPEC E6; the open conversation's here, and the conversations
 * feature's sheet): Enter sends, Shift+Enter starts a new line (not while
 * an input method composes), the button is off while the text is blank or a send is running, and
 * the text stays until it was taken — a refused message keeps what was written.
 */
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { MESSAGE_TEXT_MAX } from '../../../../src-preload/contract/messages';

export interface MessageComposerProps {
  /** sends the text; resolves true when it was taken (the box then empties) */
  onSend(text: string): Promise<boolean>;
  /** the box is `<testId>-input`, the button `<testId>-send` */
  testId: string;
  /** the box takes the focus when its dialog opens (see Dialog's `data-autofocus`) */
  autoFocus?: boolean;
}

export function MessageComposer({ onSend, testId, autoFocus = false }: MessageComposerProps): ReactElement {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const submit = async (): Promise<void> => {
    if (sending || draft.trim() === '') return;
    setSending(true);
    try {
      if (await onSend(draft)) setDraft('');
    } finally {
      setSending(false);
    }
  };
  return (
    <form
      className="message-form"
      onSubmit={(ev) => {
        ev.preventDefault();
        void submit();
      }}
    >
      <textarea
        className="message-input"
        data-testid={`${testId}-input`}
        data-autofocus={autoFocus || undefined}
        rows={2}
        maxLength={MESSAGE_TEXT_MAX}
        value={draft}
        placeholder={t('messages.placeholder')}
        aria-label={t('messages.placeholder')}
        onChange={(ev) => setDraft(ev.target.value)}
        onKeyDown={(ev) => {
          if (ev.key === 'Enter' && !ev.shiftKey && !ev.nativeEvent.isComposing) {
            ev.preventDefault();
            void submit();
          }
        }}
      />
      <button
        type="submit"
        className="btn btn-primary"
        data-testid={`${testId}-send`}
        disabled={sending || draft.trim() === ''}
      >
        {t('messages.send')}
      </button>
    </form>
  );
}
