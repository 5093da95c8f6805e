/**
 * One conversation (SPEC E2, E6): the history with the newest message at the
 * bottom, a message box (Enter sends, Shift+Enter starts a new line) and a
 * call button. A message waiting for the UC server says so; one the server
 * refused for good says why (translated from its error code; the server's own
 * sentence is only the tooltip) and keeps its text.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageView } from '../../../../src-preload/contract/messages';
import { formatNumber } from '../../platform/format';
import { useStickToBottom } from '../../platform/hooks/use-stick-to-bottom';
import { ConversationHead } from './conversation-head';
import { MessageComposer } from './message-composer';
import { messageFailureKey } from './message-failure';
import { useAppStore } from '../../platform/store/use-app-store';
import { Dialog } from '../../platform/ui/dialog';
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
  // newest at the bottom: follow it as messages arrive
  const listRef = useStickToBottom<HTMLOListElement>(messages.length);
  const name = peerName ?? entry?.displayName ?? formatNumber(peer);

  return (
    <Dialog
      title={t('messages.conversationWith', { name })}
      testId="conversation"
      onClose={close}
      className="conversation-sheet"
    >
      <ConversationHead
        peer={peer}
        name={name}
        presence
        testId="conversation"
        onCall={() => void dial(peer, peerName ?? entry?.displayName)}
      />
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
      <MessageComposer onSend={send} testId="message" autoFocus />
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
