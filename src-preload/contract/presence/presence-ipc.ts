/** The `presence.*` channels (SPEC B): the user's own presence, kept on the UC server. */
import { z } from 'zod';
import { presenceSetPayloadSchema, type PresenceView } from './presence-model';

/** Payload schemas of the presence channels. */
export const presenceInvokeSchemas = {
  /** the own presence (null: not logged in, or not known yet) */
  'presence.get': z.strictObject({}),
  /** sets the own presence on the UC server ('server-unreachable' offline, 'invalid-payload' for a bad return time) */
  'presence.set': presenceSetPayloadSchema,
} as const;

export interface PresenceInvokeResults {
  'presence.get': PresenceView | null;
  'presence.set': PresenceView;
}

export interface PresenceEventPayloads {
  /** the own presence changed (this or another device, or the return time passed); null: logged out */
  'presence.onDidChange': PresenceView | null;
}

export const PRESENCE_EVENT_CHANNELS = { 'presence.onDidChange': true } satisfies Record<
  keyof PresenceEventPayloads,
  true
>;
