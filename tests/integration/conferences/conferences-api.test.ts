/**
 * The conferences API of the real UC server (SPEC I1–I4) on SQLite and PostgreSQL: create (the
 * creator moderates), add colleagues and externals with personal PINs, rename, guest PIN, at
 * least one moderator, 16 participants at most; only members see a room (404 for others), only
 * moderators change it (403); anonymous callers get 401; members are told `conferences-changed`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  conferenceListSchema,
  conferenceSchema,
  MAX_CONFERENCE_PARTICIPANTS,
  type Conference,
} from '../../../src-preload/contract/conferences';
import type { DemoUser } from '../../../server/src/features/accounts/demo-users';
import { loginAccessToken } from '../../support/login-access-token';
import { openLiveEvents } from '../../support/open-live-events';
import { until } from '../../support/sync-helpers';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

const USERS: DemoUser[] = [
  { number: '100', password: 'Welcome100!', displayName: 'Alice Martin' },
  { number: '101', password: 'Welcome101!', displayName: 'Bruno Müller' },
  { number: '102', password: 'Welcome102!', displayName: 'Chloé Dubois' },
];

describe.each(['sqlite', 'postgres'] as const)('conferences API on %s', (database) => {
  let stack: UcStack;
  const tokens: Record<string, string> = {};

  function call(method: string, path: string, token: string | undefined, body?: unknown): Promise<Response> {
    return fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  }
  async function ok(response: Promise<Response>): Promise<Conference> {
    const res = await response;
    expect(res.status, await res.clone().text()).toBe(200);
    return conferenceSchema.parse(await res.json());
  }

  beforeAll(async () => {
    stack = await startUcStack({ database, users: USERS, withKamailio: false });
    for (const u of USERS) tokens[u.number] = await loginAccessToken(stack.apiUrl, u.number, u.password);
  }, 60_000);
  afterAll(async () => stack?.stop());

  it('creates, lists and changes a room; PINs are personal; only members see it', async () => {
    expect((await call('GET', '/conferences', undefined)).status).toBe(401);
    const brunoLive = await openLiveEvents(stack.apiUrl, tokens['101']!);
    const room = await ok(
      call('POST', '/conferences', tokens['100'], {
        name: 'Weekly',
        participants: [
          { kind: 'internal', number: '101' },
          { kind: 'external', name: 'Eve Outside', number: '+33 1 23 45 67 89', email: 'eve@example.org' },
        ],
      }),
    );
    expect(room.moderator).toBe(true);
    expect(room.dialIn).toBe('7000');
    expect(room.joinUri).toBe(`sip:conf${room.id}@127.0.0.1`);
    expect(room.guestPin).toBeNull();
    expect(room.participants.map((p) => [p.kind, p.number, p.moderator, p.state])).toEqual([
      ['internal', '100', true, 'idle'],
      ['internal', '101', false, 'idle'],
      ['external', '+33 1 23 45 67 89', false, 'idle'],
    ]);
    const pins = room.participants.map((p) => p.pin);
    expect(new Set(pins).size).toBe(3);
    for (const pin of pins) expect(pin).toMatch(/^[0-9]{6}$/);
    await until('Bruno is told', () => brunoLive.events.some((e) => e.type === 'conferences-changed'));
    brunoLive.close();

    // Bruno sees the room, his own PIN only, and cannot change it
    const brunos = conferenceListSchema.parse(await (await call('GET', '/conferences', tokens['101'])).json());
    expect(brunos.conferences.map((c) => c.id)).toEqual([room.id]);
    const seen = brunos.conferences[0]!;
    expect(seen.moderator).toBe(false);
    expect(seen.participants.map((p) => p.pin)).toEqual([null, pins[1], null]);
    expect((await call('PATCH', `/conferences/${room.id}`, tokens['101'], { name: 'Mine' })).status).toBe(403);
    expect((await call('DELETE', `/conferences/${room.id}`, tokens['101'])).status).toBe(403);
    // Chloé is not a member: the room does not exist for her
    expect((await call('GET', `/conferences/${room.id}`, tokens['102'])).status).toBe(404);
    expect((await call('PATCH', `/conferences/${room.id}`, tokens['102'], { name: 'X' })).status).toBe(404);
    const chloes = conferenceListSchema.parse(await (await call('GET', '/conferences', tokens['102'])).json());
    expect(chloes.conferences).toEqual([]);

    const renamed = await ok(
      call('PATCH', `/conferences/${room.id}`, tokens['100'], { name: 'Weekly sync', guestPinEnabled: true }),
    );
    expect(renamed.name).toBe('Weekly sync');
    expect(renamed.guestPin).toMatch(/^[0-9]{6}$/);
    expect(pins).not.toContain(renamed.guestPin);
  });

  it('keeps at least one moderator; externals cannot moderate; 16 participants at most', async () => {
    const room = await ok(call('POST', '/conferences', tokens['100'], { name: 'Rules' }));
    const alice = room.participants[0]!;
    expect(
      (await call('PATCH', `/conferences/${room.id}/participants/${alice.id}`, tokens['100'], { moderator: false }))
        .status,
    ).toBe(400);
    const withBruno = await ok(
      call('POST', `/conferences/${room.id}/participants`, tokens['100'], { kind: 'internal', number: '101' }),
    );
    expect(
      (await call('POST', `/conferences/${room.id}/participants`, tokens['100'], { kind: 'internal', number: '101' }))
        .status,
    ).toBe(400);
    expect(
      (await call('POST', `/conferences/${room.id}/participants`, tokens['100'], { kind: 'internal', number: '999' }))
        .status,
    ).toBe(400);
    const bruno = withBruno.participants.find((p) => p.number === '101')!;
    await ok(call('PATCH', `/conferences/${room.id}/participants/${bruno.id}`, tokens['100'], { moderator: true }));
    // Alice drops her own role; Bruno is moderator now
    const after = await ok(
      call('PATCH', `/conferences/${room.id}/participants/${alice.id}`, tokens['100'], { moderator: false }),
    );
    expect(after.moderator).toBe(false);
    expect(after.participants.filter((p) => p.moderator).map((p) => p.number)).toEqual(['101']);
    expect((await call('DELETE', `/conferences/${room.id}/participants/${bruno.id}`, tokens['100'])).status).toBe(403);
    let current = after;
    for (let i = current.participants.length; i < MAX_CONFERENCE_PARTICIPANTS; i += 1) {
      current = await ok(
        call('POST', `/conferences/${room.id}/participants`, tokens['101'], {
          kind: 'external',
          name: `Guest ${i}`,
          number: '',
        }),
      );
    }
    expect(current.participants).toHaveLength(MAX_CONFERENCE_PARTICIPANTS);
    const extra = await call('POST', `/conferences/${room.id}/participants`, tokens['101'], {
      kind: 'external',
      name: 'One too many',
      number: '',
    });
    expect(extra.status).toBe(400);
    const external = current.participants.find((p) => p.kind === 'external')!;
    expect(
      (await call('PATCH', `/conferences/${room.id}/participants/${external.id}`, tokens['101'], { moderator: true }))
        .status,
    ).toBe(400);
    expect((await call('POST', '/conferences', tokens['100'], { name: '' })).status).toBe(400);
    expect((await call('DELETE', `/conferences/${room.id}`, tokens['101'])).status).toBe(204);
    expect((await call('GET', `/conferences/${room.id}`, tokens['101'])).status).toBe(404);
  });
});
