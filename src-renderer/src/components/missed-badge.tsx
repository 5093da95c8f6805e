import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/use-app-store';

/**
 * Green missed-call counter (SPEC A6, E1), shown in every view. A button:
 * `open-history` (header, collapsed bar) opens the history, `mark-seen` (on
 * the history itself) marks the missed calls as seen; both reset the counter
 * with counters.markSeen. Nothing when there is no missed call.
 */
export function MissedBadge({
  action,
  testId = 'missed-counter',
}: {
  action: 'open-history' | 'mark-seen';
  testId?: string;
}): ReactElement | null {
  const { t } = useTranslation();
  const count = useAppStore((s) => s.missedCalls);
  const openHistory = useAppStore((s) => s.openHistory);
  const markSeen = useAppStore((s) => s.markMissedSeen);
  if (count <= 0) return null;
  const label = action === 'open-history' ? t('missed.badge', { count }) : t('missed.markSeen');
  return (
    <button
      type="button"
      className="badge badge-green"
      data-testid={testId}
      data-count={count}
      aria-label={`${label} (${count})`}
      title={label}
      onClick={() => (action === 'open-history' ? openHistory() : void markSeen())}
    >
      {count > 99 ? '99+' : count}
    </button>
  );
}
