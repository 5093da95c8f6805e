/**
 * Audio devices in the renderer (SPEC F4): the slice lists the media host's
 * devices, a choice is a partial settings.audio patch (rolled back when
 * refused), a plug/unplug event refreshes the list and marks the settings
 * button, and the select options put "System default" first and keep an
 * unplugged choice visible.
 */
import { describe, expect, it } from 'vitest';
import type { AudioDevicesView, Settings } from '../../../src-preload/contract/ipc-contract';
import { audioDeviceOptions } from '../../../src-renderer/src/features/calls/audio-device-options';
import { connectAppStore, createAppStore } from '../../../src-renderer/src/app/app-store';
import { FakeUc, flush, settingsOf } from '../../support/renderer/fake-uc';

const always = { isConnected: () => true, onDidChangeConnection: () => () => {} };

const LIST: AudioDevicesView = {
  inputs: [
    { deviceId: 'mic-a', label: 'Headset microphone' },
    { deviceId: 'mic-b', label: '' },
  ],
  outputs: [
    { deviceId: 'out-a', label: 'Speakers' },
    { deviceId: 'out-b', label: 'Desk ringer' },
  ],
};

function baseUc(list: () => AudioDevicesView = () => LIST): { uc: FakeUc; stored: { settings: Settings } } {
  const stored = { settings: settingsOf() };
  const uc = new FakeUc()
    .handle('session.getState', () => ({ ok: true, value: { status: 'registered', user: '101' } }))
    .handle('settings.get', () => ({ ok: true, value: stored.settings }))
    .handle('settings.update', (p) => {
      if (p.audio?.speakerId === 'refused') return { ok: false, error: { code: 'invalid-payload', message: 'no' } };
      stored.settings = { ...stored.settings, audio: { ...stored.settings.audio, ...p.audio } };
      return { ok: true, value: stored.settings };
    })
    .handle('calls.list', () => ({ ok: true, value: [] }))
    .handle('dial.getRecent', () => ({ ok: true, value: [] }))
    .handle('journal.list', () => ({ ok: true, value: [] }))
    .handle('counters.get', () => ({ ok: true, value: { missedCalls: 0, unreadMessages: 0, newVoicemails: 0 } }))
    .handle('hotkey.getStatus', () => ({ ok: true, value: { status: 'off' } }))
    .handle('headsets.getStatus', () => ({ ok: true, value: { state: 'stopped', vendors: [] } }))
    .handle('audio.listDevices', () => ({ ok: true, value: list() }));
  return { uc, stored };
}

async function setup(uc: FakeUc) {
  const store = createAppStore(uc, 'en');
  connectAppStore(store, uc, always);
  await flush();
  return store;
}

describe('audio slice', () => {
  it('does not list devices before the settings ask for them', async () => {
    const { uc } = baseUc();
    const store = await setup(uc);
    expect(uc.invoked('audio.listDevices')).toEqual([]);
    await store.getState().refreshAudioDevices();
    expect(store.getState().audioDevices).toEqual(LIST);
  });

  it('sends one role as a partial audio patch', async () => {
    const { uc, stored } = baseUc();
    const store = await setup(uc);
    expect(await store.getState().setAudioDevice('ringingId', 'out-b')).toBe(true);
    expect(uc.invoked('settings.update')).toEqual([{ audio: { ringingId: 'out-b' } }]);
    expect(store.getState().settings.audio).toEqual({ microphoneId: null, speakerId: null, ringingId: 'out-b' });
    await store.getState().setAudioDevice('ringingId', null);
    expect(stored.settings.audio.ringingId).toBeNull();
  });

  it('rolls back a refused choice', async () => {
    const { uc } = baseUc();
    const store = await setup(uc);
    await store.getState().setAudioDevice('microphoneId', 'mic-a');
    expect(await store.getState().setAudioDevice('speakerId', 'refused')).toBe(false);
    expect(store.getState().settings.audio).toEqual({ microphoneId: 'mic-a', speakerId: null, ringingId: null });
    expect(store.getState().settingsError).toBe('invalid-payload');
  });

  it('refreshes the list and marks the settings button when a device is plugged or unplugged', async () => {
    let list = LIST;
    const { uc } = baseUc(() => list);
    const store = await setup(uc);
    await store.getState().refreshAudioDevices();
    list = { ...LIST, outputs: [LIST.outputs[0]!] };
    uc.emit('audio.onDidChangeDevices', {});
    expect(store.getState().audioDevicesChanged).toBe(true);
    await flush();
    expect(store.getState().audioDevices?.outputs).toEqual([LIST.outputs[0]]);
    // listing again (settings shown) clears the mark
    expect(store.getState().audioDevicesChanged).toBe(false);
  });

  it('keeps the mark while the devices were never listed', async () => {
    const { uc } = baseUc();
    const store = await setup(uc);
    uc.emit('audio.onDidChangeDevices', {});
    await flush();
    expect(store.getState().audioDevicesChanged).toBe(true);
    expect(uc.invoked('audio.listDevices')).toEqual([]);
  });

  it('reports a missing media host', async () => {
    const { uc } = baseUc();
    uc.handle('audio.listDevices', () => ({ ok: false, error: { code: 'media-unavailable', message: 'none' } }));
    const store = await setup(uc);
    await store.getState().refreshAudioDevices();
    expect(store.getState().audioDevicesError).toBe('media-unavailable');
    expect(store.getState().audioDevices).toBeNull();
  });
});

describe('audioDeviceOptions', () => {
  it('puts System default first, numbers unnamed devices and keeps an unplugged choice', () => {
    expect(audioDeviceOptions(LIST.inputs, null)).toEqual([
      { kind: 'default', value: '' },
      { kind: 'device', value: 'mic-a', label: 'Headset microphone', index: 1 },
      { kind: 'device', value: 'mic-b', label: '', index: 2 },
    ]);
    expect(audioDeviceOptions(LIST.outputs, 'gone').at(-1)).toEqual({ kind: 'missing', value: 'gone' });
    expect(audioDeviceOptions(LIST.outputs, 'out-a')).toHaveLength(3);
    expect(audioDeviceOptions(undefined, null)).toEqual([{ kind: 'default', value: '' }]);
  });
});
