/**
 * The Menu view's vertical icon bar (SPEC A6, DESIGN "Layout"): the features'
 * tabs (feature-views.ts) with their green counters, then Settings. Arrow
 * keys move between the icons (roving tab stop); each icon has its tooltip.
 */
import { useRef, type KeyboardEvent, type ReactElement } from 'react';
import { Focusable, Tooltip, TooltipTrigger } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { formatBadgeCount } from '../platform/format';
import type { MenuTab } from '../platform/store/app-state';
import { useAppStore } from '../platform/store/use-app-store';
import { Icon, type IconName } from '../platform/ui/icon';
import { TOOLTIP_DELAY_MS } from '../platform/ui/icon-button';
import type { MenuTabItem } from '../platform/views/feature-views';
import { MENU_ITEMS } from './feature-views';

const SETTINGS_ITEM = { tab: 'settings', icon: 'settings' } as const satisfies { tab: string; icon: IconName };

export function MenuBar(): ReactElement {
  const { t } = useTranslation();
  const barRef = useRef<HTMLElement>(null);

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
      {[...MENU_ITEMS, SETTINGS_ITEM].map((item) => (
        <MenuButton key={item.tab} item={item} />
      ))}
    </nav>
  );
}

function MenuButton({ item }: { item: MenuTabItem | typeof SETTINGS_ITEM }): ReactElement {
  const { t } = useTranslation();
  const { tab, icon } = item;
  const badge = 'badge' in item ? item.badge : undefined;
  const count = useAppStore((s) => badge?.count(s) ?? 0);
  const current = useAppStore((s): MenuTab | 'settings' => (s.view === 'settings' ? 'settings' : s.menuTab));
  // SPEC F4: the settings button blinks after an audio device was plugged or unplugged
  const blinking = useAppStore((s) => tab === 'settings' && s.audioDevicesChanged && s.view !== 'settings');
  const setMenuTab = useAppStore((s) => s.setMenuTab);
  const setView = useAppStore((s) => s.setView);
  const label = t(`menu.${tab}`);
  const selected = current === tab;
  return (
    <TooltipTrigger delay={TOOLTIP_DELAY_MS} closeDelay={0}>
      <Focusable>
        <button
          type="button"
          className={`menu-item${selected ? ' is-selected' : ''}${blinking ? ' is-blinking' : ''}`}
          data-testid={`menu-${tab}`}
          aria-label={badge?.labelKey && count > 0 ? `${label} — ${t(badge.labelKey, { count })}` : label}
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
          {badge && count > 0 && (
            <span className="badge badge-green badge-corner" data-testid={badge.testId} aria-hidden="true">
              {formatBadgeCount(count)}
            </span>
          )}
        </button>
      </Focusable>
      <Tooltip className="tooltip" placement="end" offset={6}>
        {label}
      </Tooltip>
    </TooltipTrigger>
  );
}
