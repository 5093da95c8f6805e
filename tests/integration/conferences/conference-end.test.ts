/**
 * The end of a room after its last moderator left (issue #14), on the real engine with the
 * server's clock injected: Alice (moderator) and Bruno are in the room; Alice hangs up; the room
 * shows when it ends (5 minutes later) and Bruno stays in it; a moderator coming back cancels it;
 * when she leaves again and the clock passes the 5 minutes, the service hangs Bruno up. Bruno made
 * moderator while in the room keeps it going when Alice leaves (the role now, not at admission).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conferenceSchema, type Conference } from '../../../src-preload/contract/conferences';
import { CallState } from '../../../src-main/core/features/calls/sip/call-state';
import type { DemoUser } from '../../../server/src/features/accounts/demo-users';
import { END_AFTER_LAST_MODERATOR_MS } from '../../../server/src/features/conferences';
import { createPhone, sleep, waitFor, type TestPhone } from '../../support/engine-harness';
import { loginAccessToken } from '../../support/login-access-token';
import { ManualClock } from '../../support/manual-clock';
import { until } from '../../support/sync-helpers';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

const USERS: DemoUser[] = [
  { number: '100', password: 'Welcome100!', displayName: 'Alice Moderator' },
  { number: '101', password: 'Welcome101!', displayName: 'Bruno Member' },
];

describe('a room ends 5 minutes after its last moderator left', () => {
  const clock = new ManualClock(Date.now());
  let stack: UcStack;
  let alice: TestPhone;
  let bruno: TestPhone;
  let token: string;
  let room: Conference;

  async function current(): Promise<Conference> {
    const res = await fetch(`${stack.apiUrl}/conferences/${room.id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return conferenceSchema.parse(await res.json());
  }

  beforeAll(async () => {
    stack = await startUcStack({ users: USERS, withVoicemail: false, withConferences: true, clock });
    const sip = { users: await stack.sipUsers(), wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain };
    alice = createPhone(sip, '100');
    bruno = createPhone(sip, '101');
    for (const phone of [alice, bruno]) expect((await phone.engine.start()).status).toBe('registered');
    token = await loginAccessToken(stack.apiUrl, '100', 'Welcome100!');
    const res = await fetch(`${stack.apiUrl}/conferences`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ending', participants: [{ kind: 'internal', number: '101' }] }),
    });
    room = conferenceSchema.parse(await res.json());
  }, 90_000);

  afterAll(async () => {
    for (const phone of [alice, bruno]) await phone?.dispose().catch(() => undefined);
    await stack?.stop();
  });

  it('announces the end, keeps the others in, and ends the room on time', async () => {
    const brunoCall = bruno.engine.dial(room.joinUri);
    await waitFor('Bruno is in', () => brunoCall.state === CallState.Established, 15_000);
    let aliceCall = alice.engine.dial(room.joinUri);
    await until('both in the room', async () => (await current()).activeCount === 2, 30_000);

    await aliceCall.hangup();
    await until('the room says when it ends', async () => (await current()).endsAt !== null, 15_000);
    expect((await current()).endsAt).toBe(clock.now() + END_AFTER_LAST_MODERATOR_MS);

    // the moderator comes back: no end any more
    aliceCall = alice.engine.dial(room.joinUri);
    await until('the end is cancelled', async () => (await current()).endsAt === null, 30_000);
    await aliceCall.hangup();
    await until('ending again', async () => (await current()).endsAt !== null, 15_000);

    clock.advance(END_AFTER_LAST_MODERATOR_MS - 1_000);
    await sleep(2_500);
    expect(brunoCall.state).toBe(CallState.Established);
    clock.advance(1_000);
    await waitFor('the service hung Bruno up', () => brunoCall.state === CallState.Terminated, 10_000);
    await until('the room is empty and not ending', async () => {
      const now = await current();
      return now.activeCount === 0 && now.endsAt === null;
    });
  }, 120_000);

  it('a moderator disconnects a participant (who may dial in again), then ends the conference', async () => {
    const post = (path: string) =>
      fetch(`${stack.apiUrl}/conferences/${room.id}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
    const aliceCall = alice.engine.dial(room.joinUri);
    let brunoCall = bruno.engine.dial(room.joinUri);
    await until('both in the room', async () => (await current()).activeCount === 2, 30_000);
    const brunoId = (await current()).participants.find((p) => p.number === '101')!.id;

    expect((await post(`/participants/${brunoId}/disconnect`)).status).toBe(200);
    await waitFor('Bruno is hung up', () => brunoCall.state === CallState.Terminated, 10_000);
    expect(aliceCall.state).toBe(CallState.Established);
    brunoCall = bruno.engine.dial(room.joinUri);
    await until('Bruno is back', async () => (await current()).activeCount === 2, 30_000);

    expect((await post('/end')).status).toBe(200);
    await waitFor(
      'everyone is hung up',
      () => brunoCall.state === CallState.Terminated && aliceCall.state === CallState.Terminated,
      10_000,
    );
    await until('the room is empty', async () => (await current()).activeCount === 0);
  }, 120_000);

  it('a participant made moderator in the room keeps it going when the first moderator leaves', async () => {
    const aliceCall = alice.engine.dial(room.joinUri);
    const brunoCall = bruno.engine.dial(room.joinUri);
    await until('both in the room', async () => (await current()).activeCount === 2, 30_000);
    const brunoId = (await current()).participants.find((p) => p.number === '101')!.id;
    const res = await fetch(`${stack.apiUrl}/conferences/${room.id}/participants/${brunoId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ moderator: true }),
    });
    expect(res.status).toBe(200);

    await aliceCall.hangup();
    await until('Bruno is alone in the room', async () => {
      const now = await current();
      return now.participants.find((p) => p.number === '101')?.state === 'waiting';
    });
    // the agent decides right after it marks Bruno alone; no event says "not ending"
    await sleep(1_500);
    expect((await current()).endsAt).toBeNull();
    expect(brunoCall.state).toBe(CallState.Established);
    await brunoCall.hangup();
    await until('the room is empty', async () => (await current()).activeCount === 0);
  }, 120_000);
});
