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
import { CountBadge } from '../../platform/ui/count-badge';
import { SummaryItem } from '../../platform/ui/summary-item';
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
        <CountBadge count={unread} label={t('messages.unread', { count: unread })} testId="messages-unread-total" />
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
      <SummaryItem
        picture={<PeerPhoto peer={conversation.peer} name={name} />}
        name={name}
        time={formatDate.dateTime(last.sentAt)}
        preview={`${last.direction === 'out' ? `${t('messages.you')}: ` : ''}${last.text}`}
        previewTestId="conversation-preview"
        unread={{
          count: conversation.unread,
          label: t('messages.unread', { count: conversation.unread }),
          testId: 'conversation-unread',
        }}
        className="conversation-item"
        testId="conversation-item"
        data={{ 'data-peer': conversation.peer, 'data-unread': conversation.unread }}
        onPress={() => void openConversation(conversation.peer)}
      />
    </li>
  );
}
