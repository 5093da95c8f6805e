/**
 * The conferences as the renderer sees them (SPEC I1–I6): the `conferences.*` channels. The
 * list is the UC server's (fetched at login and on every `conferences-changed`); changes go to
 * the server and the list follows. Joining is a call: `calls.dial` with the room's `joinUri`.
 */
import { z } from 'zod';
import { newConferenceParticipantSchema, newConferenceSchema, type Conference } from './conferences-http';

export interface ConferencesView {
  /** active rooms first (most participants in them), then by name */
  conferences: Conference[];
  /** false until the first fetch after login answered */
  loaded: boolean;
}

const id = z.number().int().positive();

/** Payload schemas of the conferences channels ('not-logged-in', 'not-found', 'forbidden', 'invalid-payload'). */
export const conferencesInvokeSchemas = {
  'conferences.list': z.strictObject({}),
  'conferences.create': newConferenceSchema,
  'conferences.rename': z.strictObject({ id, name: z.string().trim().min(1).max(80) }),
  'conferences.setGuestPin': z.strictObject({ id, enabled: z.boolean() }),
  'conferences.delete': z.strictObject({ id }),
  'conferences.addParticipant': z.strictObject({ id, participant: newConferenceParticipantSchema }),
  'conferences.removeParticipant': z.strictObject({ id, participantId: id }),
  'conferences.setModerator': z.strictObject({ id, participantId: id, moderator: z.boolean() }),
  'conferences.disconnect': z.strictObject({ id, participantId: id }),
  'conferences.end': z.strictObject({ id }),
} as const;

export interface ConferencesInvokeResults {
  'conferences.list': ConferencesView;
  'conferences.create': ConferencesView;
  'conferences.rename': ConferencesView;
  'conferences.setGuestPin': ConferencesView;
  'conferences.delete': ConferencesView;
  'conferences.addParticipant': ConferencesView;
  'conferences.removeParticipant': ConferencesView;
  'conferences.setModerator': ConferencesView;
  'conferences.disconnect': ConferencesView;
  'conferences.end': ConferencesView;
}

export interface ConferencesEventPayloads {
  /** the rooms changed (this user, another member, or who is in them) */
  'conferences.onDidChange': ConferencesView;
}

export const CONFERENCES_EVENT_CHANNELS = { 'conferences.onDidChange': true } satisfies Record<
  keyof ConferencesEventPayloads,
  true
>;
