import { describe, expect, it } from 'vitest';
import type { MediaMethod } from '../../../src-preload/contract/media-contract';
import { WebMediaHost, type MediaPage } from '../../../src-main/web-shell/web-media-host';
import { MEDIA_REQUEST_TIMEOUT_MS } from '../../../src-main/core/platform/media/media-request-broker';
import { ManualClock } from '../../support/manual-clock';

class FakePage implements MediaPage {
  readonly requests: Array<{ id: number; method: MediaMethod; params: unknown }> = [];
  constructor(readonly name: string) {}
  sendMediaRequest(request: { id: number; method: MediaMethod; params: unknown }): void {
    this.requests.push(request);
  }
}

function setup() {
  const clock = new ManualClock(0);
  const drops: string[] = [];
  const host = new WebMediaHost({ clock, onDrop: (reason) => drops.push(reason) });
  return { clock, drops, host };
}

describe('WebMediaHost', () => {
  it('fails at once with no media host connected', async () => {
    const { host } = setup();
    await expect(host.request('close', { sessionId: 's' })).rejects.toThrow('no media host connected');
    host.pageDidSayHello(new FakePage('app-only'), false);
    await expect(host.request('close', { sessionId: 's' })).rejects.toThrow('no media host connected');
    expect(host.pendingCount).toBe(0);
  });

  it('the first media page keeps the role: a later claim is refused and cannot answer', async () => {
    const { host, drops } = setup();
    const first = new FakePage('first');
    const second = new FakePage('second');
    expect(host.pageDidSayHello(first, true)).toBe('granted');
    expect(host.pageDidSayHello(second, true)).toBe('refused');
    expect(host.pageDidSayHello(first, true)).toBe('granted');
    expect(host.isMediaHost(first)).toBe(true);
    const pending = host.request('createOffer', { sessionId: 's', hold: false });
    expect(second.requests).toEqual([]);
    const [req] = first.requests;
    expect(req).toMatchObject({ method: 'createOffer', params: { sessionId: 's', hold: false } });
    host.handleResponse(second, { id: req!.id, ok: true, value: { sdp: 'spoof' } });
    expect(drops).toEqual(['wrong-target']);
    host.handleResponse(first, { id: req!.id, ok: true, value: { sdp: 'v=0' } });
    await expect(pending).resolves.toEqual({ sdp: 'v=0' });
  });

  it('when the media page leaves, its requests fail and the oldest standby takes over (devicesChanged)', async () => {
    const { host } = setup();
    const a = new FakePage('a');
    const b = new FakePage('b');
    const c = new FakePage('c');
    host.pageDidSayHello(a, true);
    host.pageDidSayHello(b, true);
    host.pageDidSayHello(c, true);
    const changes: unknown[] = [];
    host.onEvent('devicesChanged', (p) => changes.push(p));
    const lost = host.request('open', { sessionId: 's', iceServers: [] });
    host.pageDidClose(b);
    expect(changes).toEqual([]);
    host.pageDidClose(a);
    await expect(lost).rejects.toThrow('media open failed: media host disconnected');
    expect(changes).toEqual([{}]);
    void host.request('close', { sessionId: 's' }).catch(() => {});
    expect(c.requests.map((r) => r.method)).toEqual(['close']);
    expect(host.mediaPageCount).toBe(1);
  });

  it('a page saying hello again without mediaHost stops being one', async () => {
    const { host } = setup();
    const page = new FakePage('p');
    host.pageDidSayHello(page, true);
    host.pageDidSayHello(page, false);
    await expect(host.request('close', { sessionId: 's' })).rejects.toThrow('no media host connected');
  });

  it('times out after 15 s', async () => {
    const { host, clock } = setup();
    host.pageDidSayHello(new FakePage('p'), true);
    const outcome = host.request('setRinging', { ringing: false }).then(
      () => 'resolved',
      (e: Error) => e.message,
    );
    clock.advance(MEDIA_REQUEST_TIMEOUT_MS);
    await expect(outcome).resolves.toMatch(/timed out/);
  });

  it('accepts media events from media pages only', () => {
    const { host, drops } = setup();
    const media = new FakePage('m');
    const other = new FakePage('o');
    host.pageDidSayHello(media, true);
    host.pageDidSayHello(other, false);
    const seen: unknown[] = [];
    host.onEvent('firstAudio', (p) => seen.push(p));
    host.handleEvent(other, 'firstAudio', { sessionId: 's', at: 1 });
    host.handleEvent(media, 'firstAudio', { sessionId: 's', at: 2 });
    host.handleEvent(media, 'firstAudio', { sessionId: 's' });
    expect(seen).toEqual([{ sessionId: 's', at: 2 }]);
    expect(drops).toEqual(['not-a-media-host', 'invalid-event']);
  });
});
