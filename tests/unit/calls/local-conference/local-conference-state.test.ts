/**
 * The local conference's state machine (SPEC F3): every allowed transition,
 * and every other (state, event) pair throws.
 */
import { describe, expect, it } from 'vitest';
import {
  InvalidConferenceTransitionError,
  LocalConferenceEvent as E,
  LocalConferenceState as S,
  localConferenceTransition,
} from '../../../../src-main/core/features/calls/local-conference/local-conference-state';

const allowed: Array<[S, E, S]> = [
  [S.Joining, E.Joined, S.Active],
  [S.Joining, E.Failed, S.Ended],
  [S.Joining, E.Dissolved, S.Ended],
  [S.Active, E.Dissolved, S.Ended],
  [S.Active, E.Leave, S.Ended],
];

describe('local conference state', () => {
  it.each(allowed)('%s --%s--> %s', (from, event, to) => {
    expect(localConferenceTransition(from, event)).toBe(to);
  });

  const invalid = Object.values(S).flatMap((from) =>
    Object.values(E)
      .filter((event) => !allowed.some(([f, e]) => f === from && e === event))
      .map((event) => [from, event] as const),
  );

  it('has invalid pairs to check (joined twice, leave while joining, anything once ended…)', () => {
    expect(invalid).toContainEqual([S.Active, E.Joined]);
    expect(invalid).toContainEqual([S.Joining, E.Leave]);
    expect(invalid).toContainEqual([S.Ended, E.Dissolved]);
    expect(invalid.length).toBe(Object.values(S).length * Object.values(E).length - allowed.length);
  });

  it.each(invalid)('%s --%s--> throws', (from, event) => {
    expect(() => localConferenceTransition(from, event)).toThrow(InvalidConferenceTransitionError);
  });
});
