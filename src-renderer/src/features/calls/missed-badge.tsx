import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../platform/store/use-app-store';
import { formatBadgeCount } from '../../platform/format';

/**
 * The green missed-call counter on the history heading (SPEC E1): a button
 * that marks the missed calls as seen (counters.markSeen). The header's
 * counters, which open the history, are `HeaderCounters`. Nothing when there
 * is no missed call.
 */
export function MissedBadge(): ReactElement | null {
  const { t } = useTranslation();
  const count = useAppStore((s) => s.missedCalls);
  const markSeen = useAppStore((s) => s.markMissedSeen);
  if (count <= 0) return null;
  const label = t('missed.markSeen');
  return (
    <button
      type="button"
      className="badge badge-green"
      data-testid="journal-missed"
      data-count={count}
      aria-label={`${label} (${count})`}
      title={label}
      onClick={() => void markSeen()}
    >
      {formatBadgeCount(count)}
    </button>
  );
}
