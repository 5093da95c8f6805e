import { describe, expect, it } from 'vitest';
import type {
  MediaEventName,
  MediaEvents,
  MediaHost,
  MediaMethod,
  MediaParams,
  MediaResults,
} from '../../../../src-preload/contract/media-contract';
import {
  MediaSessionDescriptionHandler,
  createMediaSdhFactory,
} from '../../../../src-main/core/features/calls/media/media-sdh';

const offerWith = (extra: string[]): string =>
  [
    'v=0',
    'o=- 1 1 IN IP4 0.0.0.0',
    's=-',
    't=0 0',
    'm=audio 9 UDP/TLS/RTP/SAVPF 0 101',
    'c=IN IP4 0.0.0.0',
    'a=rtpmap:0 PCMU/8000',
    ...extra,
  ].join('\r\n') + '\r\n';
const withTe = offerWith(['a=rtpmap:101 telephone-event/8000', 'a=sendrecv']);
const withoutTe = offerWith(['a=sendrecv']).replace(' 0 101', ' 0');

class ScriptedHost implements MediaHost {
  readonly calls: Array<{ method: MediaMethod; params: Record<string, unknown> }> = [];
  private readonly listeners: Array<(p: MediaEvents['connectionState']) => void> = [];
  localSdp = withTe;
  dtmfResult = true;
  async request<M extends MediaMethod>(method: M, params: MediaParams<M>): Promise<MediaResults[M]> {
    this.calls.push({ method, params: params as Record<string, unknown> });
    switch (method) {
      case 'createOffer':
      case 'createAnswer':
        return { sdp: this.localSdp } as MediaResults[M];
      case 'sendDtmf':
        return this.dtmfResult as MediaResults[M];
      default:
        return undefined as MediaResults[M];
    }
  }
  onEvent<E extends MediaEventName>(event: E, listener: (payload: MediaEvents[E]) => void): () => void {
    if (event === 'connectionState') this.listeners.push(listener as (p: MediaEvents['connectionState']) => void);
    return () => {
      const i = this.listeners.indexOf(listener as (p: MediaEvents['connectionState']) => void);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }
  fire(p: MediaEvents['connectionState']): void {
    for (const l of [...this.listeners]) l(p);
  }
  get listenerCount(): number {
    return this.listeners.length;
  }
  methods(): string[] {
    return this.calls.map((c) => c.method);
  }
}

const flush = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('MediaSessionDescriptionHandler', () => {
  it('offers: opens the host session once, creates an offer with the hold flag, returns application/sdp', async () => {
    const host = new ScriptedHost();
    const sdh = new MediaSessionDescriptionHandler({
      host,
      iceServers: [{ urls: 'stun:127.0.0.1:3478' }],
      sessionId: 's1',
    });
    const d = await sdh.getDescription({ hold: false } as object);
    expect(d).toEqual({ body: withTe, contentType: 'application/sdp' });
    await sdh.setDescription(withTe);
    await sdh.getDescription({ hold: true } as object);
    expect(host.calls).toEqual([
      { method: 'open', params: { sessionId: 's1', iceServers: [{ urls: 'stun:127.0.0.1:3478' }] } },
      { method: 'createOffer', params: { sessionId: 's1', hold: false } },
      { method: 'setRemoteDescription', params: { sessionId: 's1', type: 'answer', sdp: withTe } },
      { method: 'createOffer', params: { sessionId: 's1', hold: true } },
    ]);
  });

  it('answers: a remote offer first, then createAnswer', async () => {
    const host = new ScriptedHost();
    const sdh = new MediaSessionDescriptionHandler({ host, iceServers: [], sessionId: 's2' });
    const seen: string[] = [];
    sdh.onDidSetRemoteDescription((e) => seen.push(e.type));
    await sdh.setDescription(withTe);
    await sdh.getDescription({ hold: true } as object);
    expect(host.calls.slice(1)).toEqual([
      { method: 'setRemoteDescription', params: { sessionId: 's2', type: 'offer', sdp: withTe } },
      { method: 'createAnswer', params: { sessionId: 's2', hold: true } },
    ]);
    expect(seen).toEqual(['offer']);
    expect(sdh.remoteSdp).toBe(withTe);
  });

  it('applies modifiers to local and remote descriptions', async () => {
    const host = new ScriptedHost();
    const sdh = new MediaSessionDescriptionHandler({ host, iceServers: [], sessionId: 's3' });
    const mod = async (d: RTCSessionDescriptionInit): Promise<RTCSessionDescriptionInit> => ({
      ...d,
      sdp: `${d.sdp}a=x-mod:${d.type}\r\n`,
    });
    const local = await sdh.getDescription({}, [mod]);
    expect(local.body).toMatch(/a=x-mod:offer/);
    await sdh.setDescription(withTe, {}, [mod]);
    expect(host.calls.at(-1)!.params['sdp']).toMatch(/a=x-mod:answer/);
  });

  it('handles only application/sdp', () => {
    const sdh = new MediaSessionDescriptionHandler({ host: new ScriptedHost(), iceServers: [] });
    expect(sdh.hasDescription('application/sdp')).toBe(true);
    expect(sdh.hasDescription('Application/SDP; charset=utf-8')).toBe(true);
    expect(sdh.hasDescription('text/plain')).toBe(false);
    expect(sdh.mediaSessionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sendDtmf returns false until telephone-event is negotiated on both sides', async () => {
    const host = new ScriptedHost();
    const sdh = new MediaSessionDescriptionHandler({ host, iceServers: [], sessionId: 's4' });
    expect(sdh.sendDtmf('1')).toBe(false); // nothing negotiated yet
    await sdh.getDescription();
    await sdh.setDescription(withoutTe);
    expect(sdh.telephoneEventsNegotiated).toBe(false);
    expect(sdh.sendDtmf('1')).toBe(false);
    await sdh.getDescription();
    await sdh.setDescription(withTe);
    expect(sdh.telephoneEventsNegotiated).toBe(true);
    expect(sdh.sendDtmf('1a#', { duration: 10, interToneGap: 10_000 })).toBe(true);
    await flush();
    expect(host.calls.at(-1)).toEqual({
      method: 'sendDtmf',
      params: { sessionId: 's4', tones: '1A#', duration: 40, interToneGap: 6000 },
    });
    expect(sdh.sendDtmf('x')).toBe(false);
  });

  it('does not claim telephone-events when our own SDP lacks them', async () => {
    const host = new ScriptedHost();
    host.localSdp = withoutTe;
    const sdh = new MediaSessionDescriptionHandler({ host, iceServers: [] });
    await sdh.setDescription(withTe);
    await sdh.getDescription();
    expect(sdh.sendDtmf('5')).toBe(false);
  });

  it('rollback returns to a stable offer/answer position', async () => {
    const host = new ScriptedHost();
    const sdh = new MediaSessionDescriptionHandler({ host, iceServers: [], sessionId: 's5' });
    await sdh.getDescription();
    await sdh.rollbackDescription();
    await sdh.setDescription(withTe);
    expect(host.calls.at(-1)!.params['type']).toBe('offer');
  });

  it('forwards its own connection-state events and closes the host session once', async () => {
    const host = new ScriptedHost();
    const sdh = new MediaSessionDescriptionHandler({ host, iceServers: [], sessionId: 's6' });
    const states: string[] = [];
    sdh.onDidChangeConnectionState((s) => states.push(s));
    host.fire({ sessionId: 'other', state: 'failed' });
    host.fire({ sessionId: 's6', state: 'connected' });
    expect(states).toEqual(['connected']);
    await sdh.getDescription();
    sdh.close();
    sdh.close();
    await flush();
    expect(host.methods().filter((m) => m === 'close')).toEqual(['close']);
    expect(host.listenerCount).toBe(0);
    await expect(sdh.getDescription()).rejects.toThrow(/closed/);
    await expect(sdh.setDescription(withTe)).rejects.toThrow(/closed/);
    expect(sdh.sendDtmf('1')).toBe(false);
  });

  it('does not ask the host to close a session it never opened', async () => {
    const host = new ScriptedHost();
    const sdh = new MediaSessionDescriptionHandler({ host, iceServers: [] });
    sdh.close();
    await flush();
    expect(host.calls).toEqual([]);
  });

  it('the factory gives every session its own handler and media session id', () => {
    const host = new ScriptedHost();
    const created: MediaSessionDescriptionHandler[] = [];
    const factory = createMediaSdhFactory({ host, iceServers: [], onCreated: (_s, sdh) => created.push(sdh) });
    const a = factory({} as never);
    const b = factory({} as never);
    expect(a).toBeInstanceOf(MediaSessionDescriptionHandler);
    expect(created).toEqual([a, b]);
    expect((a as MediaSessionDescriptionHandler).mediaSessionId).not.toBe(
      (b as MediaSessionDescriptionHandler).mediaSessionId,
    );
  });
});
