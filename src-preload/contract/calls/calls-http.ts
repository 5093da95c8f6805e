/**
 * The UC server's HTTP wire types of the calls domain: pickup (SPEC D3).
 */
import { z } from 'zod';

/** Path of the pickup request under /api/v1. */
export const PICKUP_PATH = '/calls/pickup';

/**
 * POST /calls/pickup: take the call ringing at colleague `number`'s devices. The servers cancel it
 * there and ring the caller's devices instead (the one that asked answers by itself).
 * 200 {@link PickupResponse}; 404 `not-found` unknown number; 403 `forbidden` the colleague is not
 * visible (SPEC B3); 409 `conflict` nothing rings there any more (answered or cancelled meanwhile);
 * 409 `not-registered` the picker has no SIP device registered; 503 `internal` the SIP proxy cannot
 * be reached.
 */
export const pickupRequestSchema = z.strictObject({
  number: z.string().regex(/^[A-Za-z0-9._-]{1,32}$/),
});
export type PickupRequest = z.infer<typeof pickupRequestSchema>;

export const pickupResponseSchema = z.object({
  /** SIP Call-ID of the call: the INVITE the picker's devices now receive carries it */
  sipCallId: z.string().min(1).max(256),
});
export type PickupResponse = z.infer<typeof pickupResponseSchema>;

/**
 * The SIP header the proxy (and only the proxy: it strips it from every incoming request) adds to
 * an INVITE that a pickup re-targeted: `X-UC-Pickup: by=<picker>;from=<callee>`.
 */
export const PICKUP_SIP_HEADER = 'X-UC-Pickup';

/**
 * Live event to the called user's devices: the call with this SIP Call-ID, ringing at them, was
 * picked up by colleague `by` (SPEC D3). Their journals say "picked up by …".
 */
export const callPickedUpEventSchema = z.object({
  type: z.literal('call-picked-up'),
  sipCallId: z.string().min(1).max(256),
  by: z.string().min(1).max(64),
});
export type CallPickedUpEvent = z.infer<typeof callPickedUpEventSchema>;
