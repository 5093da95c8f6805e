/**
 * The Search/Dial field (SPEC C2, F1, DESIGN "Search/Dial field"): typing
 * letters searches every directory (debounced, results grouped by directory
 * with a filter), typing digits offers "Call <number>" first — or says why the
 * number cannot be dialed. ArrowUp/Down move, Enter calls the highlighted row
 * (with nothing highlighted: the first row that can be called, see
 * the directory feature's `search-items.ts`), Shift+Enter opens the contact, Esc closes.
 * The chevron opens the last 10 dialed numbers (recent-dials-menu.tsx).
 */
import {
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type ReactElement,
} from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_DIAL_DIGITS } from '../../../../src-preload/contract/calls/dial-target';
import type { DirectoryEntryView } from '../../../../src-preload/contract/ipc-contract';
import { dialErrorKey, dialOfferFor, enterActionFor, isNameQuery, searchItemsFor, type SearchItem } from '../directory';
import { useAppStore, useAppStoreApi } from '../../platform/store/use-app-store';
import { IconButton } from '../../platform/ui/icon-button';
import { RecentDialsMenu } from './recent-dials-menu';
import { optionId, SearchResults } from '../directory';

export function DialField(): ReactElement {
  const { t } = useTranslation();
  const dial = useAppStore((s) => s.dial);
  const dialError = useAppStore((s) => s.dialError);
  const dialErrorReason = useAppStore((s) => s.dialErrorReason);
  const searching = useAppStore((s) => s.searching);
  const runSearch = useAppStore((s) => s.runSearch);
  const store = useAppStoreApi();
  const clearDialError = useAppStore((s) => s.clearDialError);
  const value = useAppStore((s) => s.searchQuery);
  const setSearchQuery = useAppStore((s) => s.setSearchQuery);
  const clearSearch = useAppStore((s) => s.clearSearch);
  const results = useAppStore((s) => s.searchResults);
  const openEntry = useAppStore((s) => s.openEntry);
  const focusDialRequest = useAppStore((s) => s.focusDialRequest);
  const [open, setOpen] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  // Enter on letters that match nobody: said here instead of trying to dial the letters
  const [noMatch, setNoMatch] = useState<string | null>(null);
  // the highlight follows the item (entry id), so a refreshed list keeps it while the item is there
  const [highlightKey, setHighlightKey] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const id = useId();
  const errorId = `${id}-error`;
  const resultsId = `${id}-results`;

  const items = useMemo(() => searchItemsFor(value, results), [value, results]);
  const offer = useMemo(() => dialOfferFor(value), [value]);
  const refusal = offer?.kind === 'refusal' ? offer.reason : null;
  const nameQuery = isNameQuery(value);
  const showResults = !open && !dismissed && value.trim() !== '' && (nameQuery || items.length > 0 || refusal !== null);

  const active = highlightKey === null ? -1 : items.findIndex((item) => itemKey(item) === highlightKey);
  const setActive = (next: number | ((current: number) => number)) => {
    const index = typeof next === 'function' ? next(active) : next;
    const item = items[index];
    setHighlightKey(item ? itemKey(item) : null);
  };

  // the collapsed bar's dial button (and later other places) ask for the focus
  useEffect(() => {
    if (focusDialRequest > 0) inputRef.current?.focus();
  }, [focusDialRequest]);

  useEffect(() => {
    if (!showResults) return undefined;
    const onPointerDown = (ev: PointerEvent) => {
      const target = ev.target as Node;
      // a click in a dialog (contact details) does not count as "outside"
      if (!rootRef.current?.contains(target) && !(target instanceof Element && target.closest('.dialog-backdrop')))
        setDismissed(true);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [showResults]);

  const submit = async (target: string, name?: string) => {
    if (await dial(target, name)) {
      clearSearch();
      setDismissed(false);
      setHighlightKey(null);
    }
  };

  const callEntry = (entry: DirectoryEntryView) => {
    const first = entry.numbers[0];
    if (first) void submit(first.number, entry.displayName);
  };

  const openDetails = (entry: DirectoryEntryView) => {
    // the details dialog gives the focus back to the field when it closes
    inputRef.current?.focus();
    setDismissed(true);
    void openEntry(entry);
  };

  const activate = (item: SearchItem | undefined, details: boolean) => {
    if (!item) return;
    if (item.type === 'dial') void submit(item.number);
    else if (details) openDetails(item.entry);
    else callEntry(item.entry);
  };

  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    setNoMatch(null);
    let action = enterActionFor(value, items, showResults ? active : -1, searching);
    if (action.kind === 'search-first') {
      // Enter came before the debounced search: search now, then decide on its answer
      await runSearch();
      const s = store.getState();
      if (s.searchQuery !== value) return;
      action = enterActionFor(value, searchItemsFor(value, s.searchResults), -1, false);
    }
    switch (action.kind) {
      case 'call':
        activate(action.item, false);
        return;
      case 'details':
        openDetails(action.entry);
        return;
      case 'dial':
        void submit(action.text);
        return;
      case 'no-match':
        setNoMatch(value.trim());
        return;
      case 'search-first':
      case 'nothing':
        return;
    }
  };

  const onInputKeyDown = (ev: KeyboardEvent<HTMLInputElement>) => {
    if (showResults && items.length > 0 && (ev.key === 'ArrowDown' || ev.key === 'ArrowUp')) {
      ev.preventDefault();
      const step = ev.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a < 0 && step < 0 ? items.length - 1 : (a + step + items.length) % items.length));
      return;
    }
    if (ev.key === 'Enter' && ev.shiftKey && showResults && active >= 0) {
      ev.preventDefault();
      activate(items[active], true);
      return;
    }
    if (ev.key === 'Escape') {
      if (open) {
        ev.preventDefault();
        setOpen(false);
      } else if (showResults) {
        ev.preventDefault();
        setDismissed(true);
        setHighlightKey(null);
      }
      return;
    }
    if (ev.key === 'ArrowDown' && !open && !showResults) {
      ev.preventDefault();
      setOpen(true);
    }
  };

  return (
    <div
      className="dial-field"
      ref={rootRef}
      onBlur={(ev) => {
        // Tab out of the field and its results closes them
        if (ev.relatedTarget && !ev.currentTarget.contains(ev.relatedTarget as Node)) setDismissed(true);
      }}
    >
      <form className="dial-form" onSubmit={(ev) => void onSubmit(ev)} role="search">
        <label htmlFor={`${id}-input`} className="visually-hidden">
          {t('dial.label')}
        </label>
        <input
          id={`${id}-input`}
          ref={inputRef}
          data-testid="dial-input"
          className="dial-input"
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          autoFocus
          placeholder={t('dial.placeholder')}
          value={value}
          aria-autocomplete="list"
          aria-expanded={showResults}
          aria-controls={resultsId}
          aria-activedescendant={showResults && active >= 0 ? optionId(resultsId, active) : undefined}
          aria-invalid={dialError || noMatch !== null ? true : undefined}
          aria-describedby={dialError || noMatch !== null ? errorId : undefined}
          onChange={(ev) => {
            setSearchQuery(ev.target.value);
            setDismissed(false);
            setNoMatch(null);
            if (dialError) clearDialError();
          }}
          onFocus={() => setDismissed(false)}
          onKeyDown={onInputKeyDown}
        />
        <RecentDialsMenu
          open={open}
          onOpenChange={setOpen}
          fieldRef={rootRef}
          onCall={(number, name) => {
            setOpen(false);
            inputRef.current?.focus();
            void submit(number, name);
          }}
        />
        <IconButton icon="phone" label={t('dial.submit')} testId="dial-submit" className="btn-call" type="submit" />
      </form>
      {dialError ? (
        <p
          id={errorId}
          className="field-error"
          data-testid="dial-error"
          data-code={dialError}
          data-reason={dialErrorReason ?? undefined}
          role="alert"
        >
          {t(dialErrorKey(dialError, dialErrorReason), { max: MAX_DIAL_DIGITS })}
        </p>
      ) : (
        noMatch !== null && (
          <p id={errorId} className="field-error" data-testid="dial-error" data-code="no-match" role="alert">
            {t('search.noMatchToCall', { query: noMatch })}
          </p>
        )
      )}
      {showResults && (
        <SearchResults
          id={resultsId}
          items={items}
          refusal={refusal}
          activeIndex={active}
          showFilter={nameQuery}
          onHover={setActive}
          onDial={(number) => void submit(number)}
          onCallEntry={callEntry}
          onOpenEntry={openDetails}
        />
      )}
    </div>
  );
}

function itemKey(item: SearchItem): string {
  return item.type === 'dial' ? 'dial' : `entry:${item.entry.id}`;
}
