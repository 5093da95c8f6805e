/**
 * The UC server's auth routes (HTTP API v1, SPEC A1–A2):
 *
 *   POST   /auth/login            LoginRequest -> LoginResponse | 401 | 429
 *   POST   /auth/refresh          RefreshRequest -> TokenPair | 401
 *   POST   /auth/logout           RefreshRequest -> 204 (revokes the refresh token)
 *   POST   /auth/password         ChangePasswordRequest -> ChangePasswordResponse | 400 | 401
 *   GET    /me                    -> MeResponse
 *
 * Authorization: `Authorization: Bearer <accessToken>` on everything but
 * /auth/login, /auth/refresh, /auth/logout and /openapi.json.
 */
import { z } from 'zod';
import { provisionedDialPlanSchema } from '../calls/dial-scope';

export const loginRequestSchema = z.strictObject({
  /** internal number, e.g. "100" */
  user: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
  /** shown in the user's session list, e.g. "Switchboard on PC-42" */
  deviceName: z.string().max(128).optional(),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const tokenPairSchema = z.object({
  accessToken: z.string().min(1),
  /** epoch ms */
  accessExpiresAt: z.number().int(),
  refreshToken: z.string().min(1),
});
export type TokenPair = z.infer<typeof tokenPairSchema>;

export const iceServerConfigSchema = z.object({
  urls: z.union([z.string(), z.array(z.string())]),
  username: z.string().optional(),
  credential: z.string().optional(),
});

/** What the client needs to reach the SIP side (SPEC A1: the SIP WebSocket URL comes from the server). */
export const provisioningSchema = z.object({
  sipWsUrl: z.string().min(1),
  sipDomain: z.string().min(1),
  /** SIP user (= internal number) */
  sipUser: z.string().min(1),
  /** SIP digest password: a random secret of the account, not its password; rotated with every password change */
  sipPassword: z.string().min(1).max(128),
  iceServers: z.array(iceServerConfigSchema),
  /**
   * SPEC G: the dial strings that are emergency numbers on this server (its dial plan: "112", "15"…
   * and with the outside prefix, "0112"…): the app dials them itself at once, whatever the dial mode
   * (no round trip to ask). Absent from servers that predate it: the server's answer to
   * `POST /me/calls/place` still says so.
   */
  emergencyNumbers: z
    .array(z.string().regex(/^\d{1,12}$/))
    .max(64)
    .optional(),
  /**
   * SPEC C5: the outside prefix and country of the server's dial plan, for "internal or external?"
   * ({@link isAmbiguousDialTarget}). Absent from servers that predate it: nothing is asked.
   */
  dialPlan: provisionedDialPlanSchema.optional(),
});
export type Provisioning = z.infer<typeof provisioningSchema>;

export const accountInfoSchema = z.object({
  number: z.string(),
  displayName: z.string(),
  email: z.string().optional(),
});
export type AccountInfo = z.infer<typeof accountInfoSchema>;

export const loginResponseSchema = tokenPairSchema.extend({
  account: accountInfoSchema,
  /** true: the access token only allows POST /auth/password until the password is changed */
  mustChangePassword: z.boolean(),
  /** failed attempts since the last successful login (shown once to the user) */
  failedAttempts: z.object({ count: z.number().int().nonnegative(), lastAt: z.number().int().optional() }),
  /** absent while mustChangePassword */
  provisioning: provisioningSchema.optional(),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const refreshRequestSchema = z.strictObject({ refreshToken: z.string().min(1).max(512) });
export type RefreshRequest = z.infer<typeof refreshRequestSchema>;

export const changePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

export const changePasswordResponseSchema = tokenPairSchema.extend({ provisioning: provisioningSchema });
export type ChangePasswordResponse = z.infer<typeof changePasswordResponseSchema>;

export const meResponseSchema = z.object({ account: accountInfoSchema, provisioning: provisioningSchema });
export type MeResponse = z.infer<typeof meResponseSchema>;
