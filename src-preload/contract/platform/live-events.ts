/**
 * The envelope of the UC server's live events (WS /api/v1/events): JSON
 * frames `{ type, … }`, one discriminated union. Each domain defines its own
 * frames next to its HTTP wire types; `ipc-contract.ts` composes them into
 * `liveEventSchema`. The keep-alive frame belongs to no domain.
 */
import { z } from 'zod';

/** Sent every 25 s, so proxies keep the connection and clients notice a dead one. */
export const pingEventSchema = z.object({ type: z.literal('ping') });

/**
 * The first frame a client sends on WS /events: the access token travels in
 * the socket, never in the URL (URLs end up in proxy and server logs). The
 * server closes a socket that does not send it within a few seconds.
 */
export const liveEventsAuthFrameSchema = z.strictObject({
  type: z.literal('auth'),
  accessToken: z.string().min(1).max(4096),
});
export type LiveEventsAuthFrame = z.infer<typeof liveEventsAuthFrameSchema>;

/** The server's answer to a valid auth frame: from now on the socket carries live events. */
export const liveEventsReadyFrameSchema = z.object({ type: z.literal('ready') });

/**
 * Close codes of WS /events (RFC 6455 §7.4.2: 4000–4999 are for applications;
 * 44xx mirror the HTTP status they mean).
 */
export const LIVE_EVENTS_CLOSE = {
  /** the auth frame is malformed or its token invalid or expired: refresh the token, then reconnect */
  unauthorized: 4401,
  /** the token only allows the password change (SPEC A2) */
  passwordChangeRequired: 4403,
  /** no auth frame in time */
  authTimeout: 4408,
  /**
   * the session ended: logged out, refresh token reused (theft), password
   * changed or reset. The access token is no longer accepted here: the client
   * must obtain a new session (refresh, which fails, then log in again) or
   * show that it is logged out.
   */
  sessionEnded: 4410,
  /** the account opened more sockets than the server allows: this one (the oldest) was closed */
  replaced: 4429,
} as const;
export type LiveEventsCloseCode = (typeof LIVE_EVENTS_CLOSE)[keyof typeof LIVE_EVENTS_CLOSE];
