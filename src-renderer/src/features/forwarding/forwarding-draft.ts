/**
 * The Settings form's working copy of the forwarding rules (SPEC J3, B2):
 * what the fields hold (texts as typed), made from the stored rules, and
 * turned back into rules — or into the message of each field that is wrong,
 * so nothing invalid reaches the server and nothing typed is lost.
 */
import {
  defaultForwardingRules,
  FORWARDING_NUMBER_PATTERN,
  NO_ANSWER_MAX_SECONDS,
  NO_ANSWER_MIN_SECONDS,
  STATUS_FORWARDING_STATES,
  type DialMode,
  type ForwardingRules,
  type ForwardingTarget,
  type ForwardingTargetKind,
  type StatusForwardingState,
} from '../../../../src-preload/contract/forwarding';

export interface TargetDraft {
  kind: ForwardingTargetKind;
  /** as typed (used when kind is 'number') */
  number: string;
}

export interface ForwardingDraft {
  timeZone: string;
  immediate: { enabled: boolean; target: TargetDraft; windowOn: boolean; days: number[]; start: string; end: string };
  noAnswer: { enabled: boolean; target: TargetDraft; seconds: string };
  unreachable: { enabled: boolean; target: TargetDraft };
  busy: { enabled: boolean; target: TargetDraft };
  alsoRing: { enabled: boolean; number: string };
  /** SPEC B5 */
  callMe: { enabled: boolean; number: string };
  /** SPEC J4 */
  dialMode: DialMode;
  /** null: calls ring as usual in that state */
  byStatus: Record<StatusForwardingState, TargetDraft | null>;
}

/** The i18n keys (`forwarding.error.<code>`) of what can be wrong in a field. */
export type DraftErrorCode = 'number-required' | 'number-invalid' | 'seconds-range' | 'window-days' | 'window-times';

/** Field ids: `immediate.target`, `noAnswer.seconds`, `byStatus.vacation`, … */
export type DraftErrors = Record<string, DraftErrorCode>;

const targetDraftOf = (target: ForwardingTarget): TargetDraft => ({
  kind: target.kind,
  number: target.kind === 'number' ? target.number : '',
});

/** The form's starting point: the stored rules, or the defaults in the user's time zone. */
export function draftOf(rules: ForwardingRules | null, localTimeZone: string): ForwardingDraft {
  const r = rules ?? defaultForwardingRules(localTimeZone);
  const byStatus = Object.fromEntries(
    STATUS_FORWARDING_STATES.map((state) => {
      const target = r.byStatus[state];
      return [state, target === undefined ? null : targetDraftOf(target)];
    }),
  ) as Record<StatusForwardingState, TargetDraft | null>;
  return {
    // the window is read where the user is now (a laptop that travelled keeps office hours local)
    timeZone: localTimeZone,
    immediate: {
      enabled: r.immediate.enabled,
      target: targetDraftOf(r.immediate.target),
      windowOn: r.immediate.window !== null,
      days: r.immediate.window?.days ?? [1, 2, 3, 4, 5],
      start: r.immediate.window?.start ?? '18:00',
      end: r.immediate.window?.end ?? '08:00',
    },
    noAnswer: {
      enabled: r.noAnswer.enabled,
      target: targetDraftOf(r.noAnswer.target),
      seconds: String(r.noAnswer.seconds),
    },
    unreachable: { enabled: r.unreachable.enabled, target: targetDraftOf(r.unreachable.target) },
    busy: { enabled: r.busy.enabled, target: targetDraftOf(r.busy.target) },
    alsoRing: { enabled: r.alsoRing.enabled, number: r.alsoRing.number },
    callMe: { enabled: r.callMe.enabled, number: r.callMe.number },
    dialMode: r.dialMode,
    byStatus,
  };
}

/** A number as the server wants it: no spaces, brackets or slashes ("06 12 34 56 78" → "0612345678"). */
export function compactNumber(typed: string): string {
  return typed.replace(/[\s()/]/g, '');
}

function numberError(typed: string): DraftErrorCode | undefined {
  const number = compactNumber(typed);
  if (number === '') return 'number-required';
  return FORWARDING_NUMBER_PATTERN.test(number) ? undefined : 'number-invalid';
}

/**
 * The rules the draft describes, or the errors of its fields. A number is
 * checked only where it is used (an enabled rule, a state with a target):
 * a disabled rule keeps whatever was typed.
 */
export function rulesOf(draft: ForwardingDraft): { rules: ForwardingRules } | { errors: DraftErrors } {
  const errors: DraftErrors = {};
  const target = (field: string, t: TargetDraft, used: boolean): ForwardingTarget => {
    if (t.kind !== 'number') return { kind: t.kind };
    const problem = numberError(t.number);
    if (problem !== undefined && used) errors[field] = problem;
    // an unused, unfinished number is kept out of the stored rules
    return problem === undefined ? { kind: 'number', number: compactNumber(t.number) } : { kind: 'voicemail' };
  };
  const { immediate, noAnswer } = draft;
  let window: ForwardingRules['immediate']['window'] = null;
  if (immediate.windowOn) {
    if (immediate.days.length === 0 && immediate.enabled) errors['immediate.days'] = 'window-days';
    const timesOk = /^\d\d:\d\d$/.test(immediate.start) && /^\d\d:\d\d$/.test(immediate.end);
    if ((!timesOk || immediate.start === immediate.end) && immediate.enabled)
      errors['immediate.times'] = 'window-times';
    if (immediate.days.length > 0 && timesOk && immediate.start !== immediate.end) {
      window = { days: [...immediate.days].sort(), start: immediate.start, end: immediate.end };
    }
  }
  const seconds = Number(noAnswer.seconds);
  const secondsOk =
    /^\d+$/.test(noAnswer.seconds.trim()) && seconds >= NO_ANSWER_MIN_SECONDS && seconds <= NO_ANSWER_MAX_SECONDS;
  if (!secondsOk && noAnswer.enabled) errors['noAnswer.seconds'] = 'seconds-range';
  const alsoRingNumber = compactNumber(draft.alsoRing.number);
  const alsoRingProblem = numberError(draft.alsoRing.number);
  if (alsoRingProblem !== undefined && draft.alsoRing.enabled) errors['alsoRing.number'] = alsoRingProblem;
  const callMeProblem = numberError(draft.callMe.number);
  if (callMeProblem !== undefined && draft.callMe.enabled) errors['callMe.number'] = callMeProblem;
  // callback rings the CallMe phone first: it needs the number even with CallMe (incoming) off
  if (callMeProblem !== undefined && draft.dialMode === 'callback') errors['callMe.number'] = callMeProblem;

  const byStatus: ForwardingRules['byStatus'] = {};
  for (const state of STATUS_FORWARDING_STATES) {
    const t = draft.byStatus[state];
    if (t !== null) byStatus[state] = target(`byStatus.${state}`, t, true);
  }
  const rules: ForwardingRules = {
    timeZone: draft.timeZone,
    immediate: {
      enabled: immediate.enabled,
      target: target('immediate.target', immediate.target, immediate.enabled),
      window: immediate.windowOn ? window : null,
    },
    noAnswer: {
      enabled: noAnswer.enabled,
      target: target('noAnswer.target', noAnswer.target, noAnswer.enabled),
      seconds: secondsOk
        ? seconds
        : Math.min(Math.max(seconds || NO_ANSWER_MIN_SECONDS, NO_ANSWER_MIN_SECONDS), NO_ANSWER_MAX_SECONDS),
    },
    unreachable: {
      enabled: draft.unreachable.enabled,
      target: target('unreachable.target', draft.unreachable.target, draft.unreachable.enabled),
    },
    busy: { enabled: draft.busy.enabled, target: target('busy.target', draft.busy.target, draft.busy.enabled) },
    alsoRing: { enabled: draft.alsoRing.enabled, number: alsoRingProblem === undefined ? alsoRingNumber : '' },
    byStatus,
    callMe: {
      enabled: draft.callMe.enabled,
      number: callMeProblem === undefined ? compactNumber(draft.callMe.number) : '',
    },
    dialMode: draft.dialMode,
  };
  return Object.keys(errors).length > 0 ? { errors } : { rules };
}
