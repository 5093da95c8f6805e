import { describe, expect, it } from 'vitest';
import { callStateSchema } from '../../../../src-preload/contract/ipc-contract';
import {
  CallEvent,
  CallState,
  InvalidTransitionError,
  callTransitions,
  canTransition,
  initialCallState,
  transition,
} from '../../../../src-main/core/features/calls/sip/call-state';

/** Every valid transition, written out by hand (the spec the table must match). */
const valid: Array<[CallState, CallEvent, CallState]> = [
  [CallState.Dialing, CallEvent.Progress, CallState.RingingOut],
  [CallState.RingingOut, CallEvent.Progress, CallState.RingingOut],
  [CallState.Dialing, CallEvent.Accepted, CallState.Established],
  [CallState.RingingOut, CallEvent.Accepted, CallState.Established],
  [CallState.RingingIn, CallEvent.Answer, CallState.Answering],
  [CallState.Answering, CallEvent.Accepted, CallState.Established],
  [CallState.Established, CallEvent.Hold, CallState.Held],
  [CallState.Held, CallEvent.Resume, CallState.Established],
  [CallState.Dialing, CallEvent.Terminate, CallState.Terminating],
  [CallState.RingingOut, CallEvent.Terminate, CallState.Terminating],
  [CallState.RingingIn, CallEvent.Terminate, CallState.Terminating],
  [CallState.Answering, CallEvent.Terminate, CallState.Terminating],
  [CallState.Established, CallEvent.Terminate, CallState.Terminating],
  [CallState.Held, CallEvent.Terminate, CallState.Terminating],
  [CallState.Dialing, CallEvent.Ended, CallState.Terminated],
  [CallState.RingingOut, CallEvent.Ended, CallState.Terminated],
  [CallState.RingingIn, CallEvent.Ended, CallState.Terminated],
  [CallState.Answering, CallEvent.Ended, CallState.Terminated],
  [CallState.Established, CallEvent.Ended, CallState.Terminated],
  [CallState.Held, CallEvent.Ended, CallState.Terminated],
  [CallState.Terminating, CallEvent.Ended, CallState.Terminated],
];

describe('call state machine', () => {
  it('uses exactly the contract state names', () => {
    expect(Object.values(CallState).sort()).toEqual([...callStateSchema.options].sort());
  });

  it('starts outgoing calls in dialing and incoming calls in ringing-in', () => {
    expect(initialCallState('outgoing')).toBe(CallState.Dialing);
    expect(initialCallState('incoming')).toBe(CallState.RingingIn);
  });

  it.each(valid)('%s --%s--> %s', (from, event, to) => {
    expect(canTransition(from, event)).toBe(true);
    expect(transition(from, event)).toBe(to);
  });

  it('has no transition beyond the listed ones', () => {
    let count = 0;
    for (const [, events] of callTransitions) count += events.size;
    expect(count).toBe(valid.length);
  });

  const isValid = (from: CallState, event: CallEvent): boolean => valid.some(([f, e]) => f === from && e === event);
  const invalid: Array<[CallState, CallEvent]> = [];
  for (const from of Object.values(CallState)) {
    for (const event of Object.values(CallEvent)) if (!isValid(from, event)) invalid.push([from, event]);
  }

  it('leaves many combinations invalid', () => {
    expect(invalid.length).toBe(Object.values(CallState).length * Object.values(CallEvent).length - valid.length);
  });

  it.each(invalid)('rejects %s --%s-->', (from, event) => {
    expect(canTransition(from, event)).toBe(false);
    expect(() => transition(from, event)).toThrow(InvalidTransitionError);
    try {
      transition(from, event);
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidTransitionError);
      expect((err as InvalidTransitionError).from).toBe(from);
      expect((err as InvalidTransitionError).event).toBe(event);
    }
  });

  it('treats terminated as final', () => {
    for (const event of Object.values(CallEvent)) expect(canTransition(CallState.Terminated, event)).toBe(false);
  });
});
