/**
 * AppCore and the audio devices (SPEC F4): settings.audio is a partial merge,
 * the choice reaches the media host with setDevices (at start, on change, and
 * again when the host reports devicesChanged, e.g. after it reconnected),
 * audio.listDevices is forwarded, and a missing media host is a clear error.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventChannel, Settings } from '../../../src-preload/contract/ipc-contract';
import type { MediaResults } from '../../../src-preload/contract/media-contract';
import type { AppCore } from '../../../src-main/core/app/app-core';
import { composeAppCore } from '../../../src-main/core/app/compose-app-core';
import { dispatchInvoke } from '../../../src-main/core/platform/ipc/dispatch-invoke';
import { MemorySecretStore } from '../../../src-main/core/platform/secrets/memory-secret-store';
import { FakeMediaHost } from '../../support/fake-media-host';
import { ManualClock } from '../../support/manual-clock';

const DEVICES: MediaResults['listDevices'] = {
  inputs: [{ deviceId: 'mic-1', label: 'USB microphone' }],
  outputs: [
    { deviceId: 'spk-1', label: 'Speakers' },
    { deviceId: 'ring-1', label: 'Desk ringer' },
  ],
};

describe('AppCore audio devices', () => {
  let media: FakeMediaHost;
  let core: AppCore;
  let events: EventChannel[];

  const invoke = (channel: string, payload: unknown = {}) => dispatchInvoke(core, channel, payload);
  const settle = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };

  beforeEach(() => {
    media = new FakeMediaHost({ listDevices: DEVICES });
    events = [];
    core = composeAppCore({
      dataDir: ':memory:',
      mediaHost: media,
      clock: new ManualClock(),
      secretStore: new MemorySecretStore(),
      headsetAdapters: [],
      platform: 'linux',
    });
    core.onEvent(({ channel }) => events.push(channel));
  });

  afterEach(async () => {
    await core.dispose();
  });

  it('defaults to the system devices and sends that choice at start', async () => {
    const r = await invoke('settings.get');
    expect(r.ok && (r.value as Settings).audio).toEqual({ microphoneId: null, speakerId: null, ringingId: null });
    await settle();
    expect(media.setDevices()).toEqual([{}]);
  });

  it('merges a partial audio patch and applies it to the media host', async () => {
    const first = await invoke('settings.update', { audio: { ringingId: 'ring-1' } });
    expect(first.ok && (first.value as Settings).audio).toEqual({
      microphoneId: null,
      speakerId: null,
      ringingId: 'ring-1',
    });
    const second = await invoke('settings.update', { audio: { speakerId: 'spk-1' } });
    expect(second.ok && (second.value as Settings).audio).toEqual({
      microphoneId: null,
      speakerId: 'spk-1',
      ringingId: 'ring-1',
    });
    const back = await invoke('settings.update', { audio: { ringingId: null } });
    expect(back.ok && (back.value as Settings).audio.ringingId).toBeNull();
    await settle();
    expect(media.setDevices()).toEqual([
      {},
      { ringingId: 'ring-1' },
      { speakerId: 'spk-1', ringingId: 'ring-1' },
      { speakerId: 'spk-1' },
    ]);
  });

  it('does not send setDevices again when another setting changes', async () => {
    await invoke('settings.update', { zoom: 1.5 });
    await settle();
    expect(media.setDevices()).toEqual([{}]);
  });

  it('refuses an empty device id', async () => {
    const r = await invoke('settings.update', { audio: { microphoneId: '' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('invalid-payload');
  });

  it('forwards audio.listDevices to the media host', async () => {
    const r = await invoke('audio.listDevices');
    expect(r).toEqual({ ok: true, value: DEVICES });
  });

  it('says media-unavailable when no media host answers', async () => {
    media.connected = false;
    const r = await invoke('audio.listDevices');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('media-unavailable');
      expect(r.error.message).toContain('no media host connected');
    }
  });

  it('re-applies the choice and publishes audio.onDidChangeDevices on devicesChanged', async () => {
    await invoke('settings.update', { audio: { microphoneId: 'mic-1' } });
    // a host that was not there at start (web shell before its page connected) announces itself
    media.fire('devicesChanged', {});
    await settle();
    expect(media.setDevices().at(-1)).toEqual({ microphoneId: 'mic-1' });
    expect(events.filter((e) => e === 'audio.onDidChangeDevices')).toHaveLength(1);
  });
});
