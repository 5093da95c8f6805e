/**
 * Incoming-call popups (SPEC F2), bottom-right over the page. They never take
 * keyboard focus (no autofocus), so typing in the dial field is not interrupted.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../lib/format';
import { useAppStore } from '../store/use-app-store';
import { Icon } from './icons';

export function IncomingPopups(): ReactElement | null {
  const { t } = useTranslation();
  const ringing = useAppStore((s) => s.calls).filter((c) => c.state === 'ringing-in');
  const answer = useAppStore((s) => s.answer);
  const reject = useAppStore((s) => s.reject);
  if (ringing.length === 0) return null;
  return (
    <div className="incoming-stack">
      {ringing.map((call) => {
        const titleId = `incoming-title-${call.id}`;
        return (
          <div
            key={call.id}
            className="incoming-popup"
            data-testid="incoming-popup"
            data-call-id={call.id}
            role="alertdialog"
            aria-modal="false"
            aria-labelledby={titleId}
          >
            <p id={titleId} className="incoming-title">
              {t('incoming.title')}
            </p>
            <p className="incoming-peer">{call.peerName ?? formatNumber(call.peer)}</p>
            {call.peerName && <p className="muted">{formatNumber(call.peer)}</p>}
            <div className="incoming-actions">
              <button
                type="button"
                className="btn btn-answer"
                data-testid="incoming-answer"
                onClick={() => void answer(call.id)}
              >
                <Icon name="phone" />
                <span>{t('incoming.answer')}</span>
              </button>
              <button
                type="button"
                className="btn btn-danger"
                data-testid="incoming-reject"
                onClick={() => void reject(call.id)}
              >
                <Icon name="phone-off" />
                <span>{t('incoming.reject')}</span>
              </button>
            </div>
          </div>
        );
      })}
    </div>
  );
}
