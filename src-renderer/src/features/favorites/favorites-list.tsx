/**
 * The favorites (SPEC D1, D2; DESIGN "Empty states explain what to do"): the
 * named groups in the user's order, each favorite with the colleague's live
 * presence (SPEC B4), call and message buttons and its menu (default number,
 * move, remove). Groups can be renamed, moved and deleted. Reordering is by
 * buttons and menu items, so it works with the keyboard alone. Read from the
 * engine's cache: it shows offline, and changes made offline are marked until
 * the server has them.
 */
import { ArrowDown, ArrowUp } from 'lucide-react';
import { useEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { FavoriteGroupView } from '../../../../src-preload/contract/favorites';
import { useAppStore } from '../../platform/store/use-app-store';
import { IconButton } from '../../platform/ui/icon-button';
import { FavoriteRow, type FavoriteRowProps } from './favorite-row';
import { GroupNameForm } from './group-name-form';

export function FavoritesList(): ReactElement {
  const { t } = useTranslation();
  const favorites = useAppStore((s) => s.favorites);
  const error = useAppStore((s) => s.favoritesError);
  const count = favorites.groups.reduce((n, g) => n + g.favorites.length, 0);
  return (
    <section className="favorites" aria-labelledby="favorites-heading" data-testid="favorites">
      <h2 id="favorites-heading" className="section-title favorites-heading">
        <span>{t('favorites.heading')}</span>
        {favorites.pending > 0 && (
          <span className="tag tag-pending" data-testid="favorites-pending" title={t('favorites.pendingHint')}>
            {t('favorites.pending')}
          </span>
        )}
      </h2>
      {error && (
        <p className="form-error" role="alert" data-testid="favorites-error">
          {t(`error.${error}`)}
        </p>
      )}
      {count === 0 && favorites.groups.length === 0 ? (
        <p className="empty-state" data-testid="favorites-empty">
          {t('favorites.empty')}
        </p>
      ) : (
        <ol className="favorite-groups">
          {favorites.groups.map((group, index) => (
            <FavoriteGroupBlock
              key={group.id}
              group={group}
              first={index === 0}
              last={index === favorites.groups.length - 1}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

function FavoriteGroupBlock({
  group,
  first,
  last,
}: {
  group: FavoriteGroupView;
  first: boolean;
  last: boolean;
}): ReactElement {
  const { t } = useTranslation();
  const groups = useAppStore((s) => s.favorites.groups);
  const change = useAppStore((s) => s.changeFavorites);
  const [mode, setMode] = useState<'show' | 'rename' | 'delete'>('show');
  const move = (by: -1 | 1) => {
    const ids = groups.map((g) => g.id);
    const at = ids.indexOf(group.id);
    const to = at + by;
    if (at < 0 || to < 0 || to >= ids.length) return;
    [ids[at], ids[to]] = [ids[to]!, ids[at]!];
    void change({ op: 'orderGroups', groupIds: ids });
  };
  const headingId = `favorite-group-${group.id}`;
  return (
    <li className="favorite-group" data-testid="favorite-group" data-group-id={group.id} data-name={group.name}>
      <div className="favorite-group-head">
        {mode === 'rename' ? (
          <GroupNameForm
            initial={group.name}
            label={t('favorites.renameLabel')}
            submitLabel={t('favorites.renameSave')}
            testId="favorite-group-rename"
            onCancel={() => setMode('show')}
            onSubmit={async (name) => {
              if (await change({ op: 'renameGroup', groupId: group.id, name })) setMode('show');
            }}
          />
        ) : (
          <>
            <h3 id={headingId} className="favorite-group-name">
              {group.name}
              <span className="count" aria-label={t('favorites.count', { count: group.favorites.length })}>
                {group.favorites.length}
              </span>
            </h3>
            <div className="favorite-group-actions">
              <IconButton
                icon={ArrowUp}
                label={t('favorites.groupUp', { name: group.name })}
                className="icon-btn-small"
                testId="favorite-group-up"
                disabled={first}
                onPress={() => move(-1)}
              />
              <IconButton
                icon={ArrowDown}
                label={t('favorites.groupDown', { name: group.name })}
                className="icon-btn-small"
                testId="favorite-group-down"
                disabled={last}
                onPress={() => move(1)}
              />
              <IconButton
                icon="edit"
                label={t('favorites.rename', { name: group.name })}
                className="icon-btn-small"
                testId="favorite-group-rename-open"
                onPress={() => setMode('rename')}
              />
              <IconButton
                icon="trash"
                label={t('favorites.deleteGroup', { name: group.name })}
                className="icon-btn-small"
                testId="favorite-group-delete"
                onPress={() => setMode('delete')}
              />
            </div>
          </>
        )}
      </div>
      {mode === 'delete' && (
        <div className="confirm-row" role="group" aria-labelledby={`${headingId}-delete`}>
          <p id={`${headingId}-delete`}>
            {t('favorites.deleteQuestion', { name: group.name, count: group.favorites.length })}
          </p>
          <div className="form-actions">
            <button
              type="button"
              className="btn btn-danger"
              data-testid="favorite-group-delete-confirm"
              onClick={() => void change({ op: 'deleteGroup', groupId: group.id })}
            >
              {t('favorites.deleteConfirm')}
            </button>
            <button type="button" className="btn" data-autofocus onClick={() => setMode('show')}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      {group.favorites.length === 0 ? (
        <p className="muted favorite-group-empty">{t('favorites.groupEmpty')}</p>
      ) : (
        <ul className="favorite-list" aria-labelledby={headingId}>
          {group.favorites.map((favorite, index) => (
            <LazyFavoriteRow
              key={favorite.id}
              favorite={favorite}
              group={group}
              first={index === 0}
              last={index === group.favorites.length - 1}
            />
          ))}
        </ul>
      )}
    </li>
  );
}

/** Rows beyond this margin under (or above) the visible part wait as light placeholders. */
const ROW_MARGIN = '600px';

/**
 * A row that renders in full (photo, presence, buttons, menu) once it comes
 * near the visible part of the list, and until then as a light placeholder
 * of the same height with the name (DESIGN: no list renders thousands of DOM
 * nodes; 500 favorites paint in a fraction of the time). Keyboard users lose
 * nothing: the row after a focused one is always within the margin.
 */
function LazyFavoriteRow(props: FavoriteRowProps): ReactElement {
  const ref = useRef<HTMLLIElement>(null);
  const [near, setNear] = useState(typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const element = ref.current;
    if (near || !element) return undefined;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setNear(true);
          observer.disconnect();
        }
      },
      { rootMargin: `${ROW_MARGIN} 0px` },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [near]);
  if (near) return <FavoriteRow {...props} />;
  const { favorite } = props;
  return (
    <li
      ref={ref}
      className="favorite-row is-placeholder"
      data-testid="favorite"
      data-entry-id={favorite.entryId}
      data-favorite-id={favorite.id}
      data-name={favorite.name}
    >
      <span className="favorite-placeholder-avatar" aria-hidden="true" />
      <span className="favorite-text">
        <span className="favorite-name">{favorite.name}</span>
      </span>
    </li>
  );
}
