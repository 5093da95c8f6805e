import { describe, expect, it } from 'vitest';
import {
  IPC_MEDIA_EVENT,
  IPC_MEDIA_REQUEST,
  IPC_MEDIA_RESPONSE,
  type MediaEvents,
} from '../../../src-preload/contract/media-contract';
import type { IpcEventLike, SendTargetLike } from '../../../src-main/shell/ipc-bridge';
import { MediaWindowHost, type IpcMainOnLike } from '../../../src-main/shell/media-window-host';
import { MEDIA_REQUEST_TIMEOUT_MS } from '../../../src-main/core/platform/media/media-request-broker';
import { ManualClock } from '../../support/manual-clock';

const MEDIA = 'file:///app/out/renderer/media.html';

type Listener = (event: IpcEventLike, ...args: unknown[]) => void;

class FakeIpcMain implements IpcMainOnLike {
  readonly listeners = new Map<string, Set<Listener>>();
  on(channel: string, listener: Listener): this {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)!.add(listener);
    return this;
  }
  removeListener(channel: string, listener: Listener): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }
  /** What `ipcRenderer.send(channel, ...args)` from `event` would trigger. */
  emit(channel: string, event: IpcEventLike, ...args: unknown[]): void {
    for (const listener of [...(this.listeners.get(channel) ?? [])]) listener(event, ...args);
  }
  count(channel: string): number {
    return this.listeners.get(channel)?.size ?? 0;
  }
}

class FakeMediaContents implements SendTargetLike {
  readonly requests: Array<{ id: number; method: string; params: unknown }> = [];
  destroyed = false;
  constructor(readonly id: number) {}
  send(channel: string, ...args: unknown[]): void {
    if (channel !== IPC_MEDIA_REQUEST) throw new Error(`unexpected channel ${channel}`);
    this.requests.push(args[0] as { id: number; method: string; params: unknown });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

const fromMedia = (id = 5, url = MEDIA): IpcEventLike => ({ sender: { id }, senderFrame: { url, parent: null } });
const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

function setup(options: { ready?: boolean } = {}) {
  const ipcMain = new FakeIpcMain();
  const contents = new FakeMediaContents(5);
  const clock = new ManualClock(0);
  const drops: string[] = [];
  let markReady: () => void = () => {};
  const whenReady = options.ready === false ? new Promise<void>((r) => (markReady = r)) : Promise.resolve();
  const host = new MediaWindowHost({
    ipcMain,
    mediaContents: contents,
    isMediaUrl: (url) => url.split('?')[0] === MEDIA,
    whenReady,
    clock,
    onDrop: (reason) => drops.push(reason),
  });
  return { ipcMain, contents, clock, host, drops, markReady };
}

describe('MediaWindowHost', () => {
  it('sends a validated request to the media window and resolves with the matching response', async () => {
    const { ipcMain, contents, host } = setup();
    const offer = host.request('createOffer', { sessionId: 's1', hold: false });
    const open = host.request('open', { sessionId: 's2', iceServers: [] });
    await flush();
    expect(contents.requests.map((r) => r.method)).toEqual(['createOffer', 'open']);
    const [offerReq, openReq] = contents.requests;
    expect(offerReq!.params).toEqual({ sessionId: 's1', hold: false });
    // answered out of order: matched by id
    ipcMain.emit(IPC_MEDIA_RESPONSE, fromMedia(), { id: openReq!.id, ok: true });
    ipcMain.emit(IPC_MEDIA_RESPONSE, fromMedia(), { id: offerReq!.id, ok: true, value: { sdp: 'v=0\r\n' } });
    await expect(offer).resolves.toEqual({ sdp: 'v=0\r\n' });
    await expect(open).resolves.toBeUndefined();
    expect(host.pendingCount).toBe(0);
  });

  it('rejects invalid params before sending anything', async () => {
    const { contents, host } = setup();
    await expect(
      host.request('sendDtmf', { sessionId: 's', tones: 'xyz', duration: 100, interToneGap: 50 }),
    ).rejects.toThrow(/invalid params for media sendDtmf/);
    await expect(
      host.request('close', { sessionId: 's', extra: 1 } as unknown as { sessionId: string }),
    ).rejects.toThrow(/invalid params/);
    await flush();
    expect(contents.requests).toEqual([]);
  });

  it('ignores responses from another sender or another page, and unknown ids', async () => {
    const { ipcMain, contents, host, drops } = setup();
    const pending = host.request('setMuted', { sessionId: 's', muted: true });
    await flush();
    const id = contents.requests[0]!.id;
    ipcMain.emit(IPC_MEDIA_RESPONSE, fromMedia(9), { id, ok: false, error: 'spoofed' });
    ipcMain.emit(IPC_MEDIA_RESPONSE, fromMedia(5, 'https://evil.example/media.html'), { id, ok: false, error: 'x' });
    ipcMain.emit(IPC_MEDIA_RESPONSE, fromMedia(), { id: id + 100, ok: true });
    ipcMain.emit(IPC_MEDIA_RESPONSE, fromMedia(), 'garbage');
    expect(drops).toEqual(['forbidden-sender', 'forbidden-sender', 'unknown-id', 'malformed']);
    expect(host.pendingCount).toBe(1);
    ipcMain.emit(IPC_MEDIA_RESPONSE, fromMedia(), { id, ok: true });
    await expect(pending).resolves.toBeUndefined();
  });

  it('rejects with the page error, or when the result has the wrong shape', async () => {
    const { ipcMain, contents, host } = setup();
    const failing = host.request('createAnswer', { sessionId: 's', hold: false });
    const wrong = host.request('sendDtmf', { sessionId: 's', tones: '12', duration: 100, interToneGap: 70 });
    await flush();
    const [a, b] = contents.requests;
    ipcMain.emit(IPC_MEDIA_RESPONSE, fromMedia(), { id: a!.id, ok: false, error: 'no remote description' });
    ipcMain.emit(IPC_MEDIA_RESPONSE, fromMedia(), { id: b!.id, ok: true, value: 'yes' });
    await expect(failing).rejects.toThrow('media createAnswer failed: no remote description');
    await expect(wrong).rejects.toThrow(/sendDtmf returned an invalid result/);
  });

  it('times out after 15 s', async () => {
    const { clock, host } = setup();
    const pending = host.request('setRinging', { ringing: true });
    const outcome = pending.then(
      () => 'resolved',
      (e: Error) => e.message,
    );
    await flush();
    clock.advance(MEDIA_REQUEST_TIMEOUT_MS - 1);
    expect(host.pendingCount).toBe(1);
    clock.advance(1);
    await expect(outcome).resolves.toBe(`media setRinging timed out after ${MEDIA_REQUEST_TIMEOUT_MS} ms`);
    expect(host.pendingCount).toBe(0);
  });

  it('waits for media.html to load before sending', async () => {
    const { contents, host, markReady } = setup({ ready: false });
    const pending = host.request('close', { sessionId: 's' });
    await flush();
    expect(contents.requests).toEqual([]);
    markReady();
    await flush();
    expect(contents.requests.map((r) => r.method)).toEqual(['close']);
    host.failPending('renderer crashed');
    await expect(pending).rejects.toThrow('media close failed: renderer crashed');
  });

  it('fails a request when the media window is gone', async () => {
    const { contents, host } = setup();
    contents.destroyed = true;
    await expect(host.request('close', { sessionId: 's' })).rejects.toThrow('media window is gone');
  });

  it('delivers valid media events from the media window only', () => {
    const { ipcMain, host, drops } = setup();
    const seen: Array<MediaEvents['connectionState']> = [];
    const off = host.onEvent('connectionState', (p) => seen.push(p));
    ipcMain.emit(IPC_MEDIA_EVENT, fromMedia(), {
      event: 'connectionState',
      payload: { sessionId: 's', state: 'connected' },
    });
    ipcMain.emit(IPC_MEDIA_EVENT, fromMedia(8), {
      event: 'connectionState',
      payload: { sessionId: 's', state: 'failed' },
    });
    ipcMain.emit(IPC_MEDIA_EVENT, fromMedia(), {
      event: 'connectionState',
      payload: { sessionId: 's', state: 'weird' },
    });
    ipcMain.emit(IPC_MEDIA_EVENT, fromMedia(), { event: 'nope', payload: {} });
    expect(seen).toEqual([{ sessionId: 's', state: 'connected' }]);
    expect(drops).toEqual(['forbidden-sender', 'invalid-event', 'unknown-event']);
    off();
    ipcMain.emit(IPC_MEDIA_EVENT, fromMedia(), {
      event: 'connectionState',
      payload: { sessionId: 's', state: 'closed' },
    });
    expect(seen).toHaveLength(1);
  });

  it('dispose removes its IPC listeners and rejects what is pending', async () => {
    const { ipcMain, host } = setup();
    const pending = host.request('close', { sessionId: 's' });
    expect(ipcMain.count(IPC_MEDIA_RESPONSE)).toBe(1);
    expect(ipcMain.count(IPC_MEDIA_EVENT)).toBe(1);
    host.dispose();
    expect(ipcMain.count(IPC_MEDIA_RESPONSE)).toBe(0);
    expect(ipcMain.count(IPC_MEDIA_EVENT)).toBe(0);
    await expect(pending).rejects.toThrow('media window host disposed');
    await expect(host.request('close', { sessionId: 's' })).rejects.toThrow(/disposed/);
  });
});
