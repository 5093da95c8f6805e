import { describe, expect, it } from 'vitest';
import { sessionStatusSchema } from '../../../../src-preload/contract/ipc-contract';
import {
  InvalidRegistrationTransitionError,
  assertRegistrationTransition,
  canChangeRegistration,
  registrationTransitions,
  type RegistrationStatus,
} from '../../../../src-preload/contract/sip/registration-state';

const all: RegistrationStatus[] = ['stopped', 'connecting', 'registered', 'unreachable', 'auth-failed'];
const valid: Array<[RegistrationStatus, RegistrationStatus]> = [
  ['stopped', 'connecting'],
  ['connecting', 'registered'],
  ['connecting', 'unreachable'],
  ['connecting', 'auth-failed'],
  ['connecting', 'stopped'],
  ['registered', 'unreachable'],
  ['registered', 'stopped'],
  ['unreachable', 'registered'],
  ['unreachable', 'auth-failed'],
  ['unreachable', 'stopped'],
  ['auth-failed', 'stopped'],
];

describe('registration status transitions', () => {
  it('covers every session status of the contract except logged-out (= stopped) and the UC-only password-change-required', () => {
    const sipOnly = (s: string) => s !== 'logged-out' && s !== 'password-change-required';
    expect([...sessionStatusSchema.options].filter(sipOnly).sort()).toEqual(all.filter((s) => s !== 'stopped').sort());
  });

  it.each(valid)('%s -> %s is allowed', (from, to) => {
    expect(canChangeRegistration(from, to)).toBe(true);
    expect(() => assertRegistrationTransition(from, to)).not.toThrow();
  });

  it.each(all)('%s -> %s (same status, new details) is allowed', (s) => {
    expect(canChangeRegistration(s, s)).toBe(true);
  });

  const invalid = all.flatMap((from) =>
    all.filter((to) => to !== from && !valid.some(([f, t]) => f === from && t === to)).map((to) => [from, to] as const),
  );

  it('the table lists exactly the valid transitions', () => {
    expect(Object.values(registrationTransitions).reduce((n, l) => n + l.length, 0)).toBe(valid.length);
    expect(invalid.length).toBe(all.length * (all.length - 1) - valid.length);
  });

  it.each(invalid)('%s -> %s throws', (from, to) => {
    expect(canChangeRegistration(from, to)).toBe(false);
    expect(() => assertRegistrationTransition(from, to)).toThrow(InvalidRegistrationTransitionError);
  });

  it('auth-failed is a dead end until stop', () => {
    expect(registrationTransitions['auth-failed']).toEqual(['stopped']);
  });
});
