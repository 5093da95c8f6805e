import WebSocket from 'ws';
import { liveEventSchema, type LiveEvent } from '../../src-preload/contract/ipc-contract';

/** An authenticated WS /events connection of a test, recording its frames. */
export interface LiveEventsConnection {
  readonly socket: WebSocket;
  /** live events received after `ready` (pings included) */
  readonly events: LiveEvent[];
  /** resolves with the close code once the server (or the test) closed it */
  readonly closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

/** Why {@link openLiveEvents} failed: the server closed the socket before `ready`. */
export class LiveEventsRefused extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(`closed ${code} ${reason}`);
  }
}

/**
 * Opens WS /api/v1/events the way clients do: no token in the URL, the
 * `{type:"auth"}` frame first, then waits for `{type:"ready"}`. Rejects with
 * {@link LiveEventsRefused} when the server closes the socket instead.
 */
export function openLiveEvents(
  apiUrl: string,
  accessToken: string,
  options: { authFrame?: string } = {},
): Promise<LiveEventsConnection> {
  const socket = new WebSocket(`${apiUrl.replace(/^http/, 'ws')}/events`);
  const events: LiveEvent[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return new Promise((resolve, reject) => {
    let ready = false;
    socket.on('message', (data) => {
      const json = JSON.parse(String(data)) as { type?: unknown };
      if (!ready) {
        if (json.type !== 'ready') return reject(new Error(`expected ready, got ${String(data)}`));
        ready = true;
        return resolve({ socket, events, closed, close: () => socket.close() });
      }
      events.push(liveEventSchema.parse(json));
    });
    socket.once('open', () => socket.send(options.authFrame ?? JSON.stringify({ type: 'auth', accessToken })));
    socket.once('error', reject);
    void closed.then(({ code, reason }) => {
      if (!ready) reject(new LiveEventsRefused(code, reason));
    });
  });
}
