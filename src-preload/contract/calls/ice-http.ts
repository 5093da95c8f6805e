import { z } from 'zod';
import { iceServerConfigSchema } from '../session/session-http';

/**
 * GET /api/v1/me/ice-servers (SPEC F5, issue #15): the STUN/TURN servers for the caller's calls,
 * with TURN credentials minted for them (TURN REST API: user name `expiry:user`, password
 * base64(HMAC-SHA1(secret, user name))), valid until `expiresAt` (epoch ms; null when no server
 * needs credentials). The client asks again before that moment; login provisioning carries the same.
 */
export const ICE_SERVERS_PATH = '/me/ice-servers';

export const iceServersResponseSchema = z.object({
  iceServers: z.array(iceServerConfigSchema),
  expiresAt: z.number().int().nullable(),
});
export type IceServersResponse = z.infer<typeof iceServersResponseSchema>;
