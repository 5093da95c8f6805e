import { WebSocket as NodeWebSocket } from 'ws';

/**
 * sip.js's transport calls `new WebSocket(url, "sip")` (RFC 7118). Node 20
 * has no global WebSocket, so the `ws` implementation is installed once, here
 * and nowhere else. A runtime that already has one (Electron main with a
 * newer Node, a browser) keeps its own.
 */
export function ensureWebSocket(): void {
  const g = globalThis as { WebSocket?: unknown };
  if (typeof g.WebSocket === 'undefined') g.WebSocket = NodeWebSocket;
}
