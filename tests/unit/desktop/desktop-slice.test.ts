import { describe, expect, it } from 'vitest';
import type { CallView, LinkDialRequest } from '../../../src-preload/contract/ipc-contract';
import { connectAppStore, createAppStore } from '../../../src-renderer/src/app/app-store';
import { TOAST_MS } from '../../../src-renderer/src/features/desktop';
import { flush, settingsOf, type FakeUc } from '../../support/renderer/fake-uc';
import { registeredFakeUc } from '../../support/renderer/registered-fake-uc';
import { FakeTime } from '../../support/renderer/store-harness';

const always = { isConnected: () => true, onDidChangeConnection: () => () => {} };

function baseUc(): FakeUc {
  return registeredFakeUc()
    .handle('counters.get', () => ({ ok: true, value: { missedCalls: 2, unreadMessages: 0, newVoicemails: 0 } }))
    .handle('counters.markSeen', () => ({ ok: true, value: { missedCalls: 0, unreadMessages: 0, newVoicemails: 0 } }))
    .handle('hotkey.getStatus', () => ({ ok: true, value: { status: 'off' } }))
    .handle('headsets.getStatus', () => ({ ok: true, value: { state: 'stopped', vendors: [] } }));
}

const request: LinkDialRequest = {
  requestId: 'r1',
  number: '+33612345678',
  display: '+33 6 12 34 56 78',
  scheme: 'tel',
};

function ringing(id: string): CallView {
  return {
    id,
    direction: 'incoming',
    peer: '102',
    state: 'ringing-in',
    held: false,
    remoteHeld: false,
    muted: false,
    startedAt: 1,
  };
}

async function setup(uc = baseUc(), time = new FakeTime()) {
  const store = createAppStore(uc, 'en', time);
  connectAppStore(store, uc, always);
  await flush();
  return { uc, store, time };
}

describe('desktop slice', () => {
  it('loads the counters, hotkey and headset status with everything else', async () => {
    const { store } = await setup();
    expect(store.getState().missedCalls).toBe(2);
    expect(store.getState().hotkeyStatus).toEqual({ status: 'off' });
    expect(store.getState().headsetStatus?.state).toBe('stopped');
  });

  it('queues link requests and answers them with links.confirm', async () => {
    const uc = baseUc().handle('links.confirm', (p) => ({ ok: true, value: p.accept ? { callId: 'c9' } : null }));
    const { store } = await setup(uc);
    uc.emit('links.onDidRequestDial', request);
    uc.emit('links.onDidRequestDial', { ...request, requestId: 'r2' });
    uc.emit('links.onDidRequestDial', request); // duplicate ignored
    expect(store.getState().linkRequests.map((r) => r.requestId)).toEqual(['r1', 'r2']);
    expect(await store.getState().confirmLink('r1', false)).toBe(true);
    expect(uc.invoked('links.confirm')).toEqual([{ requestId: 'r1', accept: false }]);
    expect(store.getState().linkRequests.map((r) => r.requestId)).toEqual(['r2']);
    await store.getState().confirmLink('r2', true);
    expect(uc.invoked('links.confirm')[1]).toEqual({ requestId: 'r2', accept: true });
    expect(store.getState().linkRequests).toEqual([]);
  });

  it('an expired request shows the translated error as a toast', async () => {
    const uc = baseUc().handle('links.confirm', () => ({
      ok: false,
      error: { code: 'unknown-request', message: 'expired' },
    }));
    const { store } = await setup(uc);
    uc.emit('links.onDidRequestDial', request);
    expect(await store.getState().confirmLink('r1', true)).toBe(false);
    expect(store.getState().linkError).toBe('unknown-request');
    expect(store.getState().toasts.map((t) => t.key)).toEqual(['error.unknown-request']);
  });

  it('a refused link becomes a toast with its reason, gone after TOAST_MS', async () => {
    const { uc, store, time } = await setup();
    uc.emit('links.onDidRefuse', { reason: 'unsupported-scheme' });
    expect(store.getState().toasts).toMatchObject([{ kind: 'link-refused', values: { reason: 'unsupported-scheme' } }]);
    time.advance(TOAST_MS - 1);
    expect(store.getState().toasts).toHaveLength(1);
    time.advance(1);
    expect(store.getState().toasts).toHaveLength(0);
  });

  it('openLink: an invalid in-app link shows the parser reason', async () => {
    const uc = baseUc().handle('links.open', () => ({
      ok: false,
      error: { code: 'invalid-link', message: 'no', details: ['missing-phone-context'] },
    }));
    const { store } = await setup(uc);
    expect(await store.getState().openLink('tel:101')).toBe(false);
    expect(store.getState().toasts[0]?.values).toEqual({ reason: 'missing-phone-context' });
  });

  it('setDialHotkey keeps the reason of a refused hotkey and rolls the setting back', async () => {
    const uc = baseUc().handle('settings.update', (p) =>
      p.dialHotkey === 'Control+C'
        ? { ok: false, error: { code: 'invalid-hotkey', message: 'reserved', details: ['reserved-combination'] } }
        : { ok: true, value: settingsOf({ dialHotkey: p.dialHotkey ?? null }) },
    );
    const { store } = await setup(uc);
    expect(await store.getState().setDialHotkey('Control+Alt+D')).toBe(true);
    expect(store.getState().settings.dialHotkey).toBe('Control+Alt+D');
    expect(await store.getState().setDialHotkey('Control+C')).toBe(false);
    expect(store.getState().hotkeyError).toBe('reserved-combination');
    expect(store.getState().settings.dialHotkey).toBe('Control+Alt+D');
    expect(store.getState().settingsError).toBeNull();
    // the status is re-read after a successful change
    expect(uc.invoked('hotkey.getStatus').length).toBeGreaterThanOrEqual(2);
  });

  it('follows hotkey and headset status events; a failed press becomes a toast', async () => {
    const { uc, store } = await setup();
    uc.emit('hotkey.onDidChangeStatus', { status: 'taken', label: 'Ctrl+Alt+D' });
    expect(store.getState().hotkeyStatus?.status).toBe('taken');
    uc.emit('headsets.onDidChange', { state: 'parallel', vendors: [] });
    expect(store.getState().headsetStatus?.state).toBe('parallel');
    uc.emit('hotkey.onDidHandlePress', { outcome: 'dialed', number: '102' });
    expect(store.getState().toasts).toHaveLength(0);
    uc.emit('hotkey.onDidHandlePress', { outcome: 'no-number', reason: 'no-number' });
    expect(store.getState().toasts[0]?.key).toBe('hotkey.press.no-number');
  });

  it('counters: events update; opening the history marks the missed calls seen', async () => {
    const { uc, store } = await setup();
    uc.emit('counters.onDidChange', { missedCalls: 5, unreadMessages: 0, newVoicemails: 0 });
    expect(store.getState().missedCalls).toBe(5);
    store.getState().setMenuTab('history');
    await flush();
    expect(uc.invoked('counters.markSeen')).toEqual([{ kind: 'missed-calls' }]);
    expect(store.getState().missedCalls).toBe(0);
    // nothing to mark: no call to the engine
    store.getState().openHistory();
    await flush();
    expect(uc.invoked('counters.markSeen')).toHaveLength(1);
  });

  it('a notification click opens the history', async () => {
    const { uc, store } = await setup();
    store.getState().setView('settings');
    uc.emit('notifications.onDidActivate', { kind: 'missed-call', peer: '102' });
    expect(store.getState().view).toBe('main');
    expect(store.getState().menuTab).toBe('history');
  });

  it('remembers when each call was first seen ringing, and forgets it when it stops', async () => {
    const time = new FakeTime();
    const { uc, store } = await setup(baseUc(), time);
    const t0 = time.now();
    uc.emit('calls.onDidChange', [ringing('a')]);
    time.advance(3_000);
    uc.emit('calls.onDidChange', [ringing('a'), ringing('b')]);
    expect(store.getState().ringingSeenAt).toEqual({ a: t0, b: t0 + 3_000 });
    uc.emit('calls.onDidChange', [{ ...ringing('a'), state: 'established' }, ringing('b')]);
    expect(store.getState().ringingSeenAt).toEqual({ b: t0 + 3_000 });
  });

  it('ticks the popup clock at 5 s and 10 s of ringing, per call', async () => {
    const time = new FakeTime();
    const { uc, store } = await setup(baseUc(), time);
    uc.emit('calls.onDidChange', [ringing('a')]);
    time.advance(4_999);
    expect(store.getState().ringingElapsed).toEqual({});
    time.advance(1);
    expect(store.getState().ringingElapsed).toEqual({ a: 5_000 });
    uc.emit('calls.onDidChange', [ringing('a'), ringing('b')]);
    time.advance(5_000);
    expect(store.getState().ringingElapsed).toEqual({ a: 10_000, b: 5_000 });
    // a call that stops ringing is forgotten, and its late timers do nothing
    uc.emit('calls.onDidChange', [ringing('b')]);
    time.advance(5_000);
    expect(store.getState().ringingElapsed).toEqual({ b: 10_000 });
  });

  it('setMainView is optimistic and rolls back when the engine refuses', async () => {
    let accept = true;
    const uc = baseUc().handle('window.command', () =>
      accept ? { ok: true, value: undefined } : { ok: false, error: { code: 'internal', message: 'x' } },
    );
    const { store } = await setup(uc);
    await store.getState().setMainView('menu');
    expect(store.getState().settings.view).toBe('menu');
    expect(uc.invoked('window.command')).toEqual([{ command: 'set-view', view: 'menu' }]);
    accept = false;
    await store.getState().setMainView('collapsed');
    expect(store.getState().settings.view).toBe('menu');
    expect(store.getState().settingsError).toBe('internal');
  });

  it('partial headset updates keep the other vendors', async () => {
    const uc = baseUc().handle('settings.update', (p) => ({
      ok: true,
      value: settingsOf({ headsets: { hid: false, jabra: false, poly: false, ...p.headsets } }),
    }));
    const { store } = await setup(uc);
    void store.getState().updateSettings({ headsets: { jabra: true } });
    expect(store.getState().settings.headsets).toEqual({ hid: false, jabra: true, poly: false });
    await flush();
    expect(uc.invoked('settings.update')).toEqual([{ headsets: { jabra: true } }]);
  });
});
