/**
 * The star in contact details (SPEC D1): a menu (React Aria: arrow keys,
 * Enter, Esc) with each group — ticked where the contact already is, where
 * choosing it removes them — and "New group…", which asks for the name in a
 * dialog and adds the contact to the new group in one step. Filled when the
 * contact is a favorite somewhere.
 */
import { Star } from 'lucide-react';
import { useEffect, useRef, useState, type ReactElement } from 'react';
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
import type { FavoriteTarget } from '../../../../src-preload/contract/favorites';
import type { DirectoryEntryView } from '../../../../src-preload/contract/ipc-contract';
import { useIsServerRender } from '../../platform/hooks/use-is-server-render';
import { useAppStore } from '../../platform/store/use-app-store';
import { Dialog } from '../../platform/ui/dialog';
import { Icon } from '../../platform/ui/icon';
import { IconButton, TOOLTIP_DELAY_MS } from '../../platform/ui/icon-button';
import { colleagueNumberOf } from '../directory';
import { groupsHolding } from './favorites-slice';
import { GroupNameForm } from './group-name-form';

const NEW_GROUP = 'new-group';

/** What a favorite of this entry records: colleagues keep their internal number (presence, messages). */
export function favoriteTargetOf(entry: DirectoryEntryView): FavoriteTarget {
  const internal = colleagueNumberOf(entry);
  return {
    entryId: entry.id,
    name: entry.displayName,
    ...(internal !== undefined ? { internalNumber: internal } : {}),
  };
}

export function FavoriteStar({ entry }: { entry: DirectoryEntryView }): ReactElement {
  const { t } = useTranslation();
  const favorites = useAppStore((s) => s.favorites);
  const change = useAppStore((s) => s.changeFavorites);
  const [naming, setNaming] = useState(false);
  const starRef = useRef<HTMLButtonElement>(null);
  const wasNaming = useRef(false);
  // the name dialog closed: the focus goes back to the star (Esc then closes the details, as before)
  useEffect(() => {
    if (wasNaming.current && !naming) starRef.current?.focus();
    wasNaming.current = naming;
  }, [naming]);
  const holding = groupsHolding(favorites, entry.id);
  const starred = holding.length > 0;
  const label = starred
    ? t('favorites.starredLabel', { name: entry.displayName })
    : t('favorites.starLabel', { name: entry.displayName });
  const target = favoriteTargetOf(entry);
  if (useIsServerRender()) {
    return <IconButton icon={Star} label={label} testId="favorite-star" className="favorite-star" pressed={starred} />;
  }
  return (
    <>
      <MenuTrigger>
        <TooltipTrigger delay={TOOLTIP_DELAY_MS} closeDelay={0}>
          <Button
            ref={starRef}
            className={`icon-btn favorite-star${starred ? ' is-starred' : ''}`}
            data-testid="favorite-star"
            data-starred={starred ? 'true' : 'false'}
            aria-label={label}
          >
            <Icon name={Star} />
          </Button>
          <Tooltip className="tooltip" offset={6}>
            {label}
          </Tooltip>
        </TooltipTrigger>
        <Popover className="favorites-popover" placement="bottom end">
          <Menu
            className="favorites-menu"
            data-testid="favorite-star-menu"
            aria-label={label}
            onAction={(key) => {
              const id = String(key);
              if (id === NEW_GROUP) {
                setNaming(true);
                return;
              }
              const group = favorites.groups.find((g) => g.id === id);
              if (!group) return;
              const existing = group.favorites.find((f) => f.entryId === entry.id);
              void change(
                existing
                  ? { op: 'removeFavorite', favoriteId: existing.id }
                  : { ...target, op: 'addFavorite', groupId: group.id },
              );
            }}
          >
            {favorites.groups.map((group) => {
              const inside = holding.includes(group.id);
              return (
                <MenuItem
                  key={group.id}
                  id={group.id}
                  className="favorites-menu-item"
                  data-testid="favorite-star-group"
                  data-name={group.name}
                  data-in={inside ? 'true' : 'false'}
                  textValue={group.name}
                >
                  <Icon name={inside ? 'check' : 'plus'} />
                  <span>
                    {inside
                      ? t('favorites.removeFrom', { group: group.name })
                      : t('favorites.addTo', { group: group.name })}
                  </span>
                </MenuItem>
              );
            })}
            {favorites.groups.length > 0 && <Separator className="favorites-menu-separator" />}
            <MenuItem
              id={NEW_GROUP}
              className="favorites-menu-item"
              data-testid="favorite-star-new-group"
              textValue={t('favorites.newGroup')}
            >
              <Icon name="plus" />
              <span>{t('favorites.newGroup')}</span>
            </MenuItem>
          </Menu>
        </Popover>
      </MenuTrigger>
      {naming && (
        <Dialog title={t('favorites.newGroupTitle')} testId="favorite-new-group" onClose={() => setNaming(false)}>
          <p className="muted">{t('favorites.newGroupHint', { name: entry.displayName })}</p>
          <GroupNameForm
            label={t('favorites.nameLabel')}
            submitLabel={t('favorites.create')}
            testId="favorite-new-group-form"
            onCancel={() => setNaming(false)}
            onSubmit={async (name) => {
              if (await change({ op: 'createGroup', name, add: target })) setNaming(false);
            }}
          />
        </Dialog>
      )}
    </>
  );
}
