/**
 * Renderer side of favorites and others' presence (SPEC D1, D2, B4): the
 * favorites slice follows favorites.onDidChange and keeps refusals, the call
 * button dials the default number (else the internal number, else the entry's
 * first); the others' presence slice batches presence.watch and follows
 * presence.onDidChangeOthers; a session end empties both.
 */
import { describe, expect, it } from 'vitest';
import { connectAppStore, createAppStore } from '../../../src-renderer/src/app/app-store';
import type { FavoritesView } from '../../../src-preload/contract/favorites';
import { FakeUc, flush } from '../../support/renderer/fake-uc';
import { reorder } from '../../../server/src/features/favorites';

const always = { isConnected: () => true, onDidChangeConnection: () => () => {} };
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const view: FavoritesView = {
  pending: 0,
  groups: [
    {
      id: id(1),
      name: 'Team',
      favorites: [
        { id: id(2), entryId: 'internal:101', name: 'Bruno', internalNumber: '101' },
        {
          id: id(3),
          entryId: 'internal:102',
          name: 'Chloé',
          internalNumber: '102',
          defaultNumber: '+33 6 12 34 56 78',
        },
        { id: id(4), entryId: 'global:x', name: 'ACME' },
      ],
    },
  ],
};

describe('favorites slice (renderer)', () => {
  it('loads at connect, follows favorites.onDidChange, keeps a refusal', async () => {
    const uc = new FakeUc()
      .handle('favorites.list', () => ({ ok: true, value: view }))
      .handle('favorites.change', () => ({ ok: false, error: { code: 'not-found', message: 'gone' } }));
    const store = createAppStore(uc, 'en');
    connectAppStore(store, uc, always);
    await flush();
    expect(store.getState().favorites).toEqual(view);
    uc.emit('favorites.onDidChange', { groups: [], pending: 1 });
    expect(store.getState().favorites).toEqual({ groups: [], pending: 1 });
    expect(await store.getState().changeFavorites({ op: 'deleteGroup', groupId: id(1) })).toBe(false);
    expect(store.getState().favoritesError).toBe('not-found');
  });

  it('the call button: default number, else internal number, else the entry’s first number', async () => {
    const uc = new FakeUc()
      .handle('calls.dial', () => ({ ok: true, value: { callId: 'c1' } }))
      .handle('directory.get', () => ({
        ok: true,
        value: {
          id: 'global:x',
          source: 'global',
          displayName: 'ACME',
          numbers: [{ kind: 'business', number: '+33 1 23 45 67 89' }],
          updatedAt: 0,
        },
      }));
    const store = createAppStore(uc, 'en');
    const [bruno, chloe, acme] = view.groups[0]!.favorites;
    await store.getState().callFavorite(chloe!);
    await store.getState().callFavorite(bruno!);
    await store.getState().callFavorite(acme!);
    expect(uc.invoked('calls.dial').map((p) => (p as { target: string }).target)).toEqual([
      '+33 6 12 34 56 78',
      '101',
      '+33 1 23 45 67 89',
    ]);
  });
});

describe("others' presence slice (renderer)", () => {
  it('batches the numbers asked within a frame into one presence.watch, follows changes, forgets at logout', async () => {
    const uc = new FakeUc().handle('presence.watch', (p) => ({
      ok: true,
      value: (p as { numbers: string[] }).numbers.map((number) => ({ number, visible: true, state: 'office' })),
    }));
    const store = createAppStore(uc, 'en');
    connectAppStore(store, uc, always);
    store.getState().watchPresence(['101']);
    store.getState().watchPresence(['102', '101']);
    await new Promise((r) => setTimeout(r, 40));
    await flush();
    expect(uc.invoked('presence.watch')).toEqual([{ numbers: ['101', '102'] }]);
    expect(store.getState().othersPresence['102']).toEqual({ number: '102', visible: true, state: 'office' });
    uc.emit('presence.onDidChangeOthers', { presences: [{ number: '101', visible: false }] });
    expect(store.getState().othersPresence['101']).toEqual({ number: '101', visible: false });
    uc.emit('presence.onDidChangeOthers', { presences: [], cleared: true });
    expect(store.getState().othersPresence).toEqual({});
  });
});

describe('server order rule (reorder)', () => {
  it('wanted ids first in their order, unknown ones ignored, the others kept after in their order', () => {
    expect(reorder(['a', 'b', 'c', 'd'], ['c', 'x', 'a', 'c'])).toEqual(['c', 'a', 'b', 'd']);
    expect(reorder(['a', 'b'], [])).toEqual(['a', 'b']);
  });
});
