import { describe, expect, it } from 'vitest';
import type { CallView, DirectoryEntryView } from '../../../src-preload/contract/ipc-contract';
import { connectAppStore, createAppStore } from '../../../src-renderer/src/app/app-store';
import { flush, type FakeUc } from '../../support/renderer/fake-uc';
import { registeredFakeUc } from '../../support/renderer/registered-fake-uc';
import { FakeTime } from '../../support/renderer/store-harness';

const always = { isConnected: () => true, onDidChangeConnection: () => () => {} };

function call(id: string, state: CallView['state']): CallView {
  return { id, direction: 'incoming', peer: '100', state, held: false, remoteHeld: false, muted: false, startedAt: 1 };
}

const chloe: DirectoryEntryView = {
  id: 'internal:102',
  source: 'internal',
  displayName: 'Chloé Dubois',
  numbers: [{ kind: 'internal', number: '102' }],
  updatedAt: 1,
} as DirectoryEntryView;

function baseUc(): FakeUc {
  return registeredFakeUc()
    .handle('calls.list', () => ({ ok: true, value: [call('c1', 'ringing-in')] }))
    .handle('calls.openTransfer', () => ({ ok: true, value: undefined }))
    .handle('calls.deflectToVoicemail', () => ({ ok: true, value: undefined }))
    .handle('calls.setHold', () => ({ ok: true, value: undefined }))
    .handle('calls.transferToCall', (p) =>
      p.targetCallId === 'gone'
        ? { ok: false, error: { code: 'unknown-call', message: 'gone' } }
        : { ok: true, value: undefined },
    )
    .handle('calls.transfer', (p) =>
      p.target === 'bad'
        ? { ok: false, error: { code: 'invalid-number', message: 'bad' } }
        : { ok: true, value: undefined },
    )
    .handle('directory.search', () => ({
      ok: true,
      value: {
        groups: [{ source: 'internal', entries: [chloe, { ...chloe, id: 'x', numbers: [] }], total: 2 }],
      },
    }));
}

async function setup(uc = baseUc()) {
  const store = createAppStore(uc, 'en', new FakeTime());
  connectAppStore(store, uc, always);
  await flush();
  return { uc, store };
}

describe('transfer (calls slice)', () => {
  it('the popup asks the engine; the main window opens the dialog on calls.onDidRequestTransfer', async () => {
    const { uc, store } = await setup();
    await store.getState().requestTransfer('c1');
    expect(uc.invoked('calls.openTransfer')).toEqual([{ callId: 'c1' }]);
    expect(store.getState().transferCallId).toBeNull();
    uc.emit('calls.onDidRequestTransfer', { callId: 'c1' });
    expect(store.getState().transferCallId).toBe('c1');
  });

  it('transfers to the typed target and closes; a refused target keeps the dialog with the error', async () => {
    const { uc, store } = await setup();
    store.getState().openTransfer('c1');
    expect(await store.getState().transfer('c1', '  bad ')).toBe(false);
    expect(store.getState().transferError).toBe('invalid-number');
    expect(store.getState().transferCallId).toBe('c1');
    expect(await store.getState().transfer('c1', '   ')).toBe(false);
    expect(await store.getState().transfer('c1', ' 102 ')).toBe(true);
    expect(uc.invoked('calls.transfer')).toEqual([
      { callId: 'c1', target: 'bad' },
      { callId: 'c1', target: '102' },
    ]);
    expect(store.getState().transferCallId).toBeNull();
    expect(store.getState().transferError).toBeNull();
  });

  it('closes by itself when the call ends meanwhile', async () => {
    const { uc, store } = await setup();
    store.getState().openTransfer('c1');
    uc.emit('calls.onDidChange', [call('c1', 'established')]);
    expect(store.getState().transferCallId).toBe('c1');
    uc.emit('calls.onDidChange', [call('c1', 'terminated')]);
    expect(store.getState().transferCallId).toBeNull();
  });

  it('offers directory entries that have numbers as targets; deflects to voicemail', async () => {
    const { uc, store } = await setup();
    expect(await store.getState().searchTransferTargets('chlo', 5)).toEqual([chloe]);
    await store.getState().deflectToVoicemail('c1');
    expect(uc.invoked('calls.deflectToVoicemail')).toEqual([{ callId: 'c1' }]);
  });

  it('consultation holds the call; alternate holds the active call and resumes the held one', async () => {
    const { uc, store } = await setup();
    expect(await store.getState().consult('c1')).toBe(true);
    uc.emit('calls.onDidChange', [call('c1', 'held'), call('c2', 'established'), call('c3', 'terminated')]);
    await store.getState().alternate('c1');
    expect(uc.invoked('calls.setHold')).toEqual([
      { callId: 'c1', hold: true },
      { callId: 'c2', hold: true },
      { callId: 'c1', hold: false },
    ]);
  });

  it('attended transfer closes the dialog; a vanished target call keeps it open with the error', async () => {
    const { uc, store } = await setup();
    store.getState().openTransfer('c1');
    expect(await store.getState().transferToCall('c1', 'gone')).toBe(false);
    expect(store.getState().transferError).toBe('unknown-call');
    expect(await store.getState().transferToCall('c1', 'c2')).toBe(true);
    expect(uc.invoked('calls.transferToCall').at(-1)).toEqual({ callId: 'c1', targetCallId: 'c2' });
    expect(store.getState().transferCallId).toBeNull();
  });
});
