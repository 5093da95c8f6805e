import { describe, expect, it } from 'vitest';
import type { VoicemailListView, VoicemailView } from '../../../src-preload/contract/voicemail';
import { createAppStore } from '../../../src-renderer/src/app/app-store';
import { newVoicemailCount } from '../../../src-renderer/src/features/voicemail/voicemail-slice';
import { FakeUc, flush } from '../../support/renderer/fake-uc';

const view = (voicemails: VoicemailView[]): VoicemailListView => ({
  voicemails,
  newCount: voicemails.filter((v) => !v.listened).length,
  loaded: true,
});
const a: VoicemailView = { id: 'a', callerNumber: '100', receivedAt: 2, durationMs: 3000, listened: false };
const b: VoicemailView = { id: 'b', callerNumber: '102', receivedAt: 1, durationMs: 1000, listened: true };

function setup(uc = new FakeUc()) {
  uc.handle('voicemail.list', () => ({ ok: true, value: view([a, b]) }))
    .handle('voicemail.getAudio', (p) =>
      p.id === 'gone'
        ? { ok: false, error: { code: 'not-found', message: 'gone' } }
        : { ok: true, value: { dataUrl: 'data:audio/wav;base64,UklGRg==' } },
    )
    .handle('voicemail.setListened', () => ({ ok: true, value: undefined }))
    .handle('voicemail.delete', () => ({ ok: true, value: undefined }));
  const store = createAppStore(uc, 'en');
  return { uc, store };
}

describe('voicemail slice', () => {
  it('loads the list and counts the new messages', async () => {
    const { store } = setup();
    await store.getState().refreshVoicemails();
    expect(store.getState().voicemails.map((v) => v.id)).toEqual(['a', 'b']);
    expect(store.getState().voicemailsLoaded).toBe(true);
    expect(newVoicemailCount(store.getState().voicemails)).toBe(1);
  });

  it('play loads the audio and marks a new message listened', async () => {
    const { uc, store } = setup();
    await store.getState().refreshVoicemails();
    await store.getState().playVoicemail('a');
    expect(store.getState().voicemailPlaying).toEqual({ id: 'a', dataUrl: 'data:audio/wav;base64,UklGRg==' });
    expect(uc.invoked('voicemail.setListened')).toEqual([{ id: 'a', listened: true }]);
    expect(newVoicemailCount(store.getState().voicemails)).toBe(0);
    // a listened one is played without another setListened
    await store.getState().playVoicemail('b');
    expect(uc.invoked('voicemail.setListened')).toHaveLength(1);
  });

  it('a message that is gone shows an error and plays nothing', async () => {
    const { store } = setup();
    await store.getState().playVoicemail('gone');
    expect(store.getState().voicemailPlaying).toBeNull();
    expect(store.getState().voicemailError).toBe('not-found');
  });

  it('a failed mark is rolled back from the engine', async () => {
    const { uc, store } = setup();
    uc.handle('voicemail.setListened', () => ({ ok: false, error: { code: 'server-unreachable', message: 'x' } }));
    await store.getState().refreshVoicemails();
    await store.getState().setVoicemailListened('a', true);
    await flush();
    expect(store.getState().voicemails.find((v) => v.id === 'a')?.listened).toBe(false);
    expect(store.getState().voicemailError).toBe('server-unreachable');
  });

  it('delete removes it and stops its player; an event without the playing one stops it too', async () => {
    const { store } = setup();
    await store.getState().refreshVoicemails();
    await store.getState().playVoicemail('b');
    await store.getState().deleteVoicemail('b');
    expect(store.getState().voicemails.map((v) => v.id)).toEqual(['a']);
    expect(store.getState().voicemailPlaying).toBeNull();
    await store.getState().playVoicemail('a');
    store.getState().setVoicemails(view([b]));
    expect(store.getState().voicemailPlaying).toBeNull();
  });

  it('a voicemail notification click opens the voicemail tab', async () => {
    const { store } = setup();
    store.getState().notificationActivated({ kind: 'voicemail', peer: '100' });
    expect(store.getState().view).toBe('main');
    expect(store.getState().menuTab).toBe('voicemail');
  });
});
