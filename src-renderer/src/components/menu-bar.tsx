/**
 * The Menu view's vertical icon bar (SPEC A6, DESIGN "Layout"): only what
 * exists today — Calls, History (with the green missed-call counter),
 * Contacts, Settings. Favorites, Conversations and Voicemail join here when
 * their issues land. Arrow keys move between the icons (roving tab stop).
 */
import { useRef, type KeyboardEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { MenuTab } from '../store/desktop-slice';
import { useAppStore } from '../store/use-app-store';
import { totalUnread } from '../store/messages-slice';
import { newVoicemailCount } from '../store/voicemail-slice';
import { Icon, type IconName } from './icons';

const ITEMS: { tab: MenuTab | 'settings'; icon: IconName }[] = [
  { tab: 'calls', icon: 'phone' },
  { tab: 'messages', icon: 'message' },
  { tab: 'history', icon: 'history' },
  { tab: 'voicemail', icon: 'voicemail' },
  { tab: 'contacts', icon: 'users' },
  { tab: 'settings', icon: 'settings' },
];

export function MenuBar(): ReactElement {
  const { t } = useTranslation();
  const menuTab = useAppStore((s) => s.menuTab);
  const view = useAppStore((s) => s.view);
  const setMenuTab = useAppStore((s) => s.setMenuTab);
  const setView = useAppStore((s) => s.setView);
  // SPEC F4: the settings button blinks after an audio device was plugged or unplugged
  const devicesChanged = useAppStore((s) => s.audioDevicesChanged && s.view !== 'settings');
  const missed = useAppStore((s) => s.missedCalls);
  const unreadMessages = useAppStore((s) => totalUnread(s.conversations));
  const newVoicemails = useAppStore((s) => newVoicemailCount(s.voicemails));
  const barRef = useRef<HTMLElement>(null);
  const current = view === 'settings' ? 'settings' : menuTab;

  const onKeyDown = (ev: KeyboardEvent) => {
    if (ev.key !== 'ArrowDown' && ev.key !== 'ArrowUp') return;
    const buttons = [...(barRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[(index + (ev.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length];
    ev.preventDefault();
    next?.focus();
  };

  return (
    <nav className="menu-bar" aria-label={t('menu.label')} ref={barRef} onKeyDown={onKeyDown}>
      {ITEMS.map(({ tab, icon }) => {
        const label = t(`menu.${tab}`);
        const selected = current === tab;
        return (
          <button
            key={tab}
            type="button"
            className={`menu-item${selected ? ' is-selected' : ''}${tab === 'settings' && devicesChanged ? ' is-blinking' : ''}`}
            data-testid={`menu-${tab}`}
            aria-label={tab === 'history' && missed > 0 ? `${label} — ${t('missed.badge', { count: missed })}` : label}
            title={label}
            aria-current={selected ? 'page' : undefined}
            tabIndex={selected ? 0 : -1}
            onClick={() => {
              if (tab === 'settings') setView('settings');
              else {
                setView('main');
                setMenuTab(tab);
              }
            }}
          >
            <Icon name={icon} />
            {tab === 'messages' && unreadMessages > 0 && (
              <span className="badge badge-green badge-corner" data-testid="menu-messages-unread" aria-hidden="true">
                {unreadMessages > 99 ? '99+' : unreadMessages}
              </span>
            )}
            {tab === 'voicemail' && newVoicemails > 0 && (
              <span className="badge badge-green badge-corner" data-testid="menu-voicemail-new" aria-hidden="true">
                {newVoicemails > 99 ? '99+' : newVoicemails}
              </span>
            )}
            {tab === 'history' && missed > 0 && (
              <span className="badge badge-green badge-corner" data-testid="menu-missed" aria-hidden="true">
                {missed > 99 ? '99+' : missed}
              </span>
            )}
          </button>
        );
      })}
    </nav>
  );
}
