/**
 * One voice message: caller, date, duration, new or listened, and its
 * actions — play (marks it listened), mark listened / new, call back,
 * delete (after a confirmation).
 */
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { VoicemailView } from '../../../../src-preload/contract/voicemail';
import { formatDuration, formatNumber } from '../../platform/format';
import { useAppStore } from '../../platform/store/use-app-store';
import { Icon } from '../../platform/ui/icon';
import { ConfirmDialog } from '../../platform/ui/confirm-dialog';
import { IconButton } from '../../platform/ui/icon-button';
import { useDateFormat } from '../settings';
import { usePeerEntry } from '../directory';
import { useServerAction } from '../session';
import { useVoicemailPlayback, VoicemailPlayer } from './voicemail-player';
import { playControl } from './voicemail-playback';

export function VoicemailItem({ voicemail }: { voicemail: VoicemailView }): ReactElement {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const playing = useAppStore((s) => (s.voicemailPlaying?.id === voicemail.id ? s.voicemailPlaying.dataUrl : null));
  const loading = useAppStore((s) => s.voicemailLoading === voicemail.id);
  const play = useAppStore((s) => s.playVoicemail);
  const stop = useAppStore((s) => s.stopVoicemail);
  const setListened = useAppStore((s) => s.setVoicemailListened);
  const remove = useAppStore((s) => s.deleteVoicemail);
  const dial = useAppStore((s) => s.dial);
  const [confirming, setConfirming] = useState(false);
  // a number in no directory can be kept as a personal contact (SPEC C4)
  const entry = usePeerEntry(voicemail.callerNumber);
  const saveContact = useAppStore((s) => s.saveThreadContact);
  const [saved, setSaved] = useState(false);
  // the recording, the listened mark and deleting live on the UC server; calling back does not need it
  const server = useServerAction();
  const playback = useVoicemailPlayback(playing, voicemail.durationMs);
  // one play control: it loads the recording the first time, then plays and pauses it
  const control = playing === null ? 'play' : playControl(playback.state.status);
  const caller = voicemail.callerName ?? formatNumber(voicemail.callerNumber);
  return (
    <li
      className={`journal-item voicemail-item${voicemail.listened ? ' is-listened' : ' is-new'}`}
      data-testid="voicemail-item"
      data-id={voicemail.id}
      data-listened={voicemail.listened}
    >
      <span className="journal-dir" role="img" aria-label={t('voicemail.title')} title={t('voicemail.title')}>
        <Icon name="voicemail" />
      </span>
      <div className="journal-body">
        <div className="journal-line">
          <span className="peer-name">
            <strong>{t('voicemail.title')}</strong>{' '}
            {!voicemail.listened && (
              <span className="tag tag-new" data-testid="voicemail-new">
                {t('voicemail.new')}
              </span>
            )}
          </span>
          <time className="journal-time muted" dateTime={new Date(voicemail.receivedAt).toISOString()}>
            {formatDate.dateTime(voicemail.receivedAt)}
          </time>
        </div>
        <div className="journal-line">
          <span className="voicemail-caller" data-testid="voicemail-caller">
            {t('voicemail.from', { caller })}
            {voicemail.callerName && <span className="peer-number muted"> {formatNumber(voicemail.callerNumber)}</span>}
          </span>
          <span className="journal-duration muted" data-testid="voicemail-duration">
            {formatDuration(voicemail.durationMs)}
          </span>
        </div>
        {playing !== null && <VoicemailPlayer playback={playback} onClose={stop} />}
        <div className="voicemail-actions">
          <button
            type="button"
            className="btn btn-small"
            data-testid="voicemail-play"
            data-control={control}
            aria-busy={loading || undefined}
            // a loaded recording plays without the server
            {...(playing === null ? server.props : {})}
            onClick={() => {
              if (loading) return;
              if (playing !== null) playback.toggle();
              else if (!server.offline) void play(voicemail.id);
            }}
          >
            <Icon name={control === 'pause' ? 'pause' : 'play'} />{' '}
            {loading ? t('voicemail.loading') : control === 'pause' ? t('voicemail.pause') : t('voicemail.play')}
          </button>
          <button
            type="button"
            className="btn btn-small"
            data-testid="voicemail-toggle-listened"
            {...server.props}
            onClick={() => {
              if (!server.offline) void setListened(voicemail.id, !voicemail.listened);
            }}
          >
            {voicemail.listened ? t('voicemail.markNew') : t('voicemail.markListened')}
          </button>
          <button
            type="button"
            className="btn btn-small"
            data-testid="voicemail-call-back"
            title={t('voicemail.callBackTo', { caller })}
            onClick={() => void dial(voicemail.callerNumber, voicemail.callerName)}
          >
            <Icon name="phone" /> {t('voicemail.callBack')}
          </button>
          {entry === undefined && !saved && (
            <IconButton
              icon="user-plus"
              label={t('conversations.saveContact')}
              testId="voicemail-save-contact"
              className="icon-btn-small"
              onPress={() => void saveContact(voicemail.callerNumber, voicemail.callerName).then((ok) => setSaved(ok))}
            />
          )}
          <IconButton
            icon="trash"
            label={t('voicemail.delete')}
            testId="voicemail-delete"
            className="icon-btn-small"
            attributes={server.props}
            onPress={() => {
              if (!server.offline) setConfirming(true);
            }}
          />
        </div>
      </div>
      {confirming && (
        // "Delete this voice message?": deleting cannot be undone (SPEC H2)
        <ConfirmDialog
          title={t('voicemail.deleteTitle')}
          question={t('voicemail.deleteQuestion', { caller })}
          confirmLabel={t('voicemail.deleteConfirm')}
          testId="voicemail-delete-dialog"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void remove(voicemail.id);
          }}
        />
      )}
    </li>
  );
}
