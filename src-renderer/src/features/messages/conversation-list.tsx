/**
 * Conversations (SPEC E1, E6): one entry per peer, newest first, with the
 * last message and a green counter of unread messages; a click opens the
 * conversation. Read from the engine's local cache, so it shows offline.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationView } from '../../../../src-preload/contract/messages';
import { formatNumber } from '../../platform/format';
import { totalUnread } from './messages-slice';
import { useAppStore } from '../../platform/store/use-app-store';
import { PeerPhoto } from '../directory';
import { useDateFormat } from '../settings';

export function ConversationList(): ReactElement | null {
  const { t } = useTranslation();
  const conversations = useAppStore((s) => s.conversations);
  const unread = totalUnread(conversations);
  return (
    <section className="conversations" aria-labelledby="conversations-heading" data-testid="conversations">
      <h2 id="conversations-heading" className="section-title conversations-heading">
        <span>{t('messages.heading')}</span>
        {unread > 0 && (
          <span
            className="badge badge-green"
            data-testid="messages-unread-total"
            aria-label={t('messages.unread', { count: unread })}
          >
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </h2>
      {conversations.length === 0 ? (
        <p className="empty-state" data-testid="conversations-empty">
          {t('messages.empty')}
        </p>
      ) : (
        <ul className="conversation-list">
          {conversations.map((c) => (
            <ConversationItem key={c.peer} conversation={c} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ConversationItem({ conversation }: { conversation: ConversationView }): ReactElement {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const openConversation = useAppStore((s) => s.openConversation);
  const name = conversation.peerName ?? formatNumber(conversation.peer);
  const last = conversation.last;
  return (
    <li>
      <button
        type="button"
        className={`conversation-item${conversation.unread > 0 ? ' has-unread' : ''}`}
        data-testid="conversation-item"
        data-peer={conversation.peer}
        data-unread={conversation.unread}
        onClick={() => void openConversation(conversation.peer)}
      >
        <PeerPhoto peer={conversation.peer} name={name} />
        <span className="conversation-body">
          <span className="conversation-line">
            <span className="peer-name">{name}</span>
            <span className="conversation-time muted">{formatDate.dateTime(last.sentAt)}</span>
          </span>
          <span className="conversation-line">
            <span className="conversation-preview muted" data-testid="conversation-preview">
              {last.direction === 'out' ? `${t('messages.you')}: ` : ''}
              {last.text}
            </span>
            {conversation.unread > 0 && (
              <span
                className="badge badge-green"
                data-testid="conversation-unread"
                aria-label={t('messages.unread', { count: conversation.unread })}
              >
                {conversation.unread > 99 ? '99+' : conversation.unread}
              </span>
            )}
          </span>
        </span>
      </button>
    </li>
  );
}
