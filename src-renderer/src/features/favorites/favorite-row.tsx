/**
 * One favorite (SPEC D2): photo with the live presence dot and busy lamp,
 * name, presence line (state, line, return time, note — SPEC B4), the number
 * the call button dials; while their line rings the pickup button (SPEC D3,
 * on hover and keyboard focus of the row); call and message buttons; a menu (React Aria: arrow keys, Enter,
 * Esc) to choose the default number, move it up or down, or remove it.
 */
import { ArrowDown, ArrowUp, Ellipsis } from 'lucide-react';
import { useState, type ReactElement } from 'react';
import {
  Button,
  Menu,
  MenuItem,
  MenuTrigger,
  Popover,
  Separator,
  Tooltip,
  TooltipTrigger,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { FavoriteGroupView, FavoriteView } from '../../../../src-preload/contract/favorites';
import type { NumberKind } from '../../../../src-preload/contract/ipc-contract';
import { formatNumber } from '../../platform/format';
import { useIsServerRender } from '../../platform/hooks/use-is-server-render';
import { useAppStore } from '../../platform/store/use-app-store';
import { Icon } from '../../platform/ui/icon';
import { IconButton, TOOLTIP_DELAY_MS } from '../../platform/ui/icon-button';
import { PickupButton } from '../calls';
import { PeerAvatar } from '../directory';
import { ColleagueAvatar, ColleaguePresenceLine } from '../presence';

export interface FavoriteRowProps {
  favorite: FavoriteView;
  group: FavoriteGroupView;
  first: boolean;
  last: boolean;
}

export function FavoriteRow({ favorite, group, first, last }: FavoriteRowProps): ReactElement {
  const { t } = useTranslation();
  const callFavorite = useAppStore((s) => s.callFavorite);
  const openConversation = useAppStore((s) => s.openConversation);
  const openEntry = useAppStore((s) => s.openEntry);
  const shownNumber = favorite.defaultNumber ?? favorite.internalNumber;
  return (
    <li
      className="favorite-row reveal-host"
      data-testid="favorite"
      data-entry-id={favorite.entryId}
      data-favorite-id={favorite.id}
      data-name={favorite.name}
    >
      <ColleagueAvatar number={favorite.internalNumber}>
        <PeerAvatar peer={favorite.internalNumber ?? ''} name={favorite.name} />
      </ColleagueAvatar>
      <button
        type="button"
        className="favorite-text"
        data-testid="favorite-open"
        aria-label={t('favorites.open', { name: favorite.name })}
        onClick={() => void openEntry(favorite.entryId)}
      >
        <span className="favorite-name">
          <span className="result-name-text">{favorite.name}</span>
          {favorite.pendingSync && (
            <span className="tag tag-pending" title={t('favorites.pendingHint')}>
              {t('favorites.pending')}
            </span>
          )}
        </span>
        <ColleaguePresenceLine number={favorite.internalNumber} />
        {shownNumber !== undefined && (
          <span className="favorite-number muted" data-testid="favorite-number">
            {formatNumber(shownNumber)}
            {favorite.defaultNumber !== undefined && (
              <span className="favorite-default-mark"> · {t('favorites.defaultMark')}</span>
            )}
          </span>
        )}
      </button>
      <span className="favorite-actions">
        <PickupButton number={favorite.internalNumber} name={favorite.name} reveal />
        <IconButton
          icon="phone"
          label={t('favorites.call', { name: favorite.name })}
          testId="favorite-call"
          className="btn-call icon-btn-small"
          onPress={() => void callFavorite(favorite)}
        />
        {favorite.internalNumber !== undefined && (
          <IconButton
            icon="message"
            label={t('favorites.message', { name: favorite.name })}
            testId="favorite-message"
            className="icon-btn-small"
            onPress={() => void openConversation(favorite.internalNumber!)}
          />
        )}
        <FavoriteMenu favorite={favorite} group={group} first={first} last={last} />
      </span>
    </li>
  );
}

function FavoriteMenu({
  favorite,
  group,
  first,
  last,
}: {
  favorite: FavoriteView;
  group: FavoriteGroupView;
  first: boolean;
  last: boolean;
}): ReactElement {
  const { t } = useTranslation();
  const change = useAppStore((s) => s.changeFavorites);
  const favoriteNumbers = useAppStore((s) => s.favoriteNumbers);
  const [numbers, setNumbers] = useState<{ kind: NumberKind; number: string }[]>([]);
  const label = t('favorites.more', { name: favorite.name });
  if (useIsServerRender()) {
    return <IconButton icon={Ellipsis} label={label} testId="favorite-menu" className="icon-btn-small" />;
  }
  const move = (by: -1 | 1) => {
    const ids = group.favorites.map((f) => f.id);
    const at = ids.indexOf(favorite.id);
    const to = at + by;
    if (at < 0 || to < 0 || to >= ids.length) return;
    [ids[at], ids[to]] = [ids[to]!, ids[at]!];
    void change({ op: 'orderFavorites', groupId: group.id, favoriteIds: ids });
  };
  return (
    <MenuTrigger
      onOpenChange={(open) => {
        if (open) void favoriteNumbers(favorite).then(setNumbers);
      }}
    >
      <TooltipTrigger delay={TOOLTIP_DELAY_MS} closeDelay={0}>
        <Button className="icon-btn icon-btn-small" data-testid="favorite-menu" aria-label={label}>
          <Icon name={Ellipsis} />
        </Button>
        <Tooltip className="tooltip" offset={6}>
          {label}
        </Tooltip>
      </TooltipTrigger>
      <Popover className="favorites-popover" placement="bottom end">
        <Menu
          className="favorites-menu"
          data-testid="favorite-menu-list"
          aria-label={label}
          onAction={(key) => {
            const action = String(key);
            if (action === 'up') move(-1);
            else if (action === 'down') move(1);
            else if (action === 'remove') void change({ op: 'removeFavorite', favoriteId: favorite.id });
            else if (action === 'default:none')
              void change({ op: 'setDefaultNumber', favoriteId: favorite.id, defaultNumber: null });
            else if (action.startsWith('default:'))
              void change({
                op: 'setDefaultNumber',
                favoriteId: favorite.id,
                defaultNumber: action.slice('default:'.length),
              });
          }}
        >
          {numbers.map((n) => (
            <MenuItem
              key={`${n.kind}:${n.number}`}
              id={`default:${n.number}`}
              className="favorites-menu-item"
              data-testid="favorite-default-number"
              textValue={formatNumber(n.number)}
            >
              <Icon name={favorite.defaultNumber === n.number ? 'check' : 'phone'} />
              <span>
                {t('favorites.callWith', { kind: t(`numberKind.${n.kind}`), number: formatNumber(n.number) })}
              </span>
            </MenuItem>
          ))}
          {favorite.defaultNumber !== undefined && (
            <MenuItem id="default:none" className="favorites-menu-item" textValue={t('favorites.defaultReset')}>
              <Icon name="zoom-reset" />
              <span>{t('favorites.defaultReset')}</span>
            </MenuItem>
          )}
          {numbers.length > 0 && <Separator className="favorites-menu-separator" />}
          <MenuItem id="up" className="favorites-menu-item" isDisabled={first} data-testid="favorite-up">
            <Icon name={ArrowUp} />
            <span>{t('favorites.up')}</span>
          </MenuItem>
          <MenuItem id="down" className="favorites-menu-item" isDisabled={last} data-testid="favorite-down">
            <Icon name={ArrowDown} />
            <span>{t('favorites.down')}</span>
          </MenuItem>
          <MenuItem id="remove" className="favorites-menu-item is-danger" data-testid="favorite-remove">
            <Icon name="trash" />
            <span>{t('favorites.remove', { group: group.name })}</span>
          </MenuItem>
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}
