import { describe, expect, it } from 'vitest';
import type { CallView, JournalEntry } from '../../../src-preload/contract/ipc-contract';
import { connectAppStore, createAppStore } from '../../../src-renderer/src/app/app-store';
import { FakeUc, flush, settingsOf } from '../../support/renderer/fake-uc';

const always = { isConnected: () => true, onDidChangeConnection: () => () => {} };

function call(partial: Partial<CallView> = {}): CallView {
  return {
    id: 'c1',
    direction: 'outgoing',
    peer: '102',
    state: 'established',
    held: false,
    remoteHeld: false,
    muted: false,
    startedAt: 1_000,
    ...partial,
  };
}

function baseUc(): FakeUc {
  return new FakeUc()
    .handle('session.getState', () => ({ ok: true, value: { status: 'logged-out' } }))
    .handle('settings.get', () => ({ ok: true, value: settingsOf({ language: 'fr' }) }))
    .handle('calls.list', () => ({ ok: true, value: [] }))
    .handle('dial.getRecent', () => ({
      ok: true,
      value: [{ number: '102', name: 'Chloé Dubois' }, { number: '0612345678' }],
    }))
    .handle('journal.list', () => ({ ok: true, value: [] }));
}

describe('app store', () => {
  it('loads the initial state from the engine', async () => {
    const uc = baseUc();
    const store = createAppStore(uc, 'en');
    connectAppStore(store, uc, always);
    await flush();
    const s = store.getState();
    expect(s.settings.language).toBe('fr');
    expect(s.recent).toEqual([{ number: '102', name: 'Chloé Dubois' }, { number: '0612345678' }]);
    expect(s.bridgeConnected).toBe(true);
  });

  it('waits for the bridge before loading, and reloads after a reconnect', async () => {
    const uc = baseUc();
    let connected = false;
    const listeners: Array<(c: boolean) => void> = [];
    const store = createAppStore(uc, 'en');
    connectAppStore(store, uc, {
      isConnected: () => connected,
      onDidChangeConnection: (l) => {
        listeners.push(l);
        return () => {};
      },
    });
    await flush();
    expect(uc.invoked('session.getState')).toHaveLength(0);
    expect(store.getState().bridgeConnected).toBe(false);
    connected = true;
    listeners.forEach((l) => l(true));
    await flush();
    expect(uc.invoked('session.getState')).toHaveLength(1);
    listeners.forEach((l) => l(false));
    listeners.forEach((l) => l(true));
    await flush();
    expect(uc.invoked('session.getState')).toHaveLength(2);
  });

  it('rejects an incomplete login form without calling the engine', async () => {
    const uc = baseUc();
    const store = createAppStore(uc);
    await store.getState().login({ user: '101', password: '', server: 'pbx:8802' });
    expect(store.getState().loginError).toBe('missing-fields');
    expect(uc.invoked('session.login')).toHaveLength(0);
  });

  it('reports a refused server as error.invalid-server and keeps the form', async () => {
    const uc = baseUc().handle('session.login', () => ({
      ok: false,
      error: { code: 'invalid-server', message: 'bad' },
    }));
    const store = createAppStore(uc);
    await store.getState().login({ user: ' 101 ', password: 'pw', server: 'nope' });
    expect(uc.invoked('session.login')).toEqual([{ user: '101', password: 'pw', server: 'nope', remember: false }]);
    expect(store.getState().loginError).toBe('invalid-server');
    expect(store.getState().loggingIn).toBe(false);
  });

  it('tracks registration so a later outage keeps the main view', async () => {
    const uc = baseUc();
    const store = createAppStore(uc);
    connectAppStore(store, uc, always);
    await flush();
    expect(store.getState().hasBeenRegistered).toBe(false);
    uc.emit('session.onDidChangeState', { status: 'unreachable', user: '101' });
    expect(store.getState().hasBeenRegistered).toBe(false);
    uc.emit('session.onDidChangeState', { status: 'registered', user: '101' });
    uc.emit('session.onDidChangeState', { status: 'unreachable', user: '101' });
    expect(store.getState().hasBeenRegistered).toBe(true);
    uc.emit('session.onDidChangeState', { status: 'logged-out' });
    expect(store.getState().hasBeenRegistered).toBe(false);
  });

  it('follows call and journal events', async () => {
    const entries: JournalEntry[] = [
      {
        id: 1,
        callId: 'a',
        direction: 'outgoing',
        peer: '102',
        startedAt: 10,
        endedAt: 20,
        result: 'failed',
        reason: 'not-found',
      },
      { id: 2, callId: 'b', direction: 'incoming', peer: '103', startedAt: 30, endedAt: 40, result: 'missed' },
    ];
    const uc = baseUc().handle('journal.list', () => ({ ok: true, value: entries }));
    const store = createAppStore(uc);
    connectAppStore(store, uc, always);
    await flush();
    expect(store.getState().journal.map((e) => e.id)).toEqual([2, 1]);
    uc.emit('calls.onDidChange', [call()]);
    expect(store.getState().calls).toHaveLength(1);
    const before = uc.invoked('journal.list').length;
    uc.emit('journal.onDidChange', {});
    await flush();
    expect(uc.invoked('journal.list')).toHaveLength(before + 1);
  });

  it('shows the dial error and clears it', async () => {
    const uc = baseUc().handle('calls.dial', () => ({ ok: false, error: { code: 'invalid-number', message: 'x' } }));
    const store = createAppStore(uc);
    expect(await store.getState().dial('abc')).toBe(false);
    expect(store.getState().dialError).toBe('invalid-number');
    store.getState().clearDialError();
    expect(store.getState().dialError).toBeNull();
    expect(await store.getState().dial('   ')).toBe(false);
    expect(uc.invoked('calls.dial')).toHaveLength(1);
  });

  it('keeps the reason of a refused number, so the field shows the message its offer row showed', async () => {
    const uc = baseUc().handle('calls.dial', () => ({
      ok: false,
      error: { code: 'invalid-number', message: 'x', details: ['too-long'] },
    }));
    const store = createAppStore(uc);
    expect(await store.getState().dial('1'.repeat(40))).toBe(false);
    expect(store.getState()).toMatchObject({ dialError: 'invalid-number', dialErrorReason: 'too-long' });
    store.getState().clearDialError();
    expect(store.getState().dialErrorReason).toBeNull();
  });

  it('dials and refreshes the recent numbers', async () => {
    const uc = baseUc().handle('calls.dial', () => ({ ok: true, value: { callId: 'c9' } }));
    const store = createAppStore(uc);
    expect(await store.getState().dial(' 102 ')).toBe(true);
    await flush();
    expect(uc.invoked('calls.dial')).toEqual([{ target: '102' }]);
    expect(store.getState().recent).toEqual([{ number: '102', name: 'Chloé Dubois' }, { number: '0612345678' }]);
  });

  it('passes the name of a directory entry along, and a call placed ends the search that found it', async () => {
    const uc = baseUc()
      .handle('calls.dial', () => ({ ok: true, value: { callId: 'c9' } }))
      .handle('directory.search', () => ({ ok: true, value: { groups: [] } }));
    const store = createAppStore(uc);
    store.getState().setSearchQuery('mul');
    // e.g. from the contact details opened from the results: the field must not offer them again
    expect(await store.getState().dial('101', 'Bruno Müller')).toBe(true);
    expect(uc.invoked('calls.dial')).toEqual([{ target: '101', name: 'Bruno Müller' }]);
    expect(store.getState()).toMatchObject({ searchQuery: '', searchResults: null });
  });

  it('switches language optimistically and rolls back when refused', async () => {
    let accept = true;
    const uc = baseUc().handle('settings.update', (p) =>
      accept
        ? { ok: true, value: settingsOf({ language: p.language ?? 'en' }) }
        : { ok: false, error: { code: 'internal', message: 'disk full' } },
    );
    const store = createAppStore(uc, 'en');
    const pending = store.getState().setLanguage('fr');
    expect(store.getState().settings.language).toBe('fr');
    await pending;
    expect(store.getState().settings.language).toBe('fr');
    accept = false;
    await store.getState().setLanguage('en');
    expect(store.getState().settings.language).toBe('fr');
  });

  it('passes in-call actions through and records their errors', async () => {
    const uc = baseUc()
      .handle('calls.setHold', () => ({ ok: true, value: undefined }))
      .handle('calls.sendDtmf', () => ({ ok: false, error: { code: 'invalid-state', message: 'x' } }));
    const store = createAppStore(uc);
    await store.getState().setHold('c1', true);
    expect(uc.invoked('calls.setHold')).toEqual([{ callId: 'c1', hold: true }]);
    expect(store.getState().callError).toBeNull();
    await store.getState().sendDtmf('c1', '5');
    expect(store.getState().callError).toBe('invalid-state');
  });

  it('unsubscribes everything on dispose', async () => {
    const uc = baseUc();
    const dispose = connectAppStore(createAppStore(uc), uc, always);
    expect(uc.listenerCount('calls.onDidChange')).toBe(1);
    dispose();
    expect(uc.listenerCount('calls.onDidChange')).toBe(0);
    expect(uc.listenerCount('session.onDidChangeState')).toBe(0);
  });

  describe('a PC shared by several users (issue 8)', () => {
    const entry: JournalEntry = {
      id: 1,
      callId: 'c1',
      direction: 'incoming',
      peer: '100',
      startedAt: 1,
      endedAt: 2,
      result: 'missed',
    };
    /** An engine whose answers follow the logged-in account, like AppCore's. */
    function sharedPc() {
      let user: string | null = '101';
      const uc = new FakeUc()
        .handle('session.getState', () => ({
          ok: true,
          value: user ? { status: 'registered', user, server: 'pbx' } : { status: 'logged-out' },
        }))
        .handle('settings.get', () => ({ ok: true, value: settingsOf() }))
        .handle('calls.list', () => ({ ok: true, value: [] }))
        .handle('dial.getRecent', () => ({ ok: true, value: user === '101' ? [{ number: '100' }] : [] }))
        .handle('journal.list', () => ({ ok: true, value: user === '101' ? [entry] : [] }))
        .handle('counters.get', () => ({
          ok: true,
          value: { missedCalls: user === '101' ? 1 : 0, unreadMessages: 0, newVoicemails: 0 },
        }))
        .handle('messages.listConversations', () => ({ ok: true, value: [] }))
        .handle('directory.search', () => ({ ok: true, value: { groups: [] } }));
      return { uc, setUser: (next: string | null) => (user = next) };
    }

    it("logout empties every per-user view at once and reloads them; the next user starts from nothing of Bruno's", async () => {
      const { uc, setUser } = sharedPc();
      const store = createAppStore(uc, 'en');
      connectAppStore(store, uc, always);
      await flush();
      store.setState({ searchQuery: 'mül', conversationPeer: '100', selectedJournalId: 1 });
      expect(store.getState()).toMatchObject({ recent: [{ number: '100' }], journal: [entry], missedCalls: 1 });

      setUser(null);
      uc.emit('session.onDidChangeState', { status: 'logged-out' });
      expect(store.getState()).toMatchObject({
        recent: [],
        journal: [],
        missedCalls: 0,
        searchQuery: '',
        conversationPeer: null,
        selectedJournalId: null,
      });
      await flush();
      expect(store.getState()).toMatchObject({ recent: [], journal: [], missedCalls: 0 });

      setUser('103');
      uc.emit('session.onDidChangeState', { status: 'registered', user: '103', server: 'pbx' });
      await flush();
      expect(store.getState()).toMatchObject({ recent: [], journal: [], missedCalls: 0 });
    });

    it("the logout's own answer clears the views too (when it arrives before the event)", async () => {
      const { uc, setUser } = sharedPc();
      uc.handle('session.logout', () => {
        setUser(null);
        return { ok: true, value: { status: 'logged-out' } };
      });
      const store = createAppStore(uc, 'en');
      connectAppStore(store, uc, always);
      await flush();
      store.setState({ searchQuery: 'mül' });
      await store.getState().logout();
      expect(store.getState()).toMatchObject({ recent: [], journal: [], missedCalls: 0, searchQuery: '' });
    });

    it('another account logging in without a logout in between also clears the views', async () => {
      const { uc, setUser } = sharedPc();
      const store = createAppStore(uc, 'en');
      connectAppStore(store, uc, always);
      await flush();
      store.setState({ searchQuery: 'mül' });
      setUser('103');
      uc.emit('session.onDidChangeState', { status: 'connecting', user: '103', server: 'pbx' });
      expect(store.getState()).toMatchObject({ recent: [], journal: [], searchQuery: '' });
      // the same account reconnecting keeps everything
      store.setState({ searchQuery: 'dav' });
      uc.emit('session.onDidChangeState', { status: 'registered', user: '103', server: 'pbx' });
      uc.emit('session.onDidChangeState', { status: 'unreachable', user: '103', server: 'pbx' });
      expect(store.getState().searchQuery).toBe('dav');
    });
  });
});
