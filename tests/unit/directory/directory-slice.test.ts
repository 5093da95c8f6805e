import { describe, expect, it } from 'vitest';
import type {
  DirectoryEntryView,
  DirectorySearchResult,
  InvokePayload,
  IpcResult,
} from '../../../src-preload/contract/ipc-contract';
import { connectAppStore, createAppStore } from '../../../src-renderer/src/app/app-store';
import {
  isNameQuery,
  isNumberQuery,
  SEARCH_DEBOUNCE_MS,
} from '../../../src-renderer/src/features/directory/directory-slice';
import { deferred, flush } from '../../support/renderer/fake-uc';
import { registeredFakeUc } from '../../support/renderer/registered-fake-uc';
import { FakeTime } from '../../support/renderer/store-harness';

const always = { isConnected: () => true, onDidChangeConnection: () => () => {} };

function entry(partial: Partial<DirectoryEntryView> & { id: string }): DirectoryEntryView {
  return {
    source: 'internal',
    displayName: partial.id,
    numbers: [{ kind: 'internal', number: '102' }],
    updatedAt: 1,
    ...partial,
  };
}

const mueller = entry({ id: 'u-102', displayName: 'Anna Müller', numbers: [{ kind: 'internal', number: '102' }] });
const personalMueller = entry({
  id: 'p-1',
  source: 'personal',
  displayName: 'Max Mullerson',
  company: 'ACME',
  numbers: [{ kind: 'mobile', number: '+4915112345678' }],
});

/** A tiny directory: name-prefix match, diacritics-insensitive, optional source filter. */
function searchIn(entries: DirectoryEntryView[], payload: InvokePayload<'directory.search'>): DirectorySearchResult {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const q = fold(payload.query.replace(/\*$/, ''));
  const hits = entries.filter(
    (e) =>
      (!payload.source || e.source === payload.source) &&
      fold(e.displayName)
        .split(' ')
        .some((w) => w.startsWith(q)),
  );
  const order = ['internal', 'personal', 'system', 'global'] as const;
  return {
    groups: order
      .map((source) => {
        const inSource = hits.filter((h) => h.source === source);
        return { source, entries: inSource, total: inSource.length };
      })
      .filter((g) => g.total > 0),
  };
}

function setup(entries: DirectoryEntryView[] = [mueller, personalMueller]) {
  const time = new FakeTime();
  const uc = registeredFakeUc()
    .handle('sync.getState', () => ({ ok: true, value: { status: 'idle', pending: 0, revision: 3 } }))
    .handle('directory.search', (p) => ({ ok: true, value: searchIn(entries, p) }))
    .handle('directory.get', ({ id }) => {
      const found = entries.find((e) => e.id === id);
      return found ? { ok: true, value: found } : { ok: false, error: { code: 'not-found', message: id } };
    });
  const store = createAppStore(uc, 'en', time);
  return { uc, store, time, entries };
}

describe('directory slice (Search/Dial field)', () => {
  it('tells names from numbers', () => {
    expect(isNameQuery('mul')).toBe(true);
    expect(isNameQuery('mu*')).toBe(true);
    expect(isNameQuery('Ünal')).toBe(true);
    expect(isNameQuery('0612')).toBe(false);
    expect(isNumberQuery('+33 6 12 34')).toBe(true);
    expect(isNumberQuery('(089) 7007-98')).toBe(true);
    expect(isNumberQuery('12ab')).toBe(false);
    expect(isNumberQuery('  ')).toBe(false);
  });

  it('debounces typing into one search and groups the hits', async () => {
    const { uc, store, time } = setup();
    const s = store.getState();
    s.setSearchQuery('m');
    time.advance(SEARCH_DEBOUNCE_MS - 10);
    s.setSearchQuery('mu');
    time.advance(SEARCH_DEBOUNCE_MS - 10);
    s.setSearchQuery('mul');
    expect(uc.invoked('directory.search')).toHaveLength(0);
    expect(store.getState().searching).toBe(true);
    time.advance(SEARCH_DEBOUNCE_MS);
    await flush();
    expect(uc.invoked('directory.search')).toEqual([{ query: 'mul', limit: 50 }]);
    const groups = store.getState().searchResults?.groups ?? [];
    expect(groups.map((g) => [g.source, g.total])).toEqual([
      ['internal', 1],
      ['personal', 1],
    ]);
    expect(groups[0]?.entries[0]?.displayName).toBe('Anna Müller');
    expect(store.getState().searching).toBe(false);
  });

  it('drops a stale answer that arrives after a newer one', async () => {
    const { uc, store, time } = setup();
    const slow = deferred<IpcResult<DirectorySearchResult>>();
    let first = true;
    uc.handle('directory.search', (p) => {
      if (first) {
        first = false;
        return slow.promise;
      }
      return { ok: true, value: searchIn([mueller], p) };
    });
    store.getState().setSearchQuery('mu');
    time.advance(SEARCH_DEBOUNCE_MS);
    store.getState().setSearchQuery('mul');
    time.advance(SEARCH_DEBOUNCE_MS);
    await flush();
    expect(store.getState().searchResults?.groups[0]?.entries.map((e) => e.id)).toEqual(['u-102']);
    // the first (slow) request answers last with something else: ignored
    slow.resolve({ ok: true, value: { groups: [{ source: 'global', entries: [entry({ id: 'g-9' })], total: 1 }] } });
    await flush();
    expect(store.getState().searchResults?.groups[0]?.entries.map((e) => e.id)).toEqual(['u-102']);
  });

  it('does not search numbers, and clears results when the text becomes one', async () => {
    const { uc, store, time } = setup();
    store.getState().setSearchQuery('mul');
    time.advance(SEARCH_DEBOUNCE_MS);
    await flush();
    expect(store.getState().searchResults).not.toBeNull();
    store.getState().setSearchQuery('0612');
    time.advance(SEARCH_DEBOUNCE_MS * 3);
    await flush();
    expect(uc.invoked('directory.search')).toHaveLength(1);
    expect(store.getState().searchResults).toBeNull();
    expect(time.pending).toBe(0);
  });

  it('passes the directory filter as the source', async () => {
    const { uc, store, time } = setup();
    store.getState().setSearchQuery('mul');
    time.advance(SEARCH_DEBOUNCE_MS);
    await flush();
    store.getState().setSearchFilter('personal');
    time.advance(SEARCH_DEBOUNCE_MS);
    await flush();
    expect(uc.invoked('directory.search').at(-1)).toEqual({ query: 'mul', limit: 50, source: 'personal' });
    expect(store.getState().searchResults?.groups.map((g) => g.source)).toEqual(['personal']);
    store.getState().setSearchFilter('all');
    time.advance(SEARCH_DEBOUNCE_MS);
    await flush();
    expect(uc.invoked('directory.search').at(-1)).toEqual({ query: 'mul', limit: 50 });
  });

  it('shows a search error and recovers on the next search', async () => {
    const { uc, store, time } = setup();
    uc.handle('directory.search', () => ({ ok: false, error: { code: 'internal', message: 'db' } }));
    store.getState().setSearchQuery('mul');
    time.advance(SEARCH_DEBOUNCE_MS);
    await flush();
    expect(store.getState().searchError).toBe('internal');
    uc.handle('directory.search', (p) => ({ ok: true, value: searchIn([mueller], p) }));
    store.getState().setSearchQuery('mull');
    time.advance(SEARCH_DEBOUNCE_MS);
    await flush();
    expect(store.getState().searchError).toBeNull();
  });

  it('opens contact details at once, then with the full entry', async () => {
    const { store } = setup();
    const partial = { ...mueller, email: undefined };
    const pending = store.getState().openEntry(partial);
    expect(store.getState().selectedEntry?.id).toBe('u-102');
    await pending;
    expect(store.getState().selectedEntry).toEqual(mueller);
    store.getState().closeEntry();
    expect(store.getState().selectedEntry).toBeNull();
  });

  it('re-queries and re-reads the open contact on directory.onDidChange', async () => {
    const { uc, store, time, entries } = setup();
    connectAppStore(store, uc, always);
    await flush();
    store.getState().setSearchQuery('mul');
    time.advance(SEARCH_DEBOUNCE_MS);
    await flush();
    await store.getState().openEntry(personalMueller);
    const searches = uc.invoked('directory.search').length;
    // the contact is renamed elsewhere
    entries[1] = { ...personalMueller, displayName: 'Max Müllerson' };
    uc.emit('directory.onDidChange', {});
    await flush();
    expect(uc.invoked('directory.search')).toHaveLength(searches + 1);
    expect(store.getState().selectedEntry?.displayName).toBe('Max Müllerson');
    // then deleted elsewhere: the panel closes
    entries.splice(1, 1);
    uc.emit('directory.onDidChange', {});
    await flush();
    expect(store.getState().selectedEntry).toBeNull();
    expect(store.getState().searchResults?.groups.map((g) => g.source)).toEqual(['internal']);
  });

  it('clearSearch cancels a pending search', async () => {
    const { uc, store, time } = setup();
    store.getState().setSearchQuery('mul');
    store.getState().clearSearch();
    time.advance(SEARCH_DEBOUNCE_MS * 2);
    await flush();
    expect(uc.invoked('directory.search')).toHaveLength(0);
    expect(store.getState().searchQuery).toBe('');
    expect(store.getState().searching).toBe(false);
  });
});
