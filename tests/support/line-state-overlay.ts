/**
 * Lays chosen busy-lamp line states (SPEC B4 `PresenceOf.line`) over the
 * real presences a web-shell page receives, for renderer e2e tests that must
 * show every lamp — ringing from an external caller, unregistered — without
 * staging each one with SIP clients. Everything else on the page's WebSocket
 * (`/uc`) passes through untouched: the page still runs against the real
 * engine, UC server and Kamailio. A number without an override shows what
 * the UC server says.
 *
 * Playwright's `routeWebSocket` only sees sockets opened after it is set, so
 * {@link overlayLineStates} reloads the page (the web shell keeps the session;
 * calls do not survive a reload, so call it before any).
 */
import type { Page } from 'playwright-core';
import type { LineState, PresenceOf } from '../../src-preload/contract/presence';

export interface LineStateOverlay {
  /** Shows `line` for `number` from now on (undefined: the server's own again), pushed to the page at once. */
  set(number: string, line: LineState | undefined): void;
}

interface Frame {
  t?: string;
  id?: number;
  channel?: string;
  payload?: unknown;
  result?: { ok: boolean; value?: unknown };
}

export async function overlayLineStates(page: Page): Promise<LineStateOverlay> {
  const overrides = new Map<string, LineState>();
  /** the last presence the page got from the engine, by number */
  const known = new Map<string, PresenceOf>();
  const watchIds = new Set<number>();
  let toPage: ((frame: Frame) => void) | undefined;

  const apply = (p: PresenceOf): PresenceOf => {
    known.set(p.number, p);
    const line = overrides.get(p.number);
    return line === undefined || !p.visible ? p : { ...p, line };
  };

  await page.routeWebSocket(/\/uc$/, (ws) => {
    const server = ws.connectToServer();
    toPage = (frame) => ws.send(JSON.stringify(frame));
    ws.onMessage((message) => {
      if (typeof message === 'string') {
        const frame = JSON.parse(message) as Frame;
        if (frame.t === 'invoke' && frame.channel === 'presence.watch' && frame.id !== undefined)
          watchIds.add(frame.id);
      }
      server.send(message);
    });
    server.onMessage((message) => {
      if (typeof message !== 'string') return ws.send(message);
      const frame = JSON.parse(message) as Frame;
      if (frame.t === 'result' && frame.id !== undefined && watchIds.delete(frame.id) && frame.result?.ok) {
        frame.result.value = (frame.result.value as PresenceOf[]).map(apply);
      } else if (frame.t === 'event' && frame.channel === 'presence.onDidChangeOthers') {
        const change = frame.payload as { presences: PresenceOf[] };
        change.presences = change.presences.map(apply);
      } else return ws.send(message);
      ws.send(JSON.stringify(frame));
    });
  });
  await page.reload();

  return {
    set(number, line) {
      if (line === undefined) overrides.delete(number);
      else overrides.set(number, line);
      const presence = known.get(number);
      if (presence === undefined || toPage === undefined) return;
      const shown = line === undefined || !presence.visible ? presence : { ...presence, line };
      toPage({ t: 'event', channel: 'presence.onDidChangeOthers', payload: { presences: [shown] } });
    },
  };
}
