import type { IceServersResponse } from '../../../../src-preload/contract/calls/ice-http';
import type { ServerContext } from '../../platform/server-context';
import { turnRestCredentials } from './turn-credentials';

/**
 * The STUN/TURN servers for `user`'s calls (SPEC F5): the configured static ones, then the TURN
 * servers of `--turn-urls` with credentials minted now for this user (never one password shared by
 * everyone), valid for `--turn-ttl-s`.
 */
export function iceServersFor(ctx: Pick<ServerContext, 'config' | 'clock'>, user: string): IceServersResponse {
  const turn = ctx.config.turn;
  if (turn === undefined) return { iceServers: [...ctx.config.iceServers], expiresAt: null };
  const credentials = turnRestCredentials(turn.secret, user, ctx.clock.now(), turn.ttlS);
  return {
    iceServers: [
      ...ctx.config.iceServers,
      { urls: [...turn.urls], username: credentials.username, credential: credentials.credential },
    ],
    expiresAt: credentials.expiresAt,
  };
}
