/**
 * The Search/Dial field (SPEC C2, F1, DESIGN "Search/Dial field"): typing
 * letters searches every directory (debounced, results grouped by directory
 * with a filter), typing digits offers "Call <number>" first — or says why the
 * number cannot be dialed. ArrowUp/Down move, Enter calls the highlighted row
 * (with nothing highlighted: the first row that can be called, see the
 * directory feature's `search-items.ts`), Shift+Enter opens the contact, Esc
 * closes. The chevron opens the last 10 dialed numbers (recent-dials-menu.tsx).
 *
 * An ARIA combobox built on React Aria's Autocomplete: the input keeps the
 * focus while React Aria moves a virtual focus over the result rows (a
 * ListBox, `aria-activedescendant`) and announces them; the rows show inline
 * under the field, not in a popover.
 */
import {
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type ReactElement,
} from 'react';
import {
  Autocomplete,
  AutocompleteStateContext,
  Input,
  Label,
  SelectableCollectionContext,
  TextField,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { MAX_DIAL_DIGITS } from '../../../../src-preload/contract/calls/dial-target';
import type { DirectoryEntryView } from '../../../../src-preload/contract/ipc-contract';
import {
  dialErrorKey,
  dialOfferFor,
  enterActionFor,
  isNameQuery,
  searchItemKey,
  searchItemsFor,
  SearchResults,
  type SearchItem,
} from '../directory';
import { useIsServerRender } from '../../platform/hooks/use-is-server-render';
import { useAppStore, useAppStoreApi } from '../../platform/store/use-app-store';
import { IconButton } from '../../platform/ui/icon-button';
import { RecentDialsMenu } from './recent-dials-menu';

export function DialField(): ReactElement {
  // rendered to markup without a DOM (tests' static rendering): the closed field only (React Aria needs the page)
  return useIsServerRender() ? <ClosedDialField /> : <LiveDialField />;
}

function LiveDialField(): ReactElement {
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
  const inputRef = useRef<HTMLInputElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const errorId = `${useId()}-error`;

  const items = useMemo(() => searchItemsFor(value, results), [value, results]);
  const offer = useMemo(() => dialOfferFor(value), [value]);
  const refusal = offer?.kind === 'refusal' ? offer.reason : null;
  const nameQuery = isNameQuery(value);
  const showResults = !open && !dismissed && value.trim() !== '' && (nameQuery || items.length > 0 || refusal !== null);
  // counts the openings of the results (see SearchResults' `opening`), updated while rendering
  // (https://react.dev/learn/you-might-not-need-an-effect#adjusting-some-state-when-a-prop-changes)
  const [opening, setOpening] = useState(0);
  const [wasShown, setWasShown] = useState(showResults);
  if (showResults !== wasShown) {
    setWasShown(showResults);
    if (showResults) setOpening((n) => n + 1);
  }

  const onInputChange = (text: string) => {
    setSearchQuery(text);
    setDismissed(false);
    setNoMatch(null);
    if (dialError) clearDialError();
  };

  /** The row React Aria highlights (the input's aria-activedescendant), as an index in `items`; -1 for none. */
  const highlighted = (): number => {
    const optionId = inputRef.current?.getAttribute('aria-activedescendant');
    const key = optionId ? document.getElementById(optionId)?.dataset['key'] : undefined;
    return key === undefined ? -1 : items.findIndex((item) => searchItemKey(opening, item) === key);
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
    let action = enterActionFor(value, items, showResults ? highlighted() : -1, searching);
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

  /**
   * Enter, Shift+Enter and Esc are the field's own, before React Aria sees
   * them: Enter goes to the form (what it does depends on the search, which
   * may still be pending: see search-items.ts), Shift+Enter opens the
   * highlighted contact, Esc closes the results but keeps the text. The
   * arrow keys are React Aria's while the results show.
   */
  const onKeyDownCapture = (ev: KeyboardEvent<HTMLDivElement>) => {
    if (ev.target !== inputRef.current) return;
    if (ev.key === 'Enter') {
      ev.stopPropagation();
      const active = showResults ? highlighted() : -1;
      if (ev.shiftKey && active >= 0) {
        ev.preventDefault();
        activate(items[active], true);
      }
    } else if (ev.key === 'Escape' && (open || showResults)) {
      ev.stopPropagation();
      ev.preventDefault();
      if (open) setOpen(false);
      else setDismissed(true);
    }
  };

  const onInputKeyDown = (ev: KeyboardEvent<HTMLInputElement>) => {
    // the results hidden, ArrowDown opens the recent numbers
    if (ev.key === 'ArrowDown' && !open && !showResults) {
      ev.preventDefault();
      setOpen(true);
    }
  };

  return (
    <div
      className="dial-field"
      ref={rootRef}
      onKeyDownCapture={onKeyDownCapture}
      onBlur={(ev) => {
        // Tab out of the field and its results closes them
        if (ev.relatedTarget && !ev.currentTarget.contains(ev.relatedTarget as Node)) setDismissed(true);
      }}
    >
      <Autocomplete inputValue={value} onInputChange={onInputChange} disableAutoFocusFirst>
        <ClearHighlightWhenHidden shown={showResults} />
        <form className="dial-form" onSubmit={(ev) => void onSubmit(ev)} role="search">
          <TextField className="dial-text" aria-label={t('dial.label')}>
            <Label className="visually-hidden">{t('dial.label')}</Label>
            <Input
              ref={inputRef}
              data-testid="dial-input"
              className="dial-input"
              role="combobox"
              autoFocus
              placeholder={t('dial.placeholder')}
              aria-expanded={showResults}
              aria-invalid={dialError || noMatch !== null ? true : undefined}
              aria-describedby={dialError || noMatch !== null ? errorId : undefined}
              onFocus={() => setDismissed(false)}
              onKeyDown={onInputKeyDown}
            />
          </TextField>
          {/* a menu of its own, not the Autocomplete's collection: the focus moves into it */}
          <SelectableCollectionContext.Provider value={null}>
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
          </SelectableCollectionContext.Provider>
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
            opening={opening}
            items={items}
            refusal={refusal}
            showFilter={nameQuery}
            onActivate={(item) => activate(item, true)}
            onCallEntry={callEntry}
          />
        )}
      </Autocomplete>
    </div>
  );
}

function ClosedDialField(): ReactElement {
  const { t } = useTranslation();
  const value = useAppStore((s) => s.searchQuery);
  return (
    <div className="dial-field">
      <form className="dial-form" role="search">
        <div className="dial-text">
          <input
            data-testid="dial-input"
            className="dial-input"
            role="combobox"
            aria-label={t('dial.label')}
            aria-expanded={false}
            aria-autocomplete="list"
            placeholder={t('dial.placeholder')}
            value={value}
            readOnly
          />
        </div>
        <RecentDialsMenu open={false} onOpenChange={() => {}} fieldRef={{ current: null }} onCall={() => {}} />
        <IconButton icon="phone" label={t('dial.submit')} testId="dial-submit" className="btn-call" type="submit" />
      </form>
    </div>
  );
}

/** Results closed (Esc, a click elsewhere, a call placed): no row stays highlighted for the next ones. */
function ClearHighlightWhenHidden({ shown }: { shown: boolean }): null {
  const state = useContext(AutocompleteStateContext);
  useEffect(() => {
    if (!shown) state?.setFocusedNodeId(null);
  }, [shown, state]);
  return null;
}
