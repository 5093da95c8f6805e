/**
 * Results of the Search/Dial field (SPEC C2): "Call <number>" first when the
 * text is a number, then the hits grouped by directory (internal, personal,
 * system, global) with counts, and the directory filter. The input keeps the
 * focus (ARIA combobox); the highlighted option is `activeIndex`.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_DIAL_DIGITS, type DialTargetError } from '../../../../src-preload/contract/calls/dial-target';
import type { DirectoryEntryView } from '../../../../src-preload/contract/ipc-contract';
import { formatNumber } from '../../platform/format';
import type { SearchItem } from './search-items';
import { DIRECTORY_SOURCES, type DirectoryFilter } from './directory-slice';
import { useAppStore } from '../../platform/store/use-app-store';
import { EntryAvatar } from './entry-avatar';
import { Icon } from '../../platform/ui/icon';
import { IconButton } from '../../platform/ui/icon-button';
import { ColleaguePresenceDot } from '../presence';
import { colleagueNumberOf } from './colleague-number';

export type { SearchItem };

export const FILTERS: readonly DirectoryFilter[] = ['all', ...DIRECTORY_SOURCES];

export interface SearchResultsProps {
  id: string;
  items: SearchItem[];
  /** number-like text that cannot be dialed: why (shown where "Call …" would be) */
  refusal: DialTargetError | null;
  activeIndex: number;
  showFilter: boolean;
  onHover(index: number): void;
  onDial(number: string): void;
  onCallEntry(entry: DirectoryEntryView): void;
  onOpenEntry(entry: DirectoryEntryView): void;
}

export function optionId(listId: string, index: number): string {
  return `${listId}-opt-${index}`;
}

export function SearchResults(props: SearchResultsProps): ReactElement {
  const { id, items, refusal, activeIndex, showFilter, onHover, onDial } = props;
  const { t } = useTranslation();
  const results = useAppStore((s) => s.searchResults);
  const searching = useAppStore((s) => s.searching);
  const searchError = useAppStore((s) => s.searchError);
  const filter = useAppStore((s) => s.searchFilter);
  const setFilter = useAppStore((s) => s.setSearchFilter);
  const groups = results?.groups.filter((g) => g.entries.length > 0) ?? [];
  const dialItem = items[0]?.type === 'dial' ? items[0] : null;
  // entries are numbered after the optional "Call <number>" row
  let index = dialItem ? 1 : 0;

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
      <ul id={id} role="listbox" className="search-list" aria-label={t('search.resultsLabel')}>
        {dialItem && (
          <li
            id={optionId(id, 0)}
            role="option"
            aria-selected={activeIndex === 0}
            className={`search-option search-dial${activeIndex === 0 ? ' is-active' : ''}`}
            data-testid="search-dial"
            onMouseEnter={() => onHover(0)}
            onMouseDown={(ev) => ev.preventDefault()}
            onClick={() => onDial(dialItem.number)}
          >
            <span className="search-dial-icon" aria-hidden="true">
              <Icon name="phone" />
            </span>
            <span>{t('search.callNumber', { number: formatNumber(dialItem.number) })}</span>
          </li>
        )}
        {groups.map((group) => (
          <li
            key={group.source}
            role="presentation"
            className="search-group"
            data-testid="search-group"
            data-source={group.source}
          >
            <p className="search-group-head" id={`${id}-${group.source}`}>
              <span>{t(`directory.source.${group.source}`)}</span>
              <span className="count" data-testid="search-group-count">
                {group.total}
              </span>
            </p>
            <ul role="group" aria-labelledby={`${id}-${group.source}`} className="search-group-list">
              {group.entries.map((entry) => {
                const i = index++;
                return (
                  <ResultRow
                    key={entry.id}
                    {...props}
                    entry={entry}
                    optionIndex={i}
                    active={activeIndex === i}
                    onHover={() => onHover(i)}
                  />
                );
              })}
            </ul>
            {group.total > group.entries.length && (
              <p className="search-more muted">{t('search.more', { count: group.total - group.entries.length })}</p>
            )}
          </li>
        ))}
      </ul>
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

function ResultRow({
  id,
  entry,
  optionIndex,
  active,
  onHover,
  onCallEntry,
  onOpenEntry,
}: SearchResultsProps & {
  entry: DirectoryEntryView;
  optionIndex: number;
  active: boolean;
  onHover(): void;
}): ReactElement {
  const { t } = useTranslation();
  const first = entry.numbers[0];
  return (
    <li
      id={optionId(id, optionIndex)}
      role="option"
      aria-selected={active}
      className={`search-option search-result${active ? ' is-active' : ''}`}
      data-testid="search-result"
      data-entry-id={entry.id}
      onMouseEnter={onHover}
      onMouseDown={(ev) => ev.preventDefault()}
      onClick={() => onOpenEntry(entry)}
    >
      <span className="result-avatar">
        <EntryAvatar name={entry.displayName} photoUrl={entry.photoUrl} entryId={entry.id} />
        <ColleaguePresenceDot number={colleagueNumberOf(entry)} />
      </span>
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
      {first && (
        <IconButton
          icon="phone"
          label={t('search.callEntry', { name: entry.displayName, number: formatNumber(first.number) })}
          testId="search-result-call"
          className="btn-call icon-btn-small"
          attributes={{ tabIndex: -1 }}
          onPress={(ev) => {
            // the row itself opens the contact
            ev.stopPropagation();
            onCallEntry(entry);
          }}
        />
      )}
    </li>
  );
}
