/**
 * SipEngine connection policy against a scripted in-process registrar (a
 * WebSocket server on 127.0.0.1 that answers REGISTER as told), with a
 * manual clock for the backoff timers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import { SipEngine, type RegistrationState } from '../../../../src-main/core/features/calls/sip/sip-engine';
import { FakeMediaHost } from '../../../support/fake-media-host';
import { ManualClock } from '../../../support/manual-clock';

type Reply = 'challenge' | 'ok' | 'forbidden' | 'unavailable' | 'drop';

/** Answers each REGISTER with the next scripted reply ('ok' once the script is exhausted). */
class ScriptedRegistrar {
  readonly registers: string[] = [];
  private readonly sockets = new Set<WebSocket>();
  private constructor(
    private readonly server: WebSocketServer,
    private script: Reply[],
  ) {
    server.on('connection', (ws) => {
      this.sockets.add(ws);
      ws.on('close', () => this.sockets.delete(ws));
      ws.on('message', (data) => this.onMessage(ws, String(data)));
    });
  }

  static async start(script: Reply[]): Promise<ScriptedRegistrar> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'sip' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    return new ScriptedRegistrar(server, script);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  setScript(script: Reply[]): void {
    this.script = script;
  }

  /** Closes every client connection (a server restart as the client sees it). */
  dropClients(): void {
    for (const ws of this.sockets) ws.terminate();
  }

  async close(): Promise<void> {
    this.dropClients();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onMessage(ws: WebSocket, msg: string): void {
    if (!msg.startsWith('REGISTER ')) return;
    this.registers.push(msg);
    const reply = this.script.shift() ?? 'ok';
    if (reply === 'drop') {
      ws.terminate();
      return;
    }
    const header = (name: string): string[] =>
      msg
        .split('\r\n')
        .filter((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))
        .map((l) => l.slice(name.length + 1).trim());
    const base = [
      ...header('Via').map((v) => `Via: ${v};received=127.0.0.1`),
      `From: ${header('From')[0]}`,
      `To: ${header('To')[0]};tag=registrar`,
      `Call-ID: ${header('Call-ID')[0]}`,
      `CSeq: ${header('CSeq')[0]}`,
    ];
    const lines: Record<Exclude<Reply, 'drop'>, string[]> = {
      challenge: [
        'SIP/2.0 401 Unauthorized',
        ...base,
        'WWW-Authenticate: Digest realm="127.0.0.1", nonce="n1", algorithm=MD5, qop="auth"',
      ],
      ok: ['SIP/2.0 200 OK', ...base, `Contact: ${header('Contact')[0]}`],
      forbidden: ['SIP/2.0 403 Forbidden', ...base],
      unavailable: ['SIP/2.0 503 Service Unavailable', ...base],
    };
    ws.send([...lines[reply], 'Content-Length: 0', '', ''].join('\r\n'));
  }
}

async function waitFor(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('SipEngine connection policy', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  function engineFor(
    url: string,
    clock: ManualClock,
    password = 'secret',
  ): { engine: SipEngine; states: RegistrationState[] } {
    const engine = new SipEngine({
      wsUrl: url,
      domain: '127.0.0.1',
      user: '100',
      password,
      mediaHost: new FakeMediaHost(),
      iceServers: [],
      clock,
      random: () => 0.5,
      backoff: { baseMs: 1000, capMs: 4000 },
    });
    const states: RegistrationState[] = [];
    engine.onDidChangeRegistration((s) => states.push(s));
    cleanups.push(() => engine.stop());
    return { engine, states };
  }

  async function registrar(script: Reply[]): Promise<ScriptedRegistrar> {
    const r = await ScriptedRegistrar.start(script);
    cleanups.push(() => r.close());
    return r;
  }

  it('registers after a digest challenge', async () => {
    const r = await registrar(['challenge', 'ok']);
    const { engine, states } = engineFor(r.url, new ManualClock());
    expect(await engine.start()).toEqual({ status: 'registered' });
    expect(r.registers).toHaveLength(2);
    expect(r.registers[1]).toMatch(/^Authorization: Digest .*username="100"/m);
    expect(states.map((s) => s.status)).toEqual(['connecting', 'registered']);
  });

  it.each([
    ['challenge', 401],
    ['forbidden', 403],
  ] as const)('stops for good when the credentials are refused (%s)', async (second, code) => {
    const r = await registrar(['challenge', second, 'ok', 'ok']);
    const clock = new ManualClock();
    const { engine } = engineFor(r.url, clock, 'wrong');
    const s = await engine.start();
    expect(s.status).toBe('auth-failed');
    expect(s.detail).toContain(String(code));
    expect(clock.pending).toBe(0); // no retry scheduled
    clock.advance(10 * 60_000);
    await new Promise((res) => setTimeout(res, 100));
    expect(r.registers).toHaveLength(2);
    expect(engine.registration.status).toBe('auth-failed');
    // Losing the connection does not restart anything either.
    r.dropClients();
    await new Promise((res) => setTimeout(res, 100));
    expect(engine.registration.status).toBe('auth-failed');
    expect(clock.pending).toBe(0);
  });

  it('retries a registrar error with jittered backoff and resets the backoff once registered', async () => {
    const r = await registrar(['unavailable', 'unavailable', 'ok']);
    const clock = new ManualClock();
    const { engine } = engineFor(r.url, clock);
    const first = await engine.start();
    // random 0.5 × ceiling 1000 ms
    expect(first).toMatchObject({ status: 'unreachable', nextRetryAt: clock.now() + 500 });
    expect(first.detail).toMatch(/503/);
    clock.advance(499);
    await new Promise((res) => setTimeout(res, 50));
    expect(r.registers).toHaveLength(1);
    clock.advance(1);
    await waitFor('second REGISTER', () => r.registers.length === 2);
    await waitFor('second failure', () => engine.registration.nextRetryAt === clock.now() + 1000);
    clock.advance(1000);
    await waitFor('registered', () => engine.registration.status === 'registered');
    expect(r.registers).toHaveLength(3);

    // Connection lost: the backoff starts again from the base delay.
    r.setScript(['ok']);
    const before = clock.now();
    r.dropClients();
    await waitFor('unreachable', () => engine.registration.status === 'unreachable');
    expect(engine.registration.nextRetryAt).toBe(before + 500);
    clock.advance(500);
    await waitFor('registered again', () => engine.registration.status === 'registered');
    expect(r.registers).toHaveLength(4);
  });

  it('keeps retrying a server that is down, then registers when it answers', async () => {
    const r = await registrar([]);
    const url = r.url;
    await r.close();
    const clock = new ManualClock();
    const { engine, states } = engineFor(url, clock);
    const delays: number[] = [];
    engine.onDidChangeRegistration((s) => {
      if (s.nextRetryAt !== undefined) delays.push(s.nextRetryAt - clock.now());
    });
    expect((await engine.start()).status).toBe('unreachable');
    for (let i = 0; i < 4; i++) {
      const n = states.length;
      clock.advance(4000);
      await waitFor(`retry ${i + 1}`, () => states.length > n);
      expect(engine.registration.status).toBe('unreachable');
    }
    // Ceilings 1 s, 2 s, 4 s (cap), 4 s, 4 s with random 0.5.
    expect(delays).toEqual([500, 1000, 2000, 2000, 2000]);
    expect(() => engine.dial('101')).toThrow(/not registered/);
  });

  it('stop() un-registers and is final', async () => {
    const r = await registrar(['ok']);
    const { engine, states } = engineFor(r.url, new ManualClock());
    await engine.start();
    await engine.stop();
    expect(engine.registration.status).toBe('stopped');
    expect(r.registers.at(-1)).toMatch(/expires=0/);
    expect(states.map((s) => s.status)).toEqual(['connecting', 'registered', 'stopped']);
  });
});
