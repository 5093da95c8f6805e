import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pageFrameSchema, WEB_SHELL_WS_PATH } from '../../../src-preload/contract/web-protocol';
import {
  createWebSocketUc,
  WEB_SHELL_PATH,
  type SocketLike,
} from '../../../src-renderer/src/platform/bridge/web-socket-uc';

class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  readonly sent: Array<Record<string, unknown>> = [];
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {}
  send(data: string): void {
    const frame = JSON.parse(data) as Record<string, unknown>;
    // every frame the page sends must pass the shell's validation
    expect(pageFrameSchema.safeParse(frame).success, data).toBe(true);
    this.sent.push(frame);
  }
  close(): void {
    this.drop();
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop(): void {
    this.readyState = 3;
    this.onclose?.({});
  }
  receive(frame: unknown): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

describe('web socket UcApi', () => {
  let sockets: FakeSocket[];
  const make = () =>
    createWebSocketUc({
      url: 'ws://127.0.0.1:1/uc',
      protocols: ['switchboard.v1', 'switchboard.key.k1'],
      createSocket: (url, protocols) => {
        const s = new FakeSocket(url, protocols);
        sockets.push(s);
        return s;
      },
      minBackoffMs: 100,
      maxBackoffMs: 400,
      connectWaitMs: 1_000,
    });

  beforeEach(() => {
    sockets = [];
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('uses the contract path', () => {
    expect(WEB_SHELL_PATH).toBe(WEB_SHELL_WS_PATH);
  });

  it('offers the key subprotocols on every connection, reconnections included', async () => {
    make();
    sockets[0]!.open();
    sockets[0]!.drop();
    await vi.advanceTimersByTimeAsync(100);
    expect(sockets.map((s) => s.protocols)).toEqual([
      ['switchboard.v1', 'switchboard.key.k1'],
      ['switchboard.v1', 'switchboard.key.k1'],
    ]);
  });

  it('says hello, then matches results to invokes by id', async () => {
    const uc = make();
    const pending = uc.invoke('calls.dial', { target: '102' });
    expect(sockets[0]?.sent).toEqual([]);
    sockets[0]!.open();
    expect(sockets[0]!.sent[0]).toEqual({ t: 'hello', mediaHost: true });
    const invoke = sockets[0]!.sent[1]!;
    expect(invoke).toMatchObject({ t: 'invoke', channel: 'calls.dial', payload: { target: '102' } });
    sockets[0]!.receive({ t: 'result', id: 9999, result: { ok: true, value: { callId: 'wrong' } } });
    sockets[0]!.receive({ t: 'result', id: invoke.id, result: { ok: true, value: { callId: 'x1' } } });
    await expect(pending).resolves.toEqual({ ok: true, value: { callId: 'x1' } });
    uc.dispose();
  });

  it('dispatches events to subscribers until they unsubscribe', () => {
    const uc = make();
    sockets[0]!.open();
    const seen: unknown[] = [];
    const off = uc.on('calls.onDidChange', (calls) => seen.push(calls));
    sockets[0]!.receive({ t: 'event', channel: 'calls.onDidChange', payload: [] });
    sockets[0]!.receive({ t: 'event', channel: 'journal.onDidChange', payload: {} });
    off();
    sockets[0]!.receive({ t: 'event', channel: 'calls.onDidChange', payload: [] });
    expect(seen).toEqual([[]]);
    uc.dispose();
  });

  it('fails in-flight invokes on a drop and reconnects with bounded backoff', async () => {
    const uc = make();
    const states: boolean[] = [];
    uc.onDidChangeConnection((c) => states.push(c));
    sockets[0]!.open();
    const pending = uc.invoke('calls.list', {});
    sockets[0]!.drop();
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(uc.connected).toBe(false);
    // failing reconnects: 100, 200, 400, 400 ms (capped)
    for (const delay of [100, 200, 400, 400]) {
      const before = sockets.length;
      vi.advanceTimersByTime(delay - 1);
      expect(sockets.length).toBe(before);
      vi.advanceTimersByTime(1);
      expect(sockets.length).toBe(before + 1);
      sockets.at(-1)!.drop();
    }
    vi.advanceTimersByTime(400);
    const last = sockets.at(-1)!;
    last.open();
    expect(last.sent[0]).toEqual({ t: 'hello', mediaHost: true });
    expect(uc.connected).toBe(true);
    expect(states).toEqual([true, false, true]);
    uc.dispose();
  });

  it('fails an invoke that waited too long for a connection', async () => {
    const uc = make();
    const pending = uc.invoke('calls.list', {});
    vi.advanceTimersByTime(1_000);
    await expect(pending).resolves.toMatchObject({ ok: false });
    uc.dispose();
  });

  it('serves media requests (queued until the host registers) and emits media events', async () => {
    const uc = make();
    sockets[0]!.open();
    sockets[0]!.receive({ t: 'media-request', id: 1, method: 'setRinging', params: { ringing: true } });
    sockets[0]!.receive({ t: 'media-request', id: 2, method: 'close', params: { sessionId: 's' } });
    const seen: string[] = [];
    uc.media.onRequest(async (method) => {
      seen.push(method);
      if (method === 'close') throw new Error('boom');
      return undefined;
    });
    await vi.waitFor(() => expect(sockets[0]!.sent.filter((f) => f.t === 'media-response')).toHaveLength(2));
    expect(seen).toEqual(['setRinging', 'close']);
    expect(sockets[0]!.sent).toContainEqual({ t: 'media-response', id: 1, ok: true });
    expect(sockets[0]!.sent).toContainEqual({ t: 'media-response', id: 2, ok: false, error: 'boom' });
    uc.media.emit('firstAudio', { sessionId: 's', at: 5 });
    expect(sockets[0]!.sent.at(-1)).toEqual({
      t: 'media-event',
      event: 'firstAudio',
      payload: { sessionId: 's', at: 5 },
    });
    uc.dispose();
  });
});
