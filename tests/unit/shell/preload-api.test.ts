import { describe, expect, it } from 'vitest';
import { createUcApi, IPC_EVENT, IPC_INVOKE, type IpcRendererInvokeLike } from '../../../src-preload/uc-api';
import {
  createMediaHostChannel,
  IPC_MEDIA_EVENT,
  IPC_MEDIA_REQUEST,
  IPC_MEDIA_RESPONSE,
  MAX_QUEUED_MEDIA_REQUESTS,
  type IpcRendererSendLike,
} from '../../../src-preload/media-host-channel';
import * as ipcContract from '../../../src-preload/contract/ipc-contract';
import { DEFAULT_SETTINGS } from '../../../src-preload/contract/ipc-contract';
import * as mediaContract from '../../../src-preload/contract/media-contract';
import type { EventPayloads, InvokeChannel } from '../../../src-preload/contract/ipc-contract';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** ipcRenderer stand-in: records invokes/sends, lets the test deliver messages from main. */
class FakeIpcRenderer implements IpcRendererInvokeLike, IpcRendererSendLike {
  readonly invoked: unknown[][] = [];
  readonly sent: unknown[][] = [];
  readonly listeners = new Map<string, Set<Listener>>();
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push([channel, ...args]);
    return { ok: true, value: 'from-main' };
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  on(channel: string, listener: Listener): this {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)!.add(listener);
    return this;
  }
  removeListener(channel: string, listener: Listener): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }
  deliver(channel: string, ...args: unknown[]): void {
    const event = { sender: 'the-ipc-event-object' };
    for (const listener of [...(this.listeners.get(channel) ?? [])]) listener(event, ...args);
  }
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('preload constants match the contract', () => {
  it('uses the same IPC channel names', () => {
    expect(IPC_INVOKE).toBe(ipcContract.IPC_INVOKE);
    expect(IPC_EVENT).toBe(ipcContract.IPC_EVENT);
    expect(IPC_MEDIA_REQUEST).toBe(mediaContract.IPC_MEDIA_REQUEST);
    expect(IPC_MEDIA_RESPONSE).toBe(mediaContract.IPC_MEDIA_RESPONSE);
    expect(IPC_MEDIA_EVENT).toBe(mediaContract.IPC_MEDIA_EVENT);
  });
});

describe('createUcApi (window.uc)', () => {
  it('forwards every contract channel to IPC_INVOKE', async () => {
    const ipc = new FakeIpcRenderer();
    const uc = createUcApi(ipc);
    for (const channel of ipcContract.invokeChannels) {
      await uc.invoke(channel, {} as never);
    }
    expect(ipc.invoked.map((c) => c[1])).toEqual(ipcContract.invokeChannels);
    expect(ipc.invoked.every((c) => c[0] === IPC_INVOKE)).toBe(true);
    await expect(uc.invoke('calls.dial', { target: '102' })).resolves.toEqual({ ok: true, value: 'from-main' });
    expect(ipc.invoked.at(-1)).toEqual([IPC_INVOKE, 'calls.dial', { target: '102' }]);
  });

  it('refuses channels outside the contract without touching IPC', async () => {
    const ipc = new FakeIpcRenderer();
    const uc = createUcApi(ipc);
    for (const bad of ['fs.read', '__proto__', 'constructor', 'toString']) {
      await expect(uc.invoke(bad as InvokeChannel, {} as never)).resolves.toMatchObject({
        ok: false,
        error: { code: 'unknown-channel' },
      });
    }
    expect(ipc.invoked).toEqual([]);
  });

  it('delivers only the payload of the subscribed event channel, and unsubscribes', () => {
    const ipc = new FakeIpcRenderer();
    const uc = createUcApi(ipc);
    const seen: unknown[][] = [];
    const off = uc.on('settings.onDidChange', (...args: unknown[]) => seen.push(args));
    ipc.deliver(IPC_EVENT, 'settings.onDidChange', {
      ...DEFAULT_SETTINGS,
      language: 'fr',
    } satisfies EventPayloads['settings.onDidChange']);
    ipc.deliver(IPC_EVENT, 'calls.onDidChange', []);
    expect(seen).toEqual([[{ ...DEFAULT_SETTINGS, language: 'fr' }]]);
    off();
    ipc.deliver(IPC_EVENT, 'settings.onDidChange', { ...DEFAULT_SETTINGS, language: 'en' });
    expect(seen).toHaveLength(1);
    expect(ipc.listeners.get(IPC_EVENT)?.size).toBe(0);
  });

  it('refuses unknown event channels and non-function listeners', () => {
    const uc = createUcApi(new FakeIpcRenderer());
    expect(() => uc.on('fs.watch' as 'calls.onDidChange', () => {})).toThrow(/unknown event channel/);
    expect(() => uc.on('calls.onDidChange', 'x' as unknown as () => void)).toThrow(/function/);
  });
});

describe('createMediaHostChannel (window.ucMedia)', () => {
  it('queues requests until the page registers, then answers each by id', async () => {
    const ipc = new FakeIpcRenderer();
    const channel = createMediaHostChannel(ipc);
    ipc.deliver(IPC_MEDIA_REQUEST, { id: 1, method: 'createOffer', params: { sessionId: 's', hold: false } });
    expect(ipc.sent).toEqual([]);
    channel.onRequest(async (method, params) => {
      if (method === 'createOffer') return { sdp: `offer-for-${(params as { sessionId: string }).sessionId}` };
      throw new Error(`cannot ${method}`);
    });
    ipc.deliver(IPC_MEDIA_REQUEST, { id: 2, method: 'close', params: { sessionId: 's' } });
    await flush();
    expect(ipc.sent).toEqual([
      [IPC_MEDIA_RESPONSE, { id: 1, ok: true, value: { sdp: 'offer-for-s' } }],
      [IPC_MEDIA_RESPONSE, { id: 2, ok: false, error: 'cannot close' }],
    ]);
  });

  it('answers a synchronous throw as a failure too', async () => {
    const ipc = new FakeIpcRenderer();
    createMediaHostChannel(ipc).onRequest(() => {
      throw new Error('boom');
    });
    ipc.deliver(IPC_MEDIA_REQUEST, { id: 3, method: 'open', params: {} });
    await flush();
    expect(ipc.sent).toEqual([[IPC_MEDIA_RESPONSE, { id: 3, ok: false, error: 'boom' }]]);
  });

  it('ignores malformed requests and bounds the queue', async () => {
    const ipc = new FakeIpcRenderer();
    createMediaHostChannel(ipc);
    ipc.deliver(IPC_MEDIA_REQUEST, { id: 'x', method: 'open' });
    ipc.deliver(IPC_MEDIA_REQUEST, { id: 4, method: 'rm -rf' });
    ipc.deliver(IPC_MEDIA_REQUEST, null);
    expect(ipc.sent).toEqual([]);
    for (let i = 0; i < MAX_QUEUED_MEDIA_REQUESTS + 2; i++) {
      ipc.deliver(IPC_MEDIA_REQUEST, { id: 100 + i, method: 'close', params: { sessionId: 's' } });
    }
    expect(ipc.sent).toHaveLength(2);
    expect(ipc.sent[0]).toEqual([
      IPC_MEDIA_RESPONSE,
      { id: 100 + MAX_QUEUED_MEDIA_REQUESTS, ok: false, error: 'media page not ready' },
    ]);
  });

  it('emits media events and refuses unknown ones', () => {
    const ipc = new FakeIpcRenderer();
    const channel = createMediaHostChannel(ipc);
    channel.emit('firstAudio', { sessionId: 's', at: 12 });
    expect(ipc.sent).toEqual([[IPC_MEDIA_EVENT, { event: 'firstAudio', payload: { sessionId: 's', at: 12 } }]]);
    expect(() => channel.emit('nope' as 'firstAudio', { sessionId: 's', at: 1 })).toThrow(/unknown media event/);
  });
});
