/** The i18n key of a conversation event's kind (E4): incoming answered / missed / picked up…, outgoing… */
import type { ConversationEventView } from '../../../../src-preload/contract/conversations';

export function eventKindKey(event: ConversationEventView): string {
  switch (event.kind) {
    case 'message':
      return event.direction === 'in' ? 'conversations.kind.messageIn' : 'conversations.kind.messageOut';
    case 'voicemail':
      return 'conversations.kind.voicemail';
    case 'call':
      if (event.origin !== null && event.result === 'answered') return `conversations.kind.${event.origin}`;
      return `conversations.kind.${event.direction}.${event.result}`;
  }
}

/** mm:ss of a duration in ms. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
