/**
 * The Search/Dial field's chevron and its menu of the last 10 dialed numbers
 * (DESIGN "a chevron opens the last 10 numbers"), a React Aria menu: arrow
 * keys and type-ahead move, Enter or a click calls, Esc closes and gives the
 * focus back. ArrowDown in the empty field opens it too (`open`).
 *
 * Not modal, like the drop-down it replaces: the chevron stays a toggle (a
 * second click closes it) and a click anywhere else closes it too, without
 * making the rest of the page inert meanwhile.
 */
import { useEffect, useRef, type ReactElement, type RefObject } from 'react';
import { Button, Menu, MenuItem, MenuTrigger, Popover, Tooltip, TooltipTrigger } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../platform/format';
import { useAppStore } from '../../platform/store/use-app-store';
import { useIsServerRender } from '../../platform/hooks/use-is-server-render';
import { Icon } from '../../platform/ui/icon';
import { IconButton, TOOLTIP_DELAY_MS } from '../../platform/ui/icon-button';

export function RecentDialsMenu({
  open,
  onOpenChange,
  fieldRef,
  onCall,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
  /** the whole field: the menu opens under it, as wide */
  fieldRef: RefObject<HTMLDivElement | null>;
  onCall(number: string, name: string | undefined): void;
}): ReactElement {
  const { t } = useTranslation();
  const recent = useAppStore((s) => s.recent);
  const refreshRecent = useAppStore((s) => s.refreshRecent);
  const popoverRef = useRef<HTMLElement>(null);
  // whether the menu was open when the chevron was pressed (React Aria only opens it on press)
  const wasOpen = useRef(false);
  useEffect(() => {
    if (!open) return undefined;
    const onPointerDown = (ev: PointerEvent) => {
      const target = ev.target as Node;
      if (!fieldRef.current?.contains(target) && !popoverRef.current?.contains(target)) onOpenChange(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open, fieldRef, onOpenChange]);
  // rendered to markup without a DOM: the closed chevron only (React Aria's button needs the page's globals)
  if (useIsServerRender()) {
    return (
      <IconButton
        icon="chevron-down"
        label={t('dial.recentToggle')}
        testId="dial-recent-toggle"
        className="dial-recent-toggle"
      />
    );
  }
  return (
    <MenuTrigger
      isOpen={open}
      onOpenChange={(next) => {
        if (next) void refreshRecent();
        onOpenChange(next);
      }}
    >
      <TooltipTrigger delay={TOOLTIP_DELAY_MS} closeDelay={0}>
        <Button
          className="icon-btn dial-recent-toggle"
          data-testid="dial-recent-toggle"
          aria-label={t('dial.recentToggle')}
          onPressStart={() => {
            wasOpen.current = open;
          }}
          onPress={() => {
            if (wasOpen.current) onOpenChange(false);
          }}
        >
          <Icon name="chevron-down" />
        </Button>
        <Tooltip className="tooltip" offset={6}>
          {t('dial.recentToggle')}
        </Tooltip>
      </TooltipTrigger>
      <Popover
        ref={popoverRef}
        className="dial-recent-popover"
        triggerRef={fieldRef}
        placement="bottom"
        offset={0}
        isNonModal
      >
        <Menu
          className="dial-recent-list"
          data-testid="dial-recent-list"
          aria-label={t('dial.recentToggle')}
          renderEmptyState={() => <p className="muted empty">{t('dial.recentEmpty')}</p>}
          onAction={(key) => {
            const dialed = recent.find((r) => r.number === key);
            if (dialed) onCall(dialed.number, dialed.name);
          }}
        >
          {recent.map(({ number, name }) => (
            <MenuItem
              key={number}
              id={number}
              className="recent-item"
              data-number={number}
              textValue={name ?? number}
              aria-label={t('dial.recentCall', { number: name ?? formatNumber(number) })}
            >
              <Icon name="outgoing" />
              {name !== undefined ? (
                <span className="recent-text">
                  <span className="recent-name">{name}</span>
                  <span className="recent-number muted">{formatNumber(number)}</span>
                </span>
              ) : (
                <span className="recent-text">{formatNumber(number)}</span>
              )}
            </MenuItem>
          ))}
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}
