/**
 * Results of the Search/Dial field (SPEC C2): "Call <number>" first when the
 * text is a number, then the hits grouped by directory (internal, personal,
 * system, global) with counts, and the directory filter.
 *
 * The rows are a React Aria ListBox inside the field's Autocomplete: the
 * input keeps the focus and React Aria moves a virtual focus over the rows
 * (ArrowUp/Down, wrapping, the mouse too; `aria-activedescendant` on the
 * input; each option's `data-key` is its {@link searchItemKey}). A click on a
 * row opens the contact (the "Call" row dials), its phone button calls; what
 * Enter does is the field's (search-items.ts).
 */
import {
  useContext,
  useLayoutEffect,
  useRef,
  type ContextType,
  type MouseEvent,
  type PointerEvent,
  type ReactElement,
  type RefObject,
} from 'react';
import { Header, ListBox, ListBoxItem, ListBoxSection, ListStateContext, type Key } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { MAX_DIAL_DIGITS, type DialTargetError } from '../../../../src-preload/contract/calls/dial-target';
import { DIRECTORY_GROUP_ORDER } from '../../../../src-preload/contract/directory';
import type { DirectoryEntryView } from '../../../../src-preload/contract/ipc-contract';
import { formatNumber } from '../../platform/format';
import type { SearchItem } from './search-items';
import type { DirectoryFilter } from './directory-slice';
import { useAppStore } from '../../platform/store/use-app-store';
import { EntryAvatar } from './entry-avatar';
import { Icon } from '../../platform/ui/icon';
import { IconButton } from '../../platform/ui/icon-button';
import { PickupButton } from '../calls';
import { ColleagueAvatar } from '../presence';
import { colleagueNumberOf } from './colleague-number';

export type { SearchItem };

/** The filter buttons: every directory, then each in the order of the result groups. */
export const FILTERS: readonly DirectoryFilter[] = ['all', ...DIRECTORY_GROUP_ORDER];

export interface SearchResultsProps {
  /**
   * Which opening of the results this is (the field counts them). The row
   * keys, and so the option ids, are new at each opening: React Aria's
   * Autocomplete remembers the last option it highlighted by id, and would
   * otherwise take a row of the new list for one it already highlighted.
   */
  opening: number;
  items: readonly SearchItem[];
  /** number-like text that cannot be dialed: why (shown where "Call …" would be) */
  refusal: DialTargetError | null;
  showFilter: boolean;
  /** a click on a row (or its activation by assistive technology) */
  onActivate(item: SearchItem): void;
  onCallEntry(entry: DirectoryEntryView): void;
}

/** The key of a row (its ListBox key and option `data-key`): the same while the results stay open. */
export function searchItemKey(opening: number, item: SearchItem): string {
  return `${opening}:${item.type === 'dial' ? 'dial' : `entry:${item.entry.id}`}`;
}

export function SearchResults({
  opening,
  items,
  refusal,
  showFilter,
  onActivate,
  onCallEntry,
}: SearchResultsProps): ReactElement {
  const { t } = useTranslation();
  const results = useAppStore((s) => s.searchResults);
  const searching = useAppStore((s) => s.searching);
  const searchError = useAppStore((s) => s.searchError);
  const filter = useAppStore((s) => s.searchFilter);
  const setFilter = useAppStore((s) => s.setSearchFilter);
  const groups = results?.groups.filter((g) => g.entries.length > 0) ?? [];
  const dialItem = items[0]?.type === 'dial' ? items[0] : null;
  // the ListBox's state, handed over by a probe inside the rows (see ListStateProbe)
  const listStateRef = useRef<ListStateValue | null>(null);
  /**
   * The mouse over a row highlights it, as it always did: React Aria's own
   * `shouldFocusOnHover` does so only after pointer use, and typing in the
   * field counts as keyboard use.
   */
  const highlight = (key: string) => {
    const manager = listStateRef.current?.selectionManager;
    manager?.setFocused(true);
    manager?.setFocusedKey(key);
  };
  const onAction = (key: Key) => {
    const item = items.find((i) => searchItemKey(opening, i) === key);
    if (item) onActivate(item);
  };

  return (
    <div className="search-results" data-testid="search-results" aria-busy={searching}>
      {showFilter && (
        <div className="search-filter" role="toolbar" aria-label={t('search.filterLabel')}>
          {FILTERS.map((f) => (
            <button
              key={f}
              type="button"
              className={`chip${filter === f ? ' is-active' : ''}`}
              data-testid={`search-filter-${f}`}
              aria-pressed={filter === f}
              onClick={() => setFilter(f)}
            >
              {f === 'all' ? t('search.filterAll') : t(`directory.source.${f}`)}
            </button>
          ))}
        </div>
      )}
      {refusal !== null && (
        // the same message as the engine's refusal when dialed anyway (one rule, one message)
        <p className="search-refusal" data-testid="search-dial-refused" data-reason={refusal}>
          <Icon name="x-small" />
          <span>{t(`dial.invalid.${refusal}`, { max: MAX_DIAL_DIGITS })}</span>
        </p>
      )}
      <ListBox className="search-list" aria-label={t('search.resultsLabel')} shouldFocusWrap onAction={onAction}>
        {dialItem && (
          <ListBoxItem
            id={searchItemKey(opening, dialItem)}
            className="search-option search-dial"
            data-testid="search-dial"
            textValue={t('search.callNumber', { number: formatNumber(dialItem.number) })}
            onHoverStart={() => highlight(searchItemKey(opening, dialItem))}
          >
            <ListStateProbe intoRef={listStateRef} />
            <span className="search-dial-icon" aria-hidden="true">
              <Icon name="phone" />
            </span>
            <span>{t('search.callNumber', { number: formatNumber(dialItem.number) })}</span>
          </ListBoxItem>
        )}
        {groups.map((group) => (
          <ListBoxSection
            key={group.source}
            id={`group:${group.source}`}
            className="search-group"
            data-testid="search-group"
            data-source={group.source}
          >
            <Header className="search-group-head">
              <span>{t(`directory.source.${group.source}`)}</span>
              <span className="count" data-testid="search-group-count">
                {group.total}
              </span>
            </Header>
            {group.entries.map((entry) => (
              <ResultRow
                key={entry.id}
                opening={opening}
                entry={entry}
                listStateRef={listStateRef}
                onHover={() => highlight(searchItemKey(opening, { type: 'entry', entry }))}
                onCallEntry={onCallEntry}
              />
            ))}
            {group.total > group.entries.length && (
              // not a result: said, and skipped by the arrow keys (an option may hold no other content)
              <ListBoxItem
                id={`more:${group.source}`}
                className="search-more muted"
                isDisabled
                textValue={t('search.more', { count: group.total - group.entries.length })}
              >
                {t('search.more', { count: group.total - group.entries.length })}
              </ListBoxItem>
            )}
          </ListBoxSection>
        ))}
      </ListBox>
      {showFilter && !searching && !searchError && results && groups.length === 0 && (
        <p className="search-empty muted" data-testid="search-empty">
          {t('search.noResults')}
        </p>
      )}
      {showFilter && searching && !results && <p className="search-empty muted">{t('search.searching')}</p>}
      {searchError && (
        <p className="field-error" role="alert">
          {t(`error.${searchError}`)}
        </p>
      )}
      {items.length > 0 && <p className="search-hint muted">{t('search.hint')}</p>}
    </div>
  );
}

/** The phone button inside a row: it calls, and neither the row's press nor the focus move happen. */
const ownPointer = {
  onPointerDown: (ev: PointerEvent<HTMLButtonElement>) => ev.stopPropagation(),
  onPointerUp: (ev: PointerEvent<HTMLButtonElement>) => ev.stopPropagation(),
  // the input keeps the focus (and the results stay open)
  onMouseDown: (ev: MouseEvent<HTMLButtonElement>) => ev.preventDefault(),
};

function ResultRow({
  opening,
  entry,
  listStateRef,
  onHover,
  onCallEntry,
}: {
  opening: number;
  entry: DirectoryEntryView;
  listStateRef: RefObject<ListStateValue | null>;
  onHover(): void;
  onCallEntry(entry: DirectoryEntryView): void;
}): ReactElement {
  const { t } = useTranslation();
  const first = entry.numbers[0];
  return (
    <ListBoxItem
      id={searchItemKey(opening, { type: 'entry', entry })}
      className="search-option search-result reveal-host"
      data-testid="search-result"
      data-entry-id={entry.id}
      textValue={entry.displayName}
      onHoverStart={onHover}
    >
      <ListStateProbe intoRef={listStateRef} />
      <ColleagueAvatar number={colleagueNumberOf(entry)}>
        <EntryAvatar name={entry.displayName} photoUrl={entry.photoUrl} entryId={entry.id} />
      </ColleagueAvatar>
      <span className="result-text">
        <span className="result-name">
          <span className="result-name-text">{entry.displayName}</span>
          {entry.pendingSync && (
            <span className="tag tag-pending" title={t('contact.pendingSyncHint')}>
              {t('contact.pendingSync')}
            </span>
          )}
        </span>
        <span className="result-sub muted">
          {[entry.company, first ? formatNumber(first.number) : null].filter(Boolean).join(' · ')}
        </span>
      </span>
      <PickupButton
        number={colleagueNumberOf(entry)}
        name={entry.displayName}
        reveal
        attributes={{ tabIndex: -1, ...ownPointer }}
      />
      {first && (
        <IconButton
          icon="phone"
          label={t('search.callEntry', { name: entry.displayName, number: formatNumber(first.number) })}
          testId="search-result-call"
          className="btn-call icon-btn-small"
          attributes={{ tabIndex: -1, ...ownPointer }}
          onPress={(ev) => {
            // the row itself opens the contact
            ev.stopPropagation();
            onCallEntry(entry);
          }}
        />
      )}
    </ListBoxItem>
  );
}

type ListStateValue = NonNullable<ContextType<typeof ListStateContext>>;

/**
 * Rendered inside a row, where React Aria provides the ListBox's state (a row
 * component itself only runs while React Aria builds the collection, outside
 * it): hands that state to the rows' hover handler.
 */
function ListStateProbe({ intoRef }: { intoRef: RefObject<ListStateValue | null> }): null {
  const state = useContext(ListStateContext);
  useLayoutEffect(() => {
    intoRef.current = state;
  });
  return null;
}
