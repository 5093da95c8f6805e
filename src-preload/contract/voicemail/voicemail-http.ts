/**
 * The UC server's voicemail routes (SPEC H), each on the caller's own mailbox
 * (another account's id is 404):
 *
 *   GET    /voicemails            -> VoicemailListResponse (newest first)
 *   GET    /voicemails/:id/audio  -> audio/wav
 *   PATCH  /voicemails/:id        VoicemailPatch -> Voicemail
 *   DELETE /voicemails/:id        -> 204
 */
import { z } from 'zod';

/**
 * SIP user the voicemail service registers as (SPEC H); Kamailio sends
 * `sip:vm<ext>@…` calls to it. Clients tell a call answered by the mailbox
 * from one answered by the person called by this user in the answer's Contact.
 */
export const VOICEMAIL_SIP_USER = 'voicemail';

/** One voice message of the caller's mailbox (SPEC H1). */
export const voicemailSchema = z.object({
  /** opaque id (UUID) */
  id: z.string().min(1).max(64),
  /** the caller's number or SIP user (From of the INVITE) */
  callerNumber: z.string().max(128),
  /** the caller's display name (From), null when none */
  callerName: z.string().max(200).nullable(),
  /** epoch ms */
  receivedAt: z.number().int().nonnegative(),
  durationMs: z.number().int().nonnegative(),
  /** false = new */
  listened: z.boolean(),
});
export type Voicemail = z.infer<typeof voicemailSchema>;

/** GET /voicemails: newest first. */
export const voicemailListResponseSchema = z.object({ voicemails: z.array(voicemailSchema) });
export type VoicemailListResponse = z.infer<typeof voicemailListResponseSchema>;

/** PATCH /voicemails/:id */
export const voicemailPatchSchema = z.strictObject({ listened: z.boolean() });
export type VoicemailPatch = z.infer<typeof voicemailPatchSchema>;

/** Live event: the account's voicemails (SPEC H1) changed: GET /voicemails */
export const voicemailsChangedEventSchema = z.object({ type: z.literal('voicemails-changed') });
