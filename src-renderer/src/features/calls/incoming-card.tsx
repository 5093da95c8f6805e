/**
 * One ringing call (SPEC F2): photo or initials, name and number, and
 * Answer / Reject / Deflect-to-voicemail / Transfer. Transfer opens the
 * target dialog in the main window (the popup never takes the keyboard, as
 * in myPortal @work). No autofocus anywhere.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../../src-preload/contract/ipc-contract';
import { formatNumber } from '../../platform/format';
import { useAppStore } from '../../platform/store/use-app-store';
import { Icon } from '../../platform/ui/icon';
import { IconButton } from '../../platform/ui/icon-button';
import { PeerPhoto, PeerPresenceLine } from '../directory';

export function IncomingCard({ call, testId }: { call: CallView; testId: string }): ReactElement {
  const { t } = useTranslation();
  const answer = useAppStore((s) => s.answer);
  const reject = useAppStore((s) => s.reject);
  const deflect = useAppStore((s) => s.deflectToVoicemail);
  const requestTransfer = useAppStore((s) => s.requestTransfer);
  // call waiting (issue #15): another call is in progress; answering this one holds it
  const waiting = useAppStore((s) =>
    s.calls.some((c) => c.id !== call.id && c.state !== 'ringing-in' && c.state !== 'terminated'),
  );
  const titleId = `${testId}-title-${call.id}`;
  const name = call.peerName ?? formatNumber(call.peer);
  return (
    <div
      className="incoming-popup"
      data-testid={testId}
      data-call-id={call.id}
      data-waiting={waiting ? 'true' : 'false'}
      role="alertdialog"
      aria-modal="false"
      aria-labelledby={titleId}
    >
      <div className="incoming-head">
        <PeerPhoto peer={call.peer} name={call.peerName ?? call.peer} lamp={false} />
        <div className="incoming-who">
          <p id={titleId} className="incoming-title">
            {waiting ? t('incoming.waitingTitle') : t('incoming.title')}
          </p>
          {waiting && (
            <p className="muted incoming-waiting" data-testid="incoming-waiting">
              {t('incoming.waitingHint')}
            </p>
          )}
          <p className="incoming-peer" data-testid="incoming-peer">
            {name}
          </p>
          {call.peerName && <p className="muted incoming-number">{formatNumber(call.peer)}</p>}
          <PeerPresenceLine peer={call.peer} withLine={false} />
          {call.external && (
            <p className="muted incoming-external" data-testid="incoming-external">
              {t('incoming.external')}
            </p>
          )}
        </div>
      </div>
      <div className="incoming-actions">
        <button
          type="button"
          className="btn btn-answer"
          data-testid="incoming-answer"
          title={t('incoming.answer')}
          onClick={() => void answer(call.id)}
        >
          <Icon name="phone" />
          <span>{t('incoming.answer')}</span>
        </button>
        <button
          type="button"
          className="btn btn-danger"
          data-testid="incoming-reject"
          title={t('incoming.reject')}
          onClick={() => void reject(call.id)}
        >
          <Icon name="phone-off" />
          <span>{t('incoming.reject')}</span>
        </button>
        <IconButton
          icon="voicemail"
          label={t('incoming.deflectHint')}
          testId="incoming-deflect"
          onPress={() => void deflect(call.id)}
        />
        <IconButton
          icon="transfer"
          label={t('incoming.transferHint')}
          testId="incoming-transfer"
          onPress={() => void requestTransfer(call.id)}
        />
      </div>
    </div>
  );
}
