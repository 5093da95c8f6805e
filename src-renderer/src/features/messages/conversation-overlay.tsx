/** The open conversation over the main view (SPEC E6); history and the outbox work while the UC server is away. */
import type { ReactElement } from 'react';
import { useAppStore } from '../../platform/store/use-app-store';
import { ConversationPane } from './conversation-pane';

export function ConversationOverlay(): ReactElement | null {
  const peer = useAppStore((s) => (s.view === 'main' ? s.conversationPeer : null));
  return peer === null ? null : <ConversationPane peer={peer} />;
}
