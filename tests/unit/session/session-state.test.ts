import { describe, expect, it } from 'vitest';
import { sessionStatusSchema, type SessionStatus } from '../../../src-preload/contract/ipc-contract';
import {
  InvalidSessionTransitionError,
  assertSessionTransition,
  canChangeSession,
  sessionTransitions,
} from '../../../src-main/core/features/session';

const all: SessionStatus[] = [
  'logged-out',
  'connecting',
  'password-change-required',
  'registered',
  'unreachable',
  'auth-failed',
];
const valid: Array<[SessionStatus, SessionStatus]> = [
  ['logged-out', 'connecting'],
  ['connecting', 'registered'],
  ['connecting', 'unreachable'],
  ['connecting', 'auth-failed'],
  ['connecting', 'password-change-required'],
  ['connecting', 'logged-out'],
  ['password-change-required', 'connecting'],
  ['password-change-required', 'logged-out'],
  ['registered', 'unreachable'],
  ['registered', 'connecting'],
  ['registered', 'logged-out'],
  ['unreachable', 'registered'],
  ['unreachable', 'auth-failed'],
  ['unreachable', 'connecting'],
  ['unreachable', 'logged-out'],
  ['auth-failed', 'connecting'],
  ['auth-failed', 'logged-out'],
];

describe('session status transitions', () => {
  it('covers every session status of the contract', () => {
    expect([...sessionStatusSchema.options].sort()).toEqual([...all].sort());
    expect(Object.keys(sessionTransitions).sort()).toEqual([...all].sort());
  });

  it.each(valid)('%s -> %s is allowed', (from, to) => {
    expect(canChangeSession(from, to)).toBe(true);
    expect(() => assertSessionTransition(from, to)).not.toThrow();
  });

  it.each(all)('%s -> %s (same status, new details) is allowed', (s) => {
    expect(canChangeSession(s, s)).toBe(true);
    expect(() => assertSessionTransition(s, s)).not.toThrow();
  });

  const invalid = all.flatMap((from) =>
    all.filter((to) => to !== from && !valid.some(([f, t]) => f === from && t === to)).map((to) => [from, to] as const),
  );

  it('the table lists exactly the valid transitions', () => {
    expect(Object.values(sessionTransitions).reduce((n, l) => n + l.length, 0)).toBe(valid.length);
    expect(invalid.length).toBe(all.length * (all.length - 1) - valid.length);
  });

  it.each(invalid)('%s -> %s throws', (from, to) => {
    expect(canChangeSession(from, to)).toBe(false);
    expect(() => assertSessionTransition(from, to)).toThrow(InvalidSessionTransitionError);
  });

  it('every status can log out and log in again', () => {
    for (const s of all) {
      expect(canChangeSession(s, 'logged-out')).toBe(true);
      expect(canChangeSession(s, 'connecting')).toBe(true);
    }
  });
});
