/**
 * The Collapsed view's slim bar (SPEC A6): own status, missed-call counter
 * and a dial button. The full view opens below it on hover or keyboard
 * focus (CSS :hover / :focus-within on the layout), or with the dial button.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/use-app-store';
import { Icon } from './icons';
import { HeaderCounters } from './header-counters';
import { OwnAvatar } from './own-avatar';

export function CollapsedBar({ onOpen }: { onOpen(): void }): ReactElement {
  const { t } = useTranslation();
  const user = useAppStore((s) => s.session.user);
  const displayName = useAppStore((s) => s.session.displayName);
  const status = useAppStore((s) => s.session.status);
  const requestDialFocus = useAppStore((s) => s.requestDialFocus);
  return (
    <div className="collapsed-bar" data-testid="collapsed-bar" role="group" aria-label={t('collapsed.bar')}>
      <OwnAvatar small label={t(`status.${status}`)} />
      <span className="collapsed-name">{displayName ?? user}</span>
      <HeaderCounters place="collapsed" />
      <button
        type="button"
        className="icon-btn btn-call"
        data-testid="collapsed-dial"
        aria-label={t('collapsed.dial')}
        title={t('collapsed.dial')}
        onClick={() => {
          onOpen();
          // after the body is shown
          setTimeout(requestDialFocus, 0);
        }}
      >
        <Icon name="phone" />
      </button>
    </div>
  );
}
