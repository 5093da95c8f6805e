/**
 * Call forwarding (SPEC J3 rules, B2 status-based forwarding): the rules a
 * user keeps on the UC server, one definition for the server (which applies
 * them to every call), the engine and the renderer (which edit them and show
 * when an immediate rule is active).
 */
import { z } from 'zod';
import { PRESENCE_STATES, type PresenceStateName } from '../presence';

/**
 * Where a forwarded call goes: the user's own mailbox, a number (internal
 * extension or external number, +E.164 or as dialled), or the user's mobile
 * number (J1 personal data, resolved by the server when the call comes).
 */
export const FORWARDING_TARGET_KINDS = ['voicemail', 'number', 'mobile'] as const;
export type ForwardingTargetKind = (typeof FORWARDING_TARGET_KINDS)[number];

/** A number as a target: an extension or an external number, no spaces (the UI strips them). */
export const FORWARDING_NUMBER_PATTERN = /^\+?[A-Za-z0-9._-]{1,32}$/;
export const forwardingNumberSchema = z.string().regex(FORWARDING_NUMBER_PATTERN);

export const forwardingTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('voicemail') }),
  z.strictObject({ kind: z.literal('number'), number: forwardingNumberSchema }),
  z.strictObject({ kind: z.literal('mobile') }),
]);
export type ForwardingTarget = z.infer<typeof forwardingTargetSchema>;

/** SPEC J3: the no-answer delay, seconds. */
export const NO_ANSWER_MIN_SECONDS = 10;
export const NO_ANSWER_MAX_SECONDS = 90;
export const NO_ANSWER_DEFAULT_SECONDS = 20;
/** SPEC B5: a CallMe call nobody answers goes to voicemail after this, seconds. */
export const CALLME_NO_ANSWER_SECONDS = 60;

/**
 * SPEC J4 dial mode: who places the calls the user starts in the app.
 * `app`: the app itself is the phone (default); `associated`: the user's desk
 * phone dials ("associated dialing"); `callback`: the CallMe phone rings first,
 * then the destination ("callback preferred", SPEC B5). Emergency numbers are
 * never subject to it: the app dials them itself.
 */
export const DIAL_MODES = ['app', 'associated', 'callback'] as const;
export type DialMode = (typeof DIAL_MODES)[number];

/** "HH:MM", 24 h. */
const timeOfDaySchema = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/);

/**
 * A weekly time window in the rule's time zone: on each of `days` (ISO 8601
 * weekdays, 1 = Monday … 7 = Sunday) from `start` to `end`. An `end` before
 * `start` runs past midnight (22:00–06:00 on Monday covers Tuesday 03:00).
 */
export const weeklyWindowSchema = z
  .strictObject({
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    start: timeOfDaySchema,
    end: timeOfDaySchema,
  })
  .refine((w) => w.start !== w.end, { message: 'the window must not start and end at the same time' });
export type WeeklyWindow = z.infer<typeof weeklyWindowSchema>;

/** Presence states that may carry a status-based target (SPEC B2: all but DND, which goes to voicemail). */
export const STATUS_FORWARDING_STATES = PRESENCE_STATES.filter(
  (s): s is Exclude<PresenceStateName, 'dnd'> => s !== 'dnd',
);
export type StatusForwardingState = Exclude<PresenceStateName, 'dnd'>;

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const statusTargetsShape = Object.fromEntries(
  STATUS_FORWARDING_STATES.map((state) => [state, forwardingTargetSchema.optional()]),
) as Record<StatusForwardingState, z.ZodOptional<typeof forwardingTargetSchema>>;

/**
 * Every forwarding rule of one user (SPEC J3, B2). A disabled rule keeps its
 * target so turning it back on needs no retyping.
 */
export const forwardingRulesSchema = z
  .strictObject({
    /** IANA zone the immediate rule's window is read in (the user's, set by the app) */
    timeZone: z.string().min(1).max(64).refine(isTimeZone, { message: 'unknown time zone' }),
    /** every call, always or within `window`; overrides every other rule */
    immediate: z.strictObject({
      enabled: z.boolean(),
      target: forwardingTargetSchema,
      window: weeklyWindowSchema.nullable(),
    }),
    /** when no device answers within `seconds` */
    noAnswer: z.strictObject({
      enabled: z.boolean(),
      target: forwardingTargetSchema,
      seconds: z.number().int().min(NO_ANSWER_MIN_SECONDS).max(NO_ANSWER_MAX_SECONDS),
    }),
    /** when no device of the user is registered (instead of "not reachable") */
    unreachable: z.strictObject({ enabled: z.boolean(), target: forwardingTargetSchema }),
    /** when every device is busy, and in do not disturb */
    busy: z.strictObject({ enabled: z.boolean(), target: forwardingTargetSchema }),
    /** simultaneous ring: this number rings together with the user's devices */
    alsoRing: z.strictObject({ enabled: z.boolean(), number: z.union([forwardingNumberSchema, z.literal('')]) }),
    /** SPEC B2: per presence state (not DND), where calls go while the user is in it */
    byStatus: z.strictObject(statusTargetsShape),
    /**
     * SPEC B5 CallMe: in Office, calls ring this number instead of the user's
     * devices; unanswered ({@link CALLME_NO_ANSWER_SECONDS}), busy or not
     * reachable there, they go to the user's voicemail. Absent in rules stored
     * before it existed: off.
     */
    callMe: z
      .strictObject({ enabled: z.boolean(), number: z.union([forwardingNumberSchema, z.literal('')]) })
      .default({ enabled: false, number: '' }),
    /** SPEC J4: who places the user's calls; absent in rules stored before it existed: the app */
    dialMode: z.enum(DIAL_MODES).default('app'),
  })
  .refine((rules) => !rules.alsoRing.enabled || rules.alsoRing.number !== '', {
    message: 'simultaneous ring needs a number',
    path: ['alsoRing', 'number'],
  })
  .refine((rules) => !rules.callMe.enabled || rules.callMe.number !== '', {
    message: 'CallMe needs a number',
    path: ['callMe', 'number'],
  })
  .refine((rules) => rules.dialMode !== 'callback' || rules.callMe.number !== '', {
    message: 'callback needs a CallMe number',
    path: ['dialMode'],
  });
export type ForwardingRules = z.infer<typeof forwardingRulesSchema>;

/** What a user who never set anything has: nothing on, voicemail as the offered target. */
export function defaultForwardingRules(timeZone: string): ForwardingRules {
  return {
    timeZone,
    immediate: { enabled: false, target: { kind: 'voicemail' }, window: null },
    noAnswer: { enabled: false, target: { kind: 'voicemail' }, seconds: NO_ANSWER_DEFAULT_SECONDS },
    unreachable: { enabled: false, target: { kind: 'voicemail' } },
    busy: { enabled: false, target: { kind: 'voicemail' } },
    alsoRing: { enabled: false, number: '' },
    byStatus: {},
    callMe: { enabled: false, number: '' },
    dialMode: 'app',
  };
}
