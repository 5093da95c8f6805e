/**
 * The UC server's presence routes (SPEC B):
 *
 *   GET    /me/presence           -> Presence (own state; B6 applied: a passed returnAt reads as office)
 *   PUT    /me/presence           PresenceSetRequest -> Presence | 400 (returnAt with office, in the past; note > 200)
 *   GET    /presence?accounts=100,101 -> PresenceListResponse (others' presence, honoring their visibility)
 *
 * A change is pushed to every live connection of the account as {type:'presence-changed'}, and to
 * every other account's as {type:'others-presence-changed', numbers} (no state: a watcher asks
 * GET /presence, which applies the visibility; a change between two "not visible" states is not announced).
 */
import { z } from 'zod';
import {
  PRESENCE_NOTE_MAX,
  presenceSetPayloadSchema,
  presenceStateNameSchema,
  presenceVisibilityNameSchema,
  lineStateSchema,
} from './presence-model';

/** SPEC B1 presence states; `office` is "available". */
export const presenceStateSchema = presenceStateNameSchema;
export type PresenceState = z.infer<typeof presenceStateSchema>;

/** SPEC B3: who sees the state — internal and external / internal only / nobody. */
export const presenceVisibilitySchema = presenceVisibilityNameSchema;
export type PresenceVisibility = z.infer<typeof presenceVisibilitySchema>;

export const presenceSchema = z.object({
  state: presenceStateSchema,
  /** epoch ms; never with office. When it passes the state reads as office (SPEC B6). */
  returnAt: z.number().int().optional(),
  note: z.string().max(PRESENCE_NOTE_MAX).optional(),
  visibility: presenceVisibilitySchema,
  /** epoch ms of the last change (0: never set, the default office) */
  updatedAt: z.number().int(),
});
export type Presence = z.infer<typeof presenceSchema>;

/**
 * PUT /me/presence: the IPC presence.set payload, sent as is. Also checked by
 * the server: no returnAt with office, returnAt in the future. PUT replaces
 * state, return time and note (absent or blank note: none); an absent
 * visibility keeps the current one.
 */
export const presenceSetRequestSchema = presenceSetPayloadSchema;
export type PresenceSetRequest = z.infer<typeof presenceSetRequestSchema>;

/** Another user's presence as the caller may see it (`visible: false`: they hide it from the caller, SPEC B3). */
export const presenceOfSchema = z.object({
  number: z.string(),
  visible: z.boolean(),
  state: presenceStateSchema.optional(),
  returnAt: z.number().int().optional(),
  note: z.string().optional(),
  /**
   * Their line's connection state (SPEC B4 busy lamp), under the same
   * visibility as the state: absent when not visible or not known (no SIP
   * server information yet). A change is announced like a presence change.
   */
  line: lineStateSchema.optional(),
});
export type PresenceOf = z.infer<typeof presenceOfSchema>;

export const presenceListResponseSchema = z.object({ presences: z.array(presenceOfSchema) });
export type PresenceListResponse = z.infer<typeof presenceListResponseSchema>;

/** Live event: the account's own presence (SPEC B1) changed, maybe from another device: GET /me/presence. */
export const presenceChangedEventSchema = z.object({ type: z.literal('presence-changed') });

/**
 * Live event: these users' presence changed (SPEC B4): a client that shows
 * them asks GET /presence again. It carries no state, so the visibility
 * (SPEC B3) is applied in one place, the GET.
 */
export const othersPresenceChangedEventSchema = z.object({
  type: z.literal('others-presence-changed'),
  numbers: z.array(z.string()),
});
