/**
 * The UC server's forwarding routes (SPEC J3, B2), on the caller's own rules only:
 *
 *   GET /me/forwarding  -> ForwardingDocument (rules null: never set — nothing is forwarded but DND)
 *   PUT /me/forwarding  ForwardingRules -> ForwardingDocument | 400 invalid-request
 *
 * A change is pushed to every live connection of the account as {type:'forwarding-changed'}.
 */
import { z } from 'zod';
import { forwardingRulesSchema } from './forwarding-model';

export const forwardingDocumentSchema = z.object({
  rules: forwardingRulesSchema.nullable(),
  /** epoch ms of the last change (0: never set) */
  updatedAt: z.number().int(),
});
export type ForwardingDocument = z.infer<typeof forwardingDocumentSchema>;

export const forwardingChangedEventSchema = z.object({ type: z.literal('forwarding-changed') });

/**
 * SPEC J4, B5: the app asks how to place a call it starts (`POST /me/calls/place`).
 * `app`: it dials itself (dial mode `app`, or an emergency number — SPEC G,
 * never through a callback); `callback`: the server is ringing the CallMe phone
 * (or, in associated dialing, the user's desk phones), then hands it the
 * destination; progress comes as `callback-progress` live events with `id`.
 */
export const placeCallRequestSchema = z.strictObject({ destination: z.string().regex(/^\+?[A-Za-z0-9._*#-]{1,32}$/) });
export type PlaceCallRequest = z.infer<typeof placeCallRequestSchema>;

export const CALLBACK_PHASES = ['calling-callme', 'connecting', 'connected', 'failed'] as const;
export type CallbackPhase = (typeof CALLBACK_PHASES)[number];

/** Which of the user's phones a callback rings first: the desk phone(s) (`associated`) or the CallMe number (`callback`). */
export const CALLBACK_VIA = ['desk-phone', 'mobile'] as const;
export type CallbackVia = (typeof CALLBACK_VIA)[number];

export const placeCallResultSchema = z.discriminatedUnion('by', [
  z.object({ by: z.literal('app'), reason: z.enum(['dial-mode', 'emergency']) }),
  z.object({
    by: z.literal('callback'),
    id: z.string().min(1).max(128),
    phase: z.enum(CALLBACK_PHASES),
    via: z.enum(CALLBACK_VIA),
  }),
]);
export type PlaceCallResult = z.infer<typeof placeCallResultSchema>;

export const callbackProgressEventSchema = z.object({
  type: z.literal('callback-progress'),
  id: z.string(),
  phase: z.enum(CALLBACK_PHASES),
});
