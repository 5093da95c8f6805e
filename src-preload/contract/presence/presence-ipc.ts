/** The `presence.*` channels (SPEC B): the user's own presence, kept on the UC server. */
import { z } from 'zod';
import type { PresenceOf } from './presence-http';
import { presenceSetPayloadSchema, type PresenceView } from './presence-model';

/** Most numbers one presence.watch asks for (the UC server's GET /presence limit). */
export const MAX_WATCHED_PER_CALL = 200;

/** Payload schemas of the presence channels. */
export const presenceInvokeSchemas = {
  /** the own presence (null: not logged in, or not known yet) */
  'presence.get': z.strictObject({}),
  /** sets the own presence on the UC server ('server-unreachable' offline, 'invalid-payload' for a bad return time) */
  'presence.set': presenceSetPayloadSchema,
  /**
   * Others' presence (SPEC B4): what is known now of these internal numbers;
   * they are followed from then on (changes come as presence.onDidChangeOthers).
   */
  'presence.watch': z.strictObject({
    numbers: z.array(z.string().min(1).max(64)).max(MAX_WATCHED_PER_CALL),
  }),
} as const;

export interface PresenceInvokeResults {
  'presence.get': PresenceView | null;
  'presence.set': PresenceView;
  /** one per known number (unknown numbers, or not fetched yet while offline, are left out) */
  'presence.watch': PresenceOf[];
}

export interface PresenceEventPayloads {
  /** the own presence changed (this or another device, or the return time passed); null: logged out */
  'presence.onDidChange': PresenceView | null;
  /** watched colleagues' presence changed (live); on logout, an empty list with `cleared` */
  'presence.onDidChangeOthers': { presences: PresenceOf[]; cleared?: boolean };
}

export const PRESENCE_EVENT_CHANNELS = {
  'presence.onDidChange': true,
  'presence.onDidChangeOthers': true,
} satisfies Record<keyof PresenceEventPayloads, true>;
