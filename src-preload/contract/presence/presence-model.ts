/**
 * The presence model (SPEC B1 states, B3 visibility, B6 return time): one
 * definition for the engine, the renderer, the shell's tray and the UC server.
 */
import { z } from 'zod';
import { assertNever } from '../platform/assert-never';

/** SPEC B1, in the order the selectors list them; `office` is "available". */
export const PRESENCE_STATES = [
  'office',
  'meeting',
  'sick',
  'break',
  'out-of-office',
  'vacation',
  'lunch',
  'home',
  'dnd',
] as const;
export const presenceStateNameSchema = z.enum(PRESENCE_STATES);
export type PresenceStateName = z.infer<typeof presenceStateNameSchema>;

/** SPEC B3: internal and external / internal only / not visible. */
export const PRESENCE_VISIBILITIES = ['all', 'internal', 'none'] as const;
export const presenceVisibilityNameSchema = z.enum(PRESENCE_VISIBILITIES);
export type PresenceVisibilityName = z.infer<typeof presenceVisibilityNameSchema>;

/**
 * Connection state (SPEC B4, "busy lamp") of a colleague's phone line, as the
 * SIP server sees it: `unregistered` (no device registered — never shown as
 * idle), `idle`, ringing from an internal or an external caller, `calling`
 * (their outgoing call rings elsewhere), talking to an internal or an
 * external party. Internal: a user of the UC server; anyone else is external.
 */
export const LINE_STATES = [
  'unregistered',
  'idle',
  'ringing-internal',
  'ringing-external',
  'calling',
  'talking-internal',
  'talking-external',
] as const;
export const lineStateSchema = z.enum(LINE_STATES);
export type LineState = z.infer<typeof lineStateSchema>;

/** Longest presence note, characters. */
export const PRESENCE_NOTE_MAX = 200;

/**
 * Colour group of a state (DESIGN "Visual language"; dots and rings in the
 * renderer, tray icon in the shell — the same everywhere):
 * available green (office), busy red (do not disturb), away amber (meeting,
 * break, lunch: back soon, in the building), absent grey-violet (out of
 * office, vacation, home, sick: not at the desk today). A presence that is
 * not visible or not known is a hollow grey ring, drawn by the caller.
 */
export type PresenceGroup = 'available' | 'busy' | 'away' | 'absent';

export function presenceGroupOf(state: PresenceStateName): PresenceGroup {
  switch (state) {
    case 'office':
      return 'available';
    case 'dnd':
      return 'busy';
    case 'meeting':
    case 'break':
    case 'lunch':
      return 'away';
    case 'out-of-office':
    case 'vacation':
    case 'home':
    case 'sick':
      return 'absent';
    default:
      return assertNever(state, 'unknown presence state');
  }
}

/** The user's own presence as the UC server stores it. */
export interface PresenceView {
  state: PresenceStateName;
  /** epoch ms; never with office. When it passes the state becomes office (SPEC B6). */
  returnAt?: number;
  note?: string;
  visibility: PresenceVisibilityName;
  /** epoch ms of the last change (0: never set) */
  updatedAt: number;
}

/** Payload of presence.set: returnAt not with office, and in the future; replaces return time and note (absent or blank: none). */
export const presenceSetPayloadSchema = z.strictObject({
  state: presenceStateNameSchema,
  returnAt: z.number().int().positive().optional(),
  note: z.string().max(PRESENCE_NOTE_MAX).optional(),
  /** absent: unchanged */
  visibility: presenceVisibilityNameSchema.optional(),
});
export type PresenceSetPayload = z.infer<typeof presenceSetPayloadSchema>;
