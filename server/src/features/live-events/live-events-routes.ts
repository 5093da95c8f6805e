import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import {
  LIVE_EVENTS_CLOSE,
  liveEventsAuthFrameSchema,
  type LiveEventsCloseCode,
} from '../../../../src-preload/contract/platform';
import { authenticateToken, type AuthenticatedAccount } from '../../platform/auth/authenticate';
import { ApiHttpError } from '../../platform/http/api-http-error';
import type { ServerContext } from '../../platform/server-context';
import { openSessions } from '../auth';
import { LiveEventsHub } from './live-events-hub';

/** Options of {@link registerLiveEventsRoutes} (tests shorten the timers). */
export interface LiveEventsRoutesOptions {
  pingIntervalMs?: number;
  pollIntervalMs?: number;
}

/** Why a socket could not authenticate: its close code and reason. */
class SocketRefusal {
  constructor(
    readonly code: LiveEventsCloseCode,
    readonly reason: string,
  ) {}
}

/**
 * WS /api/v1/events. The upgrade itself is anonymous; the client's first
 * frame `{type:"auth", accessToken}` authenticates the socket (the token never
 * appears in a URL, hence in no access log), the server answers
 * `{type:"ready"}` and from then on pushes the account's live events. A
 * socket that sends no valid auth frame within `liveEvents.authTimeoutMs` is
 * closed; one whose session (refresh-token family) ends is closed at once.
 */
export async function registerLiveEventsRoutes(
  api: FastifyInstance,
  ctx: ServerContext,
  options: LiveEventsRoutesOptions = {},
): Promise<void> {
  const limits = ctx.config.liveEvents;
  const hub = new LiveEventsHub({
    db: ctx.db,
    changes: ctx.changes,
    maxSocketsPerAccount: limits.maxSocketsPerAccount,
    sessionSweepMs: limits.sessionSweepMs,
    openSessions: (familyIds) => openSessions(ctx, familyIds),
    ...options,
  });
  await hub.start();
  api.addHook('onClose', async () => hub.stop());

  /** The account and session of an auth frame, or the refusal to close the socket with. */
  async function authenticateFrame(data: unknown): Promise<AuthenticatedAccount & { familyId: string }> {
    let json: unknown;
    try {
      json = JSON.parse(String(data));
    } catch {
      throw new SocketRefusal(
        LIVE_EVENTS_CLOSE.unauthorized,
        'the first frame must be {"type":"auth","accessToken":…}',
      );
    }
    const frame = liveEventsAuthFrameSchema.safeParse(json);
    if (!frame.success)
      throw new SocketRefusal(
        LIVE_EVENTS_CLOSE.unauthorized,
        'the first frame must be {"type":"auth","accessToken":…}',
      );
    let account: AuthenticatedAccount;
    try {
      account = authenticateToken(frame.data.accessToken, ctx);
    } catch (error) {
      if (error instanceof ApiHttpError && error.code === 'password-change-required')
        throw new SocketRefusal(LIVE_EVENTS_CLOSE.passwordChangeRequired, 'the password must be changed first');
      throw new SocketRefusal(LIVE_EVENTS_CLOSE.unauthorized, 'invalid or expired access token');
    }
    // a token without its session cannot be tied to a logout: refresh it (tokens issued before sessions were carried)
    const familyId = account.familyId;
    if (familyId === undefined) throw new SocketRefusal(LIVE_EVENTS_CLOSE.unauthorized, 'access token without session');
    if (!(await openSessions(ctx, [familyId])).has(familyId))
      throw new SocketRefusal(LIVE_EVENTS_CLOSE.sessionEnded, 'session ended');
    return { ...account, familyId };
  }

  api.get(
    '/events',
    {
      websocket: true,
      schema: {
        summary:
          'Live events (WebSocket): send {type:"auth", accessToken} first; then {type:"ready"}, {type:"changed", revision}, … and {type:"ping"}',
        tags: ['sync'],
      },
    },
    (socket: WebSocket) => {
      let settled = false;
      const refuse = (refusal: SocketRefusal): void => {
        settled = true;
        socket.close(refusal.code, refusal.reason);
      };
      const timer = setTimeout(() => {
        if (!settled) refuse(new SocketRefusal(LIVE_EVENTS_CLOSE.authTimeout, 'no auth frame in time'));
      }, limits.authTimeoutMs);
      timer.unref();
      socket.on('close', () => clearTimeout(timer));
      // listeners are attached synchronously: no frame is missed (@fastify/websocket README)
      socket.once('message', (data) => {
        if (settled) return;
        clearTimeout(timer);
        authenticateFrame(data).then(
          (account) => {
            if (settled || socket.readyState !== socket.OPEN) return;
            settled = true;
            hub.add(account.accountId, socket, account.familyId);
            socket.send(JSON.stringify({ type: 'ready' }));
          },
          (error: unknown) => {
            if (error instanceof SocketRefusal) return refuse(error);
            console.error('live events: authentication failed:', error);
            refuse(new SocketRefusal(LIVE_EVENTS_CLOSE.unauthorized, 'authentication failed'));
          },
        );
      });
    },
  );
}
