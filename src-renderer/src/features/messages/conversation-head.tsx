/**
 * The head of an open conversation: the contact's photo (presence dot and busy lamp), name and —
 * for a colleague — live presence line, and the call button; `children` are the sheet's own
 * actions after it.
 */
import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { IconButton } from '../../platform/ui/icon-button';
import { PeerPhoto, PeerPresenceLine } from '../directory';

export function ConversationHead({
  peer,
  name,
  presence,
  testId,
  onCall,
  children,
}: {
  peer: string;
  name: string;
  /** show the presence line (a colleague; a bare number has none) */
  presence: boolean;
  /** the name is `<testId>-peer`, the call button `<testId>-call` */
  testId: string;
  onCall(): void;
  children?: ReactNode;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="conversation-head">
      <PeerPhoto peer={peer} name={name} />
      <span className="conversation-who">
        <span className="peer-name" data-testid={`${testId}-peer`}>
          {name}
        </span>
        {presence && <PeerPresenceLine peer={peer} />}
      </span>
      <IconButton
        icon="phone"
        label={t('messages.call', { name })}
        className="btn-call"
        testId={`${testId}-call`}
        onPress={onCall}
      />
      {children}
    </div>
  );
}
