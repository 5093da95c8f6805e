import { describe, expect, it } from 'vitest';
import { PRESENCE_STATES, presenceGroupOf, type PresenceView } from '../../../src-preload/contract/presence';
import { fromLocalInputValue, toLocalInputValue } from '../../../src-renderer/src/features/presence/presence-editor';
import { connectAppStore, createAppStore } from '../../../src-renderer/src/app/app-store';
import { FakeUc, deferred, flush } from '../../support/renderer/fake-uc';

const always = { isConnected: () => true, onDidChangeConnection: () => () => {} };
const office: PresenceView = { state: 'office', visibility: 'all', updatedAt: 0 };

describe('presence slice (renderer, SPEC B1)', () => {
  it('loads the presence at connect and follows presence.onDidChange', async () => {
    const uc = new FakeUc().handle('presence.get', () => ({ ok: true, value: office }));
    const store = createAppStore(uc, 'en');
    connectAppStore(store, uc, always);
    await flush();
    expect(store.getState().presence).toEqual(office);
    const meeting: PresenceView = { state: 'meeting', note: 'x', visibility: 'all', updatedAt: 5 };
    uc.emit('presence.onDidChange', meeting);
    expect(store.getState().presence).toEqual(meeting);
    uc.emit('presence.onDidChange', null);
    expect(store.getState().presence).toBeNull();
  });

  it('changePresence: saving flag, closes the editor and takes the reply', async () => {
    const answer = deferred<{ ok: true; value: PresenceView }>();
    const uc = new FakeUc().handle('presence.set', () => answer.promise);
    const store = createAppStore(uc, 'en');
    store.getState().openPresenceEditor();
    const pending = store.getState().changePresence({ state: 'lunch', note: 'Canteen' });
    expect(store.getState().presenceSaving).toBe(true);
    // a double click does not send twice
    expect(await store.getState().changePresence({ state: 'lunch' })).toBe(false);
    answer.resolve({ ok: true, value: { state: 'lunch', note: 'Canteen', visibility: 'all', updatedAt: 9 } });
    expect(await pending).toBe(true);
    expect(uc.invoked('presence.set')).toEqual([{ state: 'lunch', note: 'Canteen' }]);
    expect(store.getState()).toMatchObject({
      presence: { state: 'lunch', note: 'Canteen' },
      presenceEditorOpen: false,
      presenceSaving: false,
      presenceError: null,
    });
  });

  it('an error (offline) keeps the editor open with the code, and the presence unchanged', async () => {
    const uc = new FakeUc()
      .handle('presence.get', () => ({ ok: true, value: office }))
      .handle('presence.set', () => ({ ok: false, error: { code: 'server-unreachable', message: 'down' } }));
    const store = createAppStore(uc, 'en');
    await store.getState().refreshPresence();
    store.getState().openPresenceEditor();
    expect(await store.getState().changePresence({ state: 'dnd' })).toBe(false);
    expect(store.getState()).toMatchObject({
      presence: office,
      presenceEditorOpen: true,
      presenceError: 'server-unreachable',
    });
    store.getState().closePresenceEditor();
    expect(store.getState().presenceError).toBeNull();
  });
});

describe('presence helpers', () => {
  it('datetime-local values round-trip in local time, bad ones are null', () => {
    const at = new Date(2026, 10, 23, 15, 30).getTime();
    expect(toLocalInputValue(at)).toBe('2026-11-23T15:30');
    expect(fromLocalInputValue('2026-11-23T15:30')).toBe(at);
    expect(fromLocalInputValue('')).toBeNull();
    expect(fromLocalInputValue('2026-11-23')).toBeNull();
    expect(fromLocalInputValue('tomorrow')).toBeNull();
  });

  it('every state has a colour group; office alone is available', () => {
    const groups = PRESENCE_STATES.map((s) => presenceGroupOf(s));
    expect(groups.filter((g) => g === 'available')).toHaveLength(1);
    expect(presenceGroupOf('dnd')).toBe('busy');
    expect(new Set(groups)).toEqual(new Set(['available', 'busy', 'away', 'absent']));
  });
});
