/**
 * The call the server places for the user (SPEC J4 "associated dialing", B5 "callback preferred"):
 * "Calling your desk phone…" / "Calling your mobile…", then "Calling {{peer}}…", then
 * "Connected — continue on your phone", or why it failed. The conversation is on that phone: no
 * in-call controls here, only closing the view.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallbackView } from '../../../../src-preload/contract/ipc-contract';
import { formatNumber } from '../../platform/format';
import { useAppStore } from '../../platform/store/use-app-store';
import { IconButton } from '../../platform/ui/icon-button';

export function CallbackProgress({ callback }: { callback: CallbackView }): ReactElement {
  const { t } = useTranslation();
  const dismiss = useAppStore((s) => s.dismissCallback);
  const peer = callback.peerName ?? formatNumber(callback.peer);
  const failed = callback.phase === 'failed';
  return (
    <div
      className={`call-item callback-progress phase-${callback.phase}`}
      data-testid="callback-progress"
      data-phase={callback.phase}
      data-via={callback.via}
      role={failed ? 'alert' : 'status'}
    >
      <div className="call-main">
        <div className="call-peer">
          <span className="peer-name">{peer}</span>
          {callback.peerName && <span className="peer-number muted">{formatNumber(callback.peer)}</span>}
        </div>
        <div className="call-meta">
          <span className="call-state" data-testid="callback-status">
            {t(`callback.${callback.phase}.${callback.via}`, { peer })}
          </span>
        </div>
      </div>
      <div className="call-actions">
        <IconButton
          icon="x-small"
          label={t('callback.dismiss')}
          testId="callback-dismiss"
          className="action-btn"
          onPress={() => void dismiss(callback.id)}
        />
      </div>
    </div>
  );
}
