import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../../../src-preload/contract/ipc-contract';
import { UcConnection } from '../../../../src-main/core/platform/uc/uc-connection';
import { UcEventsClient, type EventsSocketState } from '../../../../src-main/core/platform/uc/uc-events-client';
import { UcServerClient } from '../../../../src-main/core/app/uc-server-client';
import { FakeUcServer } from '../../../support/fake-uc-server';

async function until(what: string, cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('UcEventsClient + UcConnection against a real WebSocket server', () => {
  let server: FakeUcServer;
  let client: UcServerClient;
  let events: UcEventsClient;
  let states: EventsSocketState[];
  let received: LiveEvent[];
  let warnings: string[];

  beforeEach(async () => {
    server = new FakeUcServer();
    await server.start();
    client = new UcServerClient({ apiUrl: server.apiUrl, timeoutMs: 1000 });
    await client.login({ user: '100', password: 'Welcome100!' });
    states = [];
    received = [];
    warnings = [];
    events = new UcEventsClient({
      eventsUrl: `${server.apiUrl.replace('http', 'ws')}/events`,
      accessToken: () => client.tokens?.accessToken,
      refreshToken: () => client.refresh(),
      backoff: { baseMs: 50, capMs: 200, minMs: 10 },
      idleTimeoutMs: 400,
      logger: (level, m) => {
        if (level === 'warn') warnings.push(m);
      },
    });
    events.onDidChangeState((s) => states.push(s));
    events.onDidReceive((e) => received.push(e));
  });

  afterEach(async () => {
    events.stop();
    await server.stop();
  });

  it('connects, delivers changed events, consumes pings, ignores malformed frames', async () => {
    events.start();
    await until('open', () => events.state === 'open');
    server.broadcast({ type: 'ping' });
    server.broadcast('not json');
    server.broadcast({ type: 'surprise' });
    server.broadcast({ type: 'changed', revision: 7 });
    await until('changed', () => received.length === 1);
    expect(received).toEqual([{ type: 'changed', revision: 7 }]);
    expect(warnings.some((w) => /not JSON/.test(w))).toBe(true);
    expect(warnings.some((w) => /unexpected frame/.test(w))).toBe(true);
  });

  it('pings keep the socket; silence longer than the idle timeout replaces it', async () => {
    events.start();
    await until('open', () => events.state === 'open');
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 150));
      server.broadcast({ type: 'ping' });
    }
    expect(states).toEqual(['connecting', 'open']);
    await until('reconnect after silence', () => states.filter((s) => s === 'open').length === 2, 3000);
    expect(warnings.some((w) => /no frame for 400 ms/.test(w))).toBe(true);
  });

  it('reconnects forever after the server goes away, and the connection goes offline then online', async () => {
    const connection = new UcConnection(client, events);
    const seen: string[] = [];
    connection.onDidChange((s) => seen.push(s));
    events.start();
    await until('open', () => events.state === 'open');
    await server.stop();
    await until('waiting', () => events.state === 'waiting');
    expect(connection.state).toBe('offline');
    expect(events.nextRetryAt).toBeGreaterThan(Date.now() - 1000);
    await new Promise((r) => setTimeout(r, 600)); // several failed attempts
    expect(states.filter((s) => s === 'connecting').length).toBeGreaterThan(2);
    await server.restart();
    await until('open again', () => events.state === 'open', 3000);
    expect(connection.state).toBe('online');
    expect(seen).toEqual(['offline', 'online']);
    connection.dispose();
  });

  it('sends the access token in its first frame, never in the URL', async () => {
    events.start();
    await until('open', () => events.state === 'open');
    expect(server.upgradeUrls).toEqual(['/api/v1/events']);
  });

  it('a session the server ended is renewed (refresh, else log in again) and the socket comes back', async () => {
    const renewing = new UcEventsClient({
      eventsUrl: `${server.apiUrl.replace('http', 'ws')}/events`,
      accessToken: () => client.tokens?.accessToken,
      // what AppCore's client does when the refresh token is revoked: log in again with the password it holds
      refreshToken: () => client.refresh().catch(() => client.login({ user: '100', password: 'Welcome100!' })),
      backoff: { baseMs: 50, capMs: 200, minMs: 10 },
    });
    renewing.start();
    await until('open', () => renewing.state === 'open');
    server.endSessions();
    await until('closed', () => renewing.state !== 'open');
    await until('open again', () => renewing.state === 'open', 3000);
    expect(server.requests.filter((r) => r === 'POST /auth/login')).toHaveLength(2);
    renewing.stop();
  });

  it('a session the server ended whose credentials are refused stops and reports it (logged out)', async () => {
    const ended: unknown[] = [];
    events.onDidEndSession((err) => ended.push(err));
    events.start();
    await until('open', () => events.state === 'open');
    server.endSessions(); // e.g. the password was changed on another device: the refresh token is revoked
    await until('session ended', () => ended.length === 1, 3000);
    expect(events.state).toBe('stopped');
    expect(ended[0]).toMatchObject({ status: 401 });
    await new Promise((r) => setTimeout(r, 300));
    expect(server.upgradeUrls).toHaveLength(1); // no reconnection loop
  });

  it('a refused token (4401) is refreshed and the socket comes back', async () => {
    server.expireAccessTokens();
    events.start();
    await until('open with a refreshed token', () => events.state === 'open', 3000);
    expect(server.requests).toContain('POST /auth/refresh');
  });

  it('an HTTP reply while waiting reconnects at once', async () => {
    const slow = new UcEventsClient({
      eventsUrl: `${server.apiUrl.replace('http', 'ws')}/events`,
      accessToken: () => client.tokens?.accessToken,
      backoff: { baseMs: 60_000, capMs: 60_000, minMs: 60_000 },
    });
    const connection = new UcConnection(client, slow);
    slow.start();
    await until('open', () => slow.state === 'open');
    await server.stop();
    await until('waiting', () => slow.state === 'waiting');
    await server.restart();
    await client.me(); // the HTTP side sees the server: no need to wait a minute
    await until('open again', () => slow.state === 'open', 2000);
    expect(connection.state).toBe('online');
    connection.dispose();
    slow.stop();
  });

  it('stop() ends reconnection for good', async () => {
    events.start();
    await until('open', () => events.state === 'open');
    events.stop();
    await server.stop();
    await new Promise((r) => setTimeout(r, 300));
    expect(events.state).toBe('stopped');
    expect(states.at(-1)).toBe('stopped');
  });
});
