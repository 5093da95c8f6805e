/**
 * ServiceCalls (server/src/platform/sip-agent): the calls a service's SIP agent handles, ended at
 * stop — BYE when established, 480 when not yet answered — and awaited until their handlers settle.
 */
import { SessionState, type Invitation } from 'sip.js';
import { describe, expect, it } from 'vitest';
import { ServiceCalls } from '../../../../server/src/platform/sip-agent';

/** The two methods and the state ServiceCalls uses of a sip.js Invitation. */
function fakeInvitation(state: SessionState): { invitation: Invitation; ended: string[] } {
  const ended: string[] = [];
  const fake = {
    state,
    bye: () => {
      ended.push('bye');
      return Promise.resolve();
    },
    reject: (options: { statusCode: number }) => {
      ended.push(`reject ${options.statusCode}`);
      return Promise.resolve();
    },
  };
  return { invitation: fake as unknown as Invitation, ended };
}

describe('ServiceCalls', () => {
  it('counts a call until its handler settles', async () => {
    const calls = new ServiceCalls();
    let finish = (): void => undefined;
    const { invitation } = fakeInvitation(SessionState.Established);
    calls.track(invitation, () => new Promise<void>((resolve) => (finish = resolve)));
    expect(calls.size).toBe(1);
    finish();
    await calls.endAll();
    expect(calls.size).toBe(0);
  });

  it('at endAll, says BYE to established calls, 480 to unanswered ones, nothing to ended ones, and waits for every handler', async () => {
    const calls = new ServiceCalls();
    const established = fakeInvitation(SessionState.Established);
    const ringing = fakeInvitation(SessionState.Initial);
    const answering = fakeInvitation(SessionState.Establishing);
    const over = fakeInvitation(SessionState.Terminated);
    const finishers: (() => void)[] = [];
    for (const { invitation } of [established, ringing, answering, over]) {
      calls.track(invitation, () => new Promise<void>((resolve) => finishers.push(resolve)));
    }
    let done = false;
    const ending = calls.endAll().then(() => (done = true));
    await Promise.resolve();
    expect(established.ended).toEqual(['bye']);
    expect(ringing.ended).toEqual(['reject 480']);
    expect(answering.ended).toEqual(['reject 480']);
    expect(over.ended).toEqual([]);
    expect(done).toBe(false);
    for (const finish of finishers) finish();
    await ending;
    expect(done).toBe(true);
    expect(calls.size).toBe(0);
  });
});
