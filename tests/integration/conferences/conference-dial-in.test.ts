/**
 * Conferences on the real engine (issue #14): real Kamailio, UC server, Janus AudioBridge and
 * the conference service. Alice creates a room with Bruno and an external; Alice joins with one
 * call to conf<id> (her identity, no PIN), Bruno dials the dial-in number and types his personal
 * PIN (RFC 4733); each hears the other through the mixer (their werift phones send a tone: the
 * packets they receive stop being silence only once the other is in), alone one hears the room's
 * silence; a caller typing a wrong PIN three times is hung up and never enters the room. Joining
 * leaves a conversation entry (I6) that names the room, for its members only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callHistoryResponseSchema, type CallRecord } from '../../../src-preload/contract/calls';
import {
  conferenceSchema,
  type Conference,
  type ConferenceParticipant,
} from '../../../src-preload/contract/conferences';
import { CallState } from '../../../src-main/core/features/calls/sip/call-state';
import type { DemoUser } from '../../../server/src/features/accounts/demo-users';
import { CONFERENCE_DIAL_IN_NUMBER } from '../../../server/src/features/conferences';
import { createPhone, sleep, waitFor, type TestPhone } from '../../support/engine-harness';
import { loginAccessToken } from '../../support/login-access-token';
import { until } from '../../support/sync-helpers';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

const USERS: DemoUser[] = [
  { number: '100', password: 'Welcome100!', displayName: 'Alice Moderator' },
  { number: '101', password: 'Welcome101!', displayName: 'Bruno Member' },
  { number: '102', password: 'Welcome102!', displayName: 'Chloé Stranger' },
];

describe('conference dial-in through Janus AudioBridge', () => {
  let stack: UcStack;
  let alice: TestPhone;
  let bruno: TestPhone;
  let chloe: TestPhone;
  let token: string;
  let room: Conference;

  async function api(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  }
  async function current(): Promise<Conference> {
    return conferenceSchema.parse(await (await api('GET', `/conferences/${room.id}`)).json());
  }
  async function stateOf(number: string): Promise<ConferenceParticipant['state'] | undefined> {
    return (await current()).participants.find((p) => p.number === number)?.state;
  }

  beforeAll(async () => {
    stack = await startUcStack({
      users: USERS,
      withVoicemail: false,
      withConferences: true,
      conferences: { pinTimeoutMs: 4_000 },
    });
    const sip = { users: await stack.sipUsers(), wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain };
    alice = createPhone(sip, '100');
    bruno = createPhone(sip, '101');
    chloe = createPhone(sip, '102');
    for (const phone of [alice, bruno, chloe]) expect((await phone.engine.start()).status).toBe('registered');
    token = await loginAccessToken(stack.apiUrl, '100', 'Welcome100!');
    const created = await api('POST', '/conferences', {
      name: 'Weekly',
      participants: [
        { kind: 'internal', number: '101' },
        { kind: 'external', name: 'Eve Outside', number: '+33 1 23 45 67 89', email: 'eve@example.org' },
      ],
    });
    expect(created.status, await created.clone().text()).toBe(200);
    room = conferenceSchema.parse(await created.json());
  }, 90_000);

  afterAll(async () => {
    for (const phone of [alice, bruno, chloe]) await phone?.dispose().catch(() => undefined);
    await stack?.stop();
  });

  /** Audible PCMU packets received by the phone's session during `ms`. */
  async function heardDuring(phone: TestPhone, sessionId: string, ms: number): Promise<number> {
    const before = phone.media.stats(sessionId)!;
    await sleep(ms);
    const after = phone.media.stats(sessionId)!;
    expect(after.rxAudioPackets - before.rxAudioPackets, 'RTP keeps flowing').toBeGreaterThan(ms / 20 / 3);
    return after.rxLoudPackets - before.rxLoudPackets;
  }

  it('a member joins with one call, alone with music; a PIN caller joins; each hears the other', async () => {
    const aliceCall = alice.engine.dial(room.joinUri);
    await waitFor('Alice is in the room', () => aliceCall.state === CallState.Established, 15_000);
    const aliceSession = aliceCall.mediaSessionId!;
    await until('Alice waits alone', async () => (await stateOf('100')) === 'waiting', 20_000);
    await sleep(500);
    // alone: she hears the waiting music (the room itself would send her silence: her own tone is not mixed back)
    expect(await heardDuring(alice, aliceSession, 1_500)).toBeGreaterThan(20);

    const brunoPin = room.participants.find((p) => p.number === '101')!.pin!;
    expect(brunoPin).toMatch(/^[0-9]{6}$/);
    const brunoCall = bruno.engine.dial(CONFERENCE_DIAL_IN_NUMBER);
    await waitFor('the service answers Bruno', () => brunoCall.state === CallState.Established, 15_000);
    await sleep(1_000);
    await brunoCall.sendDtmf(`${brunoPin}#`);
    await until('both are active', async () => (await stateOf('101')) === 'active', 30_000);
    expect(await stateOf('100')).toBe('active');
    expect((await current()).activeCount).toBe(2);
    await sleep(1_000);
    const aliceHears = await heardDuring(alice, aliceSession, 2_000);
    const brunoHears = await heardDuring(bruno, brunoCall.mediaSessionId!, 2_000);
    // 20 ms packets: ~100 in 2 s; the mixer's jitter buffer and a loaded machine lose some
    expect(aliceHears).toBeGreaterThan(40);
    expect(brunoHears).toBeGreaterThan(40);

    await brunoCall.hangup();
    await until('Bruno is out', async () => (await stateOf('101')) === 'idle', 15_000);
    await until('Alice waits again', async () => (await stateOf('100')) === 'waiting', 15_000);
    await aliceCall.hangup();
    await until('the room is empty', async () => (await current()).activeCount === 0, 15_000);
  }, 120_000);

  /** The server's call history (issue #13) record of `number`'s call `sipCallId`, once it ended. */
  async function endedRecord(number: string, password: string, sipCallId: string): Promise<CallRecord> {
    const bearer = await loginAccessToken(stack.apiUrl, number, password);
    let record: CallRecord | undefined;
    await until(`${number}'s record of the call`, async () => {
      const res = await fetch(`${stack.apiUrl}/calls?since=0`, { headers: { authorization: `Bearer ${bearer}` } });
      record = callHistoryResponseSchema
        .parse(await res.json())
        .calls.find((c) => c.sipCallId === sipCallId && c.direction === 'out');
      return record?.endedAt !== undefined && record.endedAt !== null;
    });
    return record!;
  }

  it("joining leaves a conversation entry with the room's name, for members only", async () => {
    const joined = alice.engine.dial(room.joinUri);
    await waitFor('Alice is in the room', () => joined.state === CallState.Established, 15_000);
    await joined.hangup();
    const mine = await endedRecord('100', 'Welcome100!', joined.sipCallId!);
    expect(mine.peer).toBe(`conf${room.id}`);
    expect(mine.peerName).toBe('Weekly');

    // Chloé is no member (the service asks her for a PIN): her history does not learn the room's name
    const stranger = chloe.engine.dial(room.joinUri);
    await waitFor('the service answers Chloé', () => stranger.state === CallState.Established, 15_000);
    await stranger.hangup();
    const hers = await endedRecord('102', 'Welcome102!', stranger.sipCallId!);
    expect(hers.peer).toBe(`conf${room.id}`);
    expect(hers.peerName).toBeNull();
  }, 90_000);

  it('hangs up after three wrong PINs', async () => {
    const call = chloe.engine.dial(CONFERENCE_DIAL_IN_NUMBER);
    await waitFor('the service answers', () => call.state === CallState.Established, 15_000);
    await sleep(1_000);
    // typed ahead during the prompt: the service reads them one entry after the other
    await call.sendDtmf('000000#000000#000000#');
    await waitFor('the service hung up', () => call.state === CallState.Terminated, 40_000);
    expect((await current()).activeCount).toBe(0);
  }, 90_000);
});
