/**
 * The UC server's conference routes (SPEC I1–I4, issue #14), on the caller's own rooms only:
 *
 *   GET    /conferences                          -> ConferenceList (the rooms the caller belongs to; active first)
 *   POST   /conferences          NewConference   -> Conference (the caller is its moderator)
 *   GET    /conferences/:id                      -> Conference | 404 (also when not a member)
 *   PATCH  /conferences/:id      ConferencePatch -> Conference | 403 (not a moderator)
 *   DELETE /conferences/:id                      -> 204 | 403
 *   POST   /conferences/:id/participants  NewConferenceParticipant -> Conference | 400 (full, twice) | 403
 *   PATCH  /conferences/:id/participants/:pid  { moderator } -> Conference | 400 (no moderator left) | 403
 *   DELETE /conferences/:id/participants/:pid -> Conference | 400 (no moderator left) | 403
 *   POST   /conferences/:id/participants/:pid/disconnect -> Conference | 403 (out of the room now; may dial in again)
 *   POST   /conferences/:id/end                  -> Conference | 403 (everyone in the room is hung up)
 *
 * A room uses no engine resource until someone dials in (the conference agent
 * creates the AudioBridge room on the first join). Joining: dial
 * {@link Conference.dialIn} and type a PIN, or — a Switchboard user — dial
 * `conf<id>` (the app's one-click join: the caller's authenticated identity
 * replaces the PIN).
 */
import { z } from 'zod';

/** Participants a room holds at most (issue #14: up to 16). */
export const MAX_CONFERENCE_PARTICIPANTS = 16;
/** SIP user of the conference service, and of the one-click join URI `conf<id>`. */
export const CONFERENCE_SIP_USER = 'conference';
/** Prefix of a room's own SIP URI (`sip:conf<id>@domain`): members join it with their identity. */
export const CONFERENCE_URI_PREFIX = 'conf';

/** Where a participant is (issue #14 item 3). */
export const conferenceParticipantStateSchema = z.enum(['idle', 'dialing-in', 'waiting', 'active']);
export type ConferenceParticipantState = z.infer<typeof conferenceParticipantStateSchema>;

export const conferenceParticipantSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['internal', 'external']),
  name: z.string(),
  /** internal: the colleague's number; external: the number given (may be empty) */
  number: z.string(),
  email: z.string().nullable(),
  moderator: z.boolean(),
  /** personal PIN (conference ID): shown to the participant and to moderators only, else null */
  pin: z.string().nullable(),
  state: conferenceParticipantStateSchema,
});
export type ConferenceParticipant = z.infer<typeof conferenceParticipantSchema>;

export const conferenceSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  /** the number to dial from any phone (then the PIN) */
  dialIn: z.string(),
  /** what a Switchboard member dials to join with one click (no PIN): `sip:conf<id>@<domain>` */
  joinUri: z.string(),
  /** "allow guest PIN dial-in": the guest PIN (moderators see it; null = not allowed or hidden) */
  guestPin: z.string().nullable(),
  guestPinEnabled: z.boolean(),
  /** the last moderator left: the room ends at this time (epoch ms), else null */
  endsAt: z.number().nullable(),
  /** whether the caller is a moderator of it */
  moderator: z.boolean(),
  /** participants in the room now (waiting or active) */
  activeCount: z.number().int().nonnegative(),
  participants: z.array(conferenceParticipantSchema),
});
export type Conference = z.infer<typeof conferenceSchema>;

export const conferenceListSchema = z.object({ conferences: z.array(conferenceSchema) });
export type ConferenceList = z.infer<typeof conferenceListSchema>;

const nameSchema = z.string().trim().min(1).max(80);

export const newConferenceParticipantSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('internal'), number: z.string().regex(/^[A-Za-z0-9._-]{1,32}$/) }),
  z.object({
    kind: z.literal('external'),
    name: nameSchema,
    number: z
      .string()
      .trim()
      .max(40)
      .regex(/^[+0-9 ()./-]*$/),
    email: z.string().trim().email().max(200).nullable().optional(),
  }),
]);
export type NewConferenceParticipant = z.infer<typeof newConferenceParticipantSchema>;

export const newConferenceSchema = z.object({
  name: nameSchema,
  guestPinEnabled: z.boolean().optional(),
  participants: z
    .array(newConferenceParticipantSchema)
    .max(MAX_CONFERENCE_PARTICIPANTS - 1)
    .optional(),
});
export type NewConference = z.infer<typeof newConferenceSchema>;

export const conferencePatchSchema = z
  .object({ name: nameSchema.optional(), guestPinEnabled: z.boolean().optional() })
  .refine((p) => p.name !== undefined || p.guestPinEnabled !== undefined, 'nothing to change');
export type ConferencePatch = z.infer<typeof conferencePatchSchema>;

export const conferenceParticipantPatchSchema = z.object({ moderator: z.boolean() });
export type ConferenceParticipantPatch = z.infer<typeof conferenceParticipantPatchSchema>;

/** Live event: a room of the account changed (members, names, who is in it): GET /conferences again. */
export const conferencesChangedEventSchema = z.object({ type: z.literal('conferences-changed') });
export type ConferencesChangedEvent = z.infer<typeof conferencesChangedEventSchema>;
