/**
 * Which forwarding rule applies to a call now (SPEC J3, B2) — a pure function
 * of the rules, the callee's presence and the time, shared by the UC server
 * (call routing) and the app (the header's "immediate forwarding on").
 *
 * Precedence: an active immediate rule overrides everything; then do not
 * disturb (the busy rule's target, else voicemail); then CallMe in Office
 * (B5); then the presence state's target (B2); otherwise the call rings, with the no-answer, busy,
 * not-reachable and simultaneous-ring rules attached for the proxy to apply.
 */
import type { PresenceStateName } from '../presence';
import {
  CALLME_NO_ANSWER_SECONDS,
  type ForwardingRules,
  type ForwardingTarget,
  type WeeklyWindow,
} from './forwarding-model';

/** RFC 5806 §4 diversion reasons of the forwards we make. */
export type ForwardingReason =
  'unconditional' | 'do-not-disturb' | 'away' | 'follow-me' | 'no-answer' | 'user-busy' | 'unavailable';

export type ForwardingDecision =
  | {
      kind: 'forward';
      target: ForwardingTarget;
      reason: 'unconditional' | 'do-not-disturb' | 'away' | 'follow-me';
      /** CallMe (B5): unanswered, busy or unreachable there → the user's voicemail after these seconds */
      thenVoicemailAfter?: number;
    }
  | {
      kind: 'ring';
      noAnswer?: { target: ForwardingTarget; seconds: number };
      busy?: ForwardingTarget;
      unreachable?: ForwardingTarget;
      alsoRing?: string;
    };

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The ISO weekday (1 = Monday) and minute of the day of `epochMs` in `timeZone`. */
export function localWeekMinute(epochMs: number, timeZone: string): { day: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(epochMs));
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  const day = WEEKDAYS[part('weekday')];
  if (day === undefined) throw new Error(`no weekday for ${epochMs} in ${timeZone}`);
  return { day, minute: Number(part('hour')) * 60 + Number(part('minute')) };
}

const minuteOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether `epochMs` falls in the weekly window (end excluded; an end before the start runs past midnight). */
export function isInWindow(window: WeeklyWindow, epochMs: number, timeZone: string): boolean {
  const { day, minute } = localWeekMinute(epochMs, timeZone);
  const start = minuteOf(window.start);
  const end = minuteOf(window.end);
  if (start < end) return window.days.includes(day) && minute >= start && minute < end;
  // past midnight: the evening of a listed day, or the early morning after one
  const previousDay = day === 1 ? 7 : day - 1;
  return (window.days.includes(day) && minute >= start) || (window.days.includes(previousDay) && minute < end);
}

/** Whether the immediate rule forwards calls at `now` (the header shows it). */
export function isImmediateActive(rules: ForwardingRules, now: number): boolean {
  const { immediate } = rules;
  if (!immediate.enabled) return false;
  return immediate.window === null || isInWindow(immediate.window, now, rules.timeZone);
}

/** See the file comment. `rules` undefined: the user never set any. */
export function decideForwarding(
  rules: ForwardingRules | undefined,
  presence: PresenceStateName,
  now: number,
): ForwardingDecision {
  if (rules !== undefined && isImmediateActive(rules, now)) {
    return { kind: 'forward', target: rules.immediate.target, reason: 'unconditional' };
  }
  if (presence === 'dnd') {
    const target = rules?.busy.enabled ? rules.busy.target : { kind: 'voicemail' as const };
    return { kind: 'forward', target, reason: 'do-not-disturb' };
  }
  if (rules === undefined) return { kind: 'ring' };
  if (presence === 'office' && rules.callMe.enabled && rules.callMe.number !== '') {
    return {
      kind: 'forward',
      target: { kind: 'number', number: rules.callMe.number },
      reason: 'follow-me',
      thenVoicemailAfter: CALLME_NO_ANSWER_SECONDS,
    };
  }
  const byStatus = rules.byStatus[presence];
  if (byStatus !== undefined) return { kind: 'forward', target: byStatus, reason: 'away' };
  return {
    kind: 'ring',
    ...(rules.noAnswer.enabled ? { noAnswer: { target: rules.noAnswer.target, seconds: rules.noAnswer.seconds } } : {}),
    ...(rules.busy.enabled ? { busy: rules.busy.target } : {}),
    ...(rules.unreachable.enabled ? { unreachable: rules.unreachable.target } : {}),
    ...(rules.alsoRing.enabled && rules.alsoRing.number !== '' ? { alsoRing: rules.alsoRing.number } : {}),
  };
}
