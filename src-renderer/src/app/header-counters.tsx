/**
 * The counters of SPEC A6/G4 beside the user's name, in every view: the
 * features' `headerCounters` (missed calls, unread instant messages, new
 * voice messages), green (SPEC E1). Each is a button to what it counts and
 * shows nothing at zero.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBadgeCount } from '../platform/format';
import { useAppStore, useAppStoreApi } from '../platform/store/use-app-store';
import { Icon } from '../platform/ui/icon';
import type { HeaderCounter } from '../platform/views/feature-views';
import { HEADER_COUNTERS } from './feature-views';

/** @param place test ids: `<id>-counter` in the header (`missed-counter`…); `collapsed-<id>` in the collapsed bar */
export function HeaderCounters({ place }: { place: 'header' | 'collapsed' }): ReactElement | null {
  const { t } = useTranslation();
  const any = useAppStore((s) => HEADER_COUNTERS.some((counter) => counter.count(s) > 0));
  if (!any) return null;
  return (
    <div className="header-counters" role="group" aria-label={t('counters.label')}>
      {HEADER_COUNTERS.map((counter) => (
        <Counter
          key={counter.id}
          counter={counter}
          testId={place === 'header' ? `${counter.id}-counter` : `collapsed-${counter.id}`}
        />
      ))}
    </div>
  );
}

function Counter({ counter, testId }: { counter: HeaderCounter; testId: string }): ReactElement | null {
  const { t } = useTranslation();
  const count = useAppStore((s) => counter.count(s));
  const store = useAppStoreApi();
  if (count <= 0) return null;
  const label = t(counter.labelKey, { count });
  return (
    <button
      type="button"
      className="badge badge-green counter-badge"
      data-testid={testId}
      data-count={count}
      aria-label={label}
      title={label}
      onClick={() => counter.open(store.getState())}
    >
      <Icon name={counter.icon} />
      <span>{formatBadgeCount(count)}</span>
    </button>
  );
}
