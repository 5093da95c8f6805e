/**
 * The forwarding decision (SPEC J3, B2) as a pure function of the rules, the
 * presence state and the time: precedence (immediate > DND > status > ring
 * with fallbacks) and weekly windows read in the rule's time zone, across
 * midnight and daylight saving time.
 */
import { describe, expect, it } from 'vitest';
import {
  decideForwarding,
  defaultForwardingRules,
  forwardingRulesSchema,
  isImmediateActive,
  isInWindow,
  localWeekMinute,
  type ForwardingRules,
} from '../../../src-preload/contract/forwarding';

/** 2026-12-07 is a Monday. */
const at = (iso: string): number => Date.parse(iso);
const rules = (change: (r: ForwardingRules) => void = () => undefined): ForwardingRules => {
  const r = defaultForwardingRules('Europe/Paris');
  change(r);
  return forwardingRulesSchema.parse(r);
};
const to102 = { kind: 'number', number: '102' } as const;

describe('localWeekMinute', () => {
  it('reads the weekday and minute in the zone, not in UTC', () => {
    // 23:30 UTC on Monday is 00:30 on Tuesday in Paris (UTC+1 in winter)
    expect(localWeekMinute(at('2026-12-07T23:30:00Z'), 'Europe/Paris')).toEqual({ day: 2, minute: 30 });
    expect(localWeekMinute(at('2026-12-07T23:30:00Z'), 'UTC')).toEqual({ day: 1, minute: 23 * 60 + 30 });
    // summer time: UTC+2
    expect(localWeekMinute(at('2026-07-06T07:00:00Z'), 'Europe/Paris')).toEqual({ day: 1, minute: 9 * 60 });
  });
});

describe('isInWindow', () => {
  const office = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
  it('covers the listed days from start (included) to end (excluded)', () => {
    expect(isInWindow(office, at('2026-12-07T08:00:00Z'), 'Europe/Paris')).toBe(true); // Mon 09:00
    expect(isInWindow(office, at('2026-12-07T07:59:00Z'), 'Europe/Paris')).toBe(false); // Mon 08:59
    expect(isInWindow(office, at('2026-12-07T16:00:00Z'), 'Europe/Paris')).toBe(false); // Mon 17:00
    expect(isInWindow(office, at('2026-12-12T10:00:00Z'), 'Europe/Paris')).toBe(false); // Saturday
  });

  it('runs past midnight when the end is before the start, from the listed day only', () => {
    const night = { days: [1], start: '22:00', end: '06:00' };
    expect(isInWindow(night, at('2026-12-07T21:30:00Z'), 'Europe/Paris')).toBe(true); // Mon 22:30
    expect(isInWindow(night, at('2026-12-08T02:00:00Z'), 'Europe/Paris')).toBe(true); // Tue 03:00
    expect(isInWindow(night, at('2026-12-08T05:00:00Z'), 'Europe/Paris')).toBe(false); // Tue 06:00
    expect(isInWindow(night, at('2026-12-08T21:30:00Z'), 'Europe/Paris')).toBe(false); // Tue 22:30
    // Sunday night's window does not exist: Monday 03:00 is out
    expect(isInWindow(night, at('2026-12-07T02:00:00Z'), 'Europe/Paris')).toBe(false);
    const sundayNight = { days: [7], start: '22:00', end: '06:00' };
    expect(isInWindow(sundayNight, at('2026-12-07T02:00:00Z'), 'Europe/Paris')).toBe(true); // Mon 03:00
  });

  it('follows the zone through daylight saving time', () => {
    const morning = { days: [1], start: '09:00', end: '10:00' };
    expect(isInWindow(morning, at('2026-07-06T07:30:00Z'), 'Europe/Paris')).toBe(true); // 09:30 CEST
    expect(isInWindow(morning, at('2026-12-07T07:30:00Z'), 'Europe/Paris')).toBe(false); // 08:30 CET
  });
});

describe('decideForwarding', () => {
  const monday10 = at('2026-12-07T09:00:00Z');

  it('rings with no rules, and sends DND to voicemail', () => {
    expect(decideForwarding(undefined, 'office', monday10)).toEqual({ kind: 'ring' });
    expect(decideForwarding(undefined, 'dnd', monday10)).toEqual({
      kind: 'forward',
      target: { kind: 'voicemail' },
      reason: 'do-not-disturb',
    });
    expect(decideForwarding(rules(), 'meeting', monday10)).toEqual({ kind: 'ring' });
  });

  it('immediate overrides DND, the status target and the fallbacks', () => {
    const r = rules((x) => {
      x.immediate = { enabled: true, target: to102, window: null };
      x.busy = { enabled: true, target: { kind: 'voicemail' } };
      x.byStatus.meeting = { kind: 'mobile' };
      x.noAnswer.enabled = true;
    });
    for (const state of ['office', 'meeting', 'dnd'] as const) {
      expect(decideForwarding(r, state, monday10)).toEqual({ kind: 'forward', target: to102, reason: 'unconditional' });
    }
  });

  it('immediate within a window applies only inside it; outside, the other rules do', () => {
    const r = rules((x) => {
      x.immediate = { enabled: true, target: to102, window: { days: [1], start: '09:00', end: '12:00' } };
      x.noAnswer = { enabled: true, target: { kind: 'voicemail' }, seconds: 15 };
    });
    expect(isImmediateActive(r, monday10)).toBe(true);
    expect(decideForwarding(r, 'office', monday10).kind).toBe('forward');
    const monday13 = at('2026-12-07T12:00:00Z');
    expect(isImmediateActive(r, monday13)).toBe(false);
    expect(decideForwarding(r, 'office', monday13)).toEqual({
      kind: 'ring',
      noAnswer: { target: { kind: 'voicemail' }, seconds: 15 },
    });
  });

  it('a disabled immediate rule does nothing', () => {
    const r = rules((x) => (x.immediate = { enabled: false, target: to102, window: null }));
    expect(isImmediateActive(r, monday10)).toBe(false);
    expect(decideForwarding(r, 'office', monday10)).toEqual({ kind: 'ring' });
  });

  it('DND goes to the busy rule’s target when there is one', () => {
    const r = rules((x) => (x.busy = { enabled: true, target: to102 }));
    expect(decideForwarding(r, 'dnd', monday10)).toEqual({ kind: 'forward', target: to102, reason: 'do-not-disturb' });
  });

  it('status-based (B2): the presence state’s target, reason away; states without one ring', () => {
    const r = rules((x) => {
      x.byStatus.vacation = { kind: 'mobile' };
      x.byStatus.office = to102;
    });
    expect(decideForwarding(r, 'vacation', monday10)).toEqual({
      kind: 'forward',
      target: { kind: 'mobile' },
      reason: 'away',
    });
    expect(decideForwarding(r, 'office', monday10)).toEqual({ kind: 'forward', target: to102, reason: 'away' });
    expect(decideForwarding(r, 'lunch', monday10)).toEqual({ kind: 'ring' });
  });

  it('CallMe (B5): in Office the CallMe number rings instead, voicemail after 60 s; immediate and DND come first', () => {
    const r = rules((x) => {
      x.callMe = { enabled: true, number: '+33612345678' };
      x.byStatus.meeting = { kind: 'voicemail' };
    });
    expect(decideForwarding(r, 'office', monday10)).toEqual({
      kind: 'forward',
      target: { kind: 'number', number: '+33612345678' },
      reason: 'follow-me',
      thenVoicemailAfter: 60,
    });
    // other states: their own rules
    expect(decideForwarding(r, 'meeting', monday10)).toEqual({
      kind: 'forward',
      target: { kind: 'voicemail' },
      reason: 'away',
    });
    expect(decideForwarding(r, 'dnd', monday10)).toMatchObject({ reason: 'do-not-disturb' });
    r.immediate = { enabled: true, target: to102, window: null };
    expect(decideForwarding(r, 'office', monday10)).toMatchObject({ reason: 'unconditional' });
  });

  it('a ringing call carries the enabled fallbacks only', () => {
    const r = rules((x) => {
      x.noAnswer = { enabled: true, target: to102, seconds: 30 };
      x.busy = { enabled: true, target: { kind: 'voicemail' } };
      x.unreachable = { enabled: false, target: to102 };
      x.alsoRing = { enabled: true, number: '+33612345678' };
    });
    expect(decideForwarding(r, 'office', monday10)).toEqual({
      kind: 'ring',
      noAnswer: { target: to102, seconds: 30 },
      busy: { kind: 'voicemail' },
      alsoRing: '+33612345678',
    });
  });
});

describe('forwardingRulesSchema', () => {
  it('accepts the defaults and refuses what the proxy could not carry out', () => {
    expect(forwardingRulesSchema.safeParse(defaultForwardingRules('UTC')).success).toBe(true);
    const bad = (change: (r: ForwardingRules) => void): boolean => {
      const r = defaultForwardingRules('UTC');
      change(r);
      return forwardingRulesSchema.safeParse(r).success;
    };
    expect(bad((r) => (r.noAnswer.seconds = 9))).toBe(false);
    expect(bad((r) => (r.noAnswer.seconds = 90))).toBe(true);
    expect(bad((r) => (r.timeZone = 'Nowhere/Else'))).toBe(false);
    expect(bad((r) => (r.alsoRing = { enabled: true, number: '' }))).toBe(false);
    expect(bad((r) => (r.immediate.window = { days: [], start: '09:00', end: '10:00' }))).toBe(false);
    expect(bad((r) => (r.immediate.window = { days: [8], start: '09:00', end: '10:00' }))).toBe(false);
    expect(bad((r) => (r.immediate.window = { days: [1], start: '24:00', end: '10:00' }))).toBe(false);
    expect(bad((r) => (r.byStatus = { dnd: { kind: 'voicemail' } } as never))).toBe(false);
    expect(bad((r) => (r.callMe = { enabled: true, number: '' }))).toBe(false);
    // rules stored before CallMe existed read as CallMe off
    const { callMe: _callMe, ...older } = defaultForwardingRules('UTC');
    expect(forwardingRulesSchema.parse(older).callMe).toEqual({ enabled: false, number: '' });
  });
});
