/**
 * One conversation (SPEC E2, E6): the history with the newest message at the
 * bottom, a message box (Enter sends, Shift+Enter starts a new line) and a
 * call button. A message waiting for the UC server says so; one the server
 * refused for good says why (translated from its error code; the server's own
 * sentence is only the tooltip) and keeps its text.
 */
import { useEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { MESSAGE_TEXT_MAX, type MessageView } from '../../../../src-preload/contract/messages';
import { formatNumber } from '../../platform/format';
import { messageFailureKey } from './message-failure';
import { useAppStore } from '../../platform/store/use-app-store';
import { Dialog } from '../../platform/ui/dialog';
import { IconButton } from '../../platform/ui/icon-button';
import { PeerPhoto, PeerPresenceLine } from '../directory';
import { useDateFormat } from '../settings';
import { usePeerEntry } from '../directory';

export function ConversationPane({ peer }: { peer: string }): ReactElement {
  const { t } = useTranslation();
  const messages = useAppStore((s) => s.conversationMessages);
  const peerName = useAppStore((s) => s.conversations.find((c) => c.peer === peer)?.peerName);
  const entry = usePeerEntry(peer);
  const close = useAppStore((s) => s.closeConversation);
  const send = useAppStore((s) => s.sendMessage);
  const dial = useAppStore((s) => s.dial);
  const error = useAppStore((s) => s.messageError);
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const listRef = useRef<HTMLOListElement>(null);
  const name = peerName ?? entry?.displayName ?? formatNumber(peer);

  // newest at the bottom: follow it as messages arrive
  useEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [messages.length]);

  const submit = async () => {
    if (sending || draft.trim() === '') return;
    setSending(true);
    const ok = await send(draft);
    setSending(false);
    if (ok) setDraft('');
  };

  return (
    <Dialog
      title={t('messages.conversationWith', { name })}
      testId="conversation"
      onClose={close}
      className="conversation-sheet"
    >
      <div className="conversation-head">
        <PeerPhoto peer={peer} name={name} />
        <span className="conversation-who">
          <span className="peer-name" data-testid="conversation-peer">
            {name}
          </span>
          <PeerPresenceLine peer={peer} />
        </span>
        <IconButton
          icon="phone"
          label={t('messages.call', { name })}
          className="btn-call"
          testId="conversation-call"
          onPress={() => void dial(peer, peerName ?? entry?.displayName)}
        />
      </div>
      {messages.length === 0 ? (
        <p className="empty-state" data-testid="conversation-empty">
          {t('messages.noMessages')}
        </p>
      ) : (
        <ol className="message-list" ref={listRef} data-testid="message-list" aria-live="polite">
          {messages.map((m) => (
            <MessageItem key={m.id} message={m} />
          ))}
        </ol>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="message-error">
          {t(`error.${error}`)}
        </p>
      )}
      <form
        className="message-form"
        onSubmit={(ev) => {
          ev.preventDefault();
          void submit();
        }}
      >
        <textarea
          className="message-input"
          data-testid="message-input"
          data-autofocus
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
          data-testid="message-send"
          disabled={sending || draft.trim() === ''}
        >
          {t('messages.send')}
        </button>
      </form>
    </Dialog>
  );
}

function MessageItem({ message }: { message: MessageView }): ReactElement {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  return (
    <li
      className={`message message-${message.direction} status-${message.status}`}
      data-testid="message"
      data-direction={message.direction}
      data-status={message.status}
    >
      <p className="message-text selectable">{message.text}</p>
      <p className="message-meta muted">
        <span>{formatDate.dateTime(message.sentAt)}</span>
        {message.status === 'pending' && <span data-testid="message-pending"> · {t('messages.pending')}</span>}
        {message.status === 'failed' && (
          <span
            className="message-failed"
            data-testid="message-failed"
            data-error-code={message.errorCode}
            title={message.error}
          >
            {' '}
            · {t(messageFailureKey(message.errorCode))}
          </span>
        )}
      </p>
    </li>
  );
}
