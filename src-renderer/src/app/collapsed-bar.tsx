/**
 * The Collapsed view's slim bar (SPEC A6, issue #11 item 7): own presence
 * (the ring around the initials, the state and note by the name; the
 * registration state in the avatar's label), the counters of missed calls,
 * unread messages and new voicemails, and a dial button. The full view opens below it on hover or keyboard
 * focus (CSS :hover / :focus-within on the layout), or with the dial button.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../platform/store/use-app-store';
import { IconButton } from '../platform/ui/icon-button';
import { HeaderCounters } from './header-counters';
import { OwnAvatar } from '../features/presence';

export function CollapsedBar({ onOpen }: { onOpen(): void }): ReactElement {
  const { t } = useTranslation();
  const user = useAppStore((s) => s.session.user);
  const displayName = useAppStore((s) => s.session.displayName);
  const status = useAppStore((s) => s.session.status);
  const requestDialFocus = useAppStore((s) => s.requestDialFocus);
  const presence = useAppStore((s) => s.presence);
  const stateName = presence ? t(`presenceState.state.${presence.state}`) : null;
  return (
    <div className="collapsed-bar" data-testid="collapsed-bar" role="group" aria-label={t('collapsed.bar')}>
      <OwnAvatar small label={[t(`status.${status}`), stateName].filter(Boolean).join(' — ')} />
      <span className="collapsed-who">
        <span className="collapsed-name">{displayName ?? user}</span>
        {presence && (
          <span className="collapsed-presence muted" data-testid="collapsed-presence" data-state={presence.state}>
            <span className="collapsed-presence-state">{stateName}</span>
            {presence.note && <span className="collapsed-presence-note">{presence.note}</span>}
          </span>
        )}
      </span>
      <HeaderCounters place="collapsed" />
      <IconButton
        icon="phone"
        label={t('collapsed.dial')}
        testId="collapsed-dial"
        className="btn-call"
        onPress={() => {
          onOpen();
          // after the body is shown
          setTimeout(requestDialFocus, 0);
        }}
      />
    </div>
  );
}
