/**
 * The audio-device part of the media protocol (SPEC F4) through the broker
 * both shells use: setDevices params are validated, a listDevices answer of
 * the wrong shape is refused, and devicesChanged events reach the engine.
 */
import { describe, expect, it } from 'vitest';
import {
  MediaRequestBroker,
  type OutgoingMediaRequest,
} from '../../../src-main/core/platform/media/media-request-broker';

function broker() {
  const sent: OutgoingMediaRequest[] = [];
  const drops: string[] = [];
  const b = new MediaRequestBroker<string>({
    send: (request) => {
      sent.push(request);
      return 'page';
    },
    onDrop: (reason) => drops.push(reason),
  });
  return { b, sent, drops };
}

describe('media protocol: audio devices', () => {
  it('forwards listDevices and returns a well-formed list', async () => {
    const { b, sent } = broker();
    const result = b.request('listDevices', {});
    const list = { inputs: [{ deviceId: 'm1', label: 'Mic' }], outputs: [{ deviceId: 'o1', label: '' }] };
    b.handleResponse('page', { id: sent[0]!.id, ok: true, value: list });
    await expect(result).resolves.toEqual(list);
  });

  it('refuses a listDevices answer of the wrong shape', async () => {
    const { b, sent } = broker();
    const result = b.request('listDevices', {});
    b.handleResponse('page', { id: sent[0]!.id, ok: true, value: { inputs: 'nope' } });
    await expect(result).rejects.toThrow('listDevices returned an invalid result');
  });

  it('validates setDevices params before sending', async () => {
    const { b, sent } = broker();
    await expect(b.request('setDevices', { microphoneId: '' })).rejects.toThrow('invalid params for media setDevices');
    expect(sent).toEqual([]);
    const ok = b.request('setDevices', { ringingId: 'o1' });
    expect(sent[0]).toMatchObject({ method: 'setDevices', params: { ringingId: 'o1' } });
    b.handleResponse('page', { id: sent[0]!.id, ok: true });
    await expect(ok).resolves.toBeUndefined();
  });

  it('delivers devicesChanged and drops one with a payload', () => {
    const { b, drops } = broker();
    let seen = 0;
    b.onEvent('devicesChanged', () => seen++);
    b.handleEvent('devicesChanged', {});
    b.handleEvent('devicesChanged', { extra: 1 });
    expect(seen).toBe(1);
    expect(drops).toEqual(['invalid-event']);
  });
});
