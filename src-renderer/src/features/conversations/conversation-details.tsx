/**
 * One conversation (SPEC E2, issue #13): the whole history with a contact, newest at the bottom —
 * calls with their kind (E4), voicemails with an inline player, messages — then the message box
 * (colleagues), the call button, the contact's presence, "save as personal contact" for a number in
 * no directory (C4), and deletion of one event or the whole conversation (E3, with confirmation).
 */
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationEventView } from '../../../../src-preload/contract/conversations';
import { formatNumber } from '../../platform/format';
import { useStickToBottom } from '../../platform/hooks/use-stick-to-bottom';
import { useAppStore } from '../../platform/store/use-app-store';
import { Dialog } from '../../platform/ui/dialog';
import { IconButton } from '../../platform/ui/icon-button';
import { usePeerEntry } from '../directory';
import { ConversationHead, MessageComposer } from '../messages';
import { useDateFormat } from '../settings';
import { ConfirmDelete } from './confirm-delete';
import { eventKindKey, formatDuration } from './event-label';

export function ConversationDetailsOverlay(): ReactElement | null {
  const peer = useAppStore((s) => (s.view === 'main' ? s.threadPeer : null));
  return peer === null ? null : <ConversationDetails peer={peer} />;
}

type PendingDelete = { eventId: string } | { peer: string };

function ConversationDetails({ peer }: { peer: string }): ReactElement {
  const { t } = useTranslation();
  const events = useAppStore((s) => s.threadEvents);
  const thread = useAppStore((s) => s.threads.find((c) => c.peer === peer));
  const entry = usePeerEntry(peer);
  const close = useAppStore((s) => s.closeThread);
  const dial = useAppStore((s) => s.dial);
  const deleteFrom = useAppStore((s) => s.deleteFromThreads);
  const error = useAppStore((s) => s.threadError);
  const [pending, setPending] = useState<PendingDelete | null>(null);
  const [saved, setSaved] = useState(false);
  const listRef = useStickToBottom<HTMLOListElement>(events.length);
  const name = thread?.peerName ?? entry?.displayName ?? formatNumber(peer);
  const internal = thread?.internal ?? false;

  const sendMessage = useAppStore((s) => s.sendThreadMessage);
  const saveThreadContact = useAppStore((s) => s.saveThreadContact);
  const saveContact = async (): Promise<void> => {
    if (await saveThreadContact(peer, thread?.peerName)) setSaved(true);
  };

  return (
    <Dialog title={t('conversations.with', { name })} testId="thread" onClose={close} className="conversation-sheet">
      <ConversationHead
        peer={peer}
        name={name}
        presence={internal}
        testId="thread"
        onCall={() => void dial(peer, thread?.peerName ?? entry?.displayName)}
      >
        {!internal && thread?.inDirectory !== true && entry === undefined && !saved && (
          <IconButton
            icon="user-plus"
            label={t('conversations.saveContact')}
            testId="thread-save-contact"
            onPress={() => void saveContact()}
          />
        )}
        <IconButton
          icon="trash"
          label={t('conversations.deleteThread')}
          testId="thread-delete"
          onPress={() => setPending({ peer })}
        />
      </ConversationHead>
      {saved && (
        <p className="muted" role="status" data-testid="thread-contact-saved">
          {t('conversations.contactSaved')}
        </p>
      )}
      {events.length === 0 ? (
        <p className="empty-state" data-testid="thread-empty">
          {t('conversations.noEvents')}
        </p>
      ) : (
        <ol className="message-list thread-events" ref={listRef} data-testid="thread-events" aria-live="polite">
          {events.map((e) => (
            <EventItem key={e.id} event={e} onDelete={() => setPending({ eventId: e.id })} />
          ))}
        </ol>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="thread-error">
          {t(`error.${error}`)}
        </p>
      )}
      {internal && <MessageComposer onSend={sendMessage} testId="thread" />}
      {pending !== null && (
        <ConfirmDelete
          question={
            'eventId' in pending
              ? t('conversations.confirmDeleteEvent')
              : t('conversations.confirmDeleteThread', { name })
          }
          onCancel={() => setPending(null)}
          onConfirm={() => {
            const target = pending;
            setPending(null);
            void deleteFrom(target);
          }}
        />
      )}
    </Dialog>
  );
}

function EventItem({ event, onDelete }: { event: ConversationEventView; onDelete: () => void }): ReactElement {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const direction = event.kind === 'voicemail' ? 'in' : event.direction;
  return (
    <li
      className={`message message-${direction} thread-event thread-event-${event.kind}${event.unread ? ' is-unread' : ''}`}
      data-testid="thread-event"
      data-kind={event.kind}
      data-event-id={event.id}
      data-result={event.kind === 'call' ? event.result : undefined}
    >
      {event.kind === 'message' ? (
        <p className="message-text selectable">{event.text}</p>
      ) : (
        <p className="thread-event-title">
          {t(eventKindKey(event), {
            via: event.kind === 'call' ? (event.via ?? '') : '',
            origin: event.kind === 'call' ? (event.originNumber ?? '') : '',
          })}
          {event.durationMs !== null && event.durationMs > 0 && (
            <span className="muted"> · {formatDuration(event.durationMs)}</span>
          )}
        </p>
      )}
      {event.kind === 'voicemail' && <VoicemailPlayer id={event.voicemailId} />}
      <p className="message-meta muted">
        <span>{formatDate.dateTime(event.at)}</span>
        <IconButton
          icon="trash"
          label={t('conversations.deleteEvent')}
          className="icon-btn-small"
          testId="thread-event-delete"
          onPress={onDelete}
        />
      </p>
    </li>
  );
}

/** Loads the voicemail's audio on the first press, then plays it inline. */
function VoicemailPlayer({ id }: { id: string }): ReactElement {
  const { t } = useTranslation();
  const audioOf = useAppStore((s) => s.threadVoicemailAudio);
  const [src, setSrc] = useState<string | null>(null);
  if (src !== null) return <audio controls autoPlay src={src} data-testid="thread-voicemail-audio" />;
  return (
    <IconButton
      icon="play"
      label={t('conversations.play')}
      testId="thread-voicemail-play"
      onPress={() =>
        void audioOf(id).then((dataUrl) => {
          if (dataUrl !== null) setSrc(dataUrl);
        })
      }
    />
  );
}
