/**
 * TURN REST credentials (SPEC F5, issue #15; features/ice): the vector was computed apart with
 * `echo -n 1700003600:100 | openssl dgst -sha1 -hmac 0123456789abcdef-shared -binary | base64`,
 * so the test checks the scheme coturn's use-auth-secret expects, not our own code against itself.
 */
import { describe, expect, it } from 'vitest';
import { iceServersFor, turnRestCredentials } from '../../../server/src/features/ice';
import { resolveServerConfig } from '../../../server/src/platform/config';

const SECRET = '0123456789abcdef-shared';

describe('turnRestCredentials', () => {
  it('user name expiry:user, password base64(HMAC-SHA1(secret, user name))', () => {
    const c = turnRestCredentials(SECRET, '100', 1_700_000_000_000, 3600);
    expect(c).toEqual({
      username: '1700003600:100',
      credential: 'pnV31fxIbIlNLaoW6t64NFw0yNY=',
      expiresAt: 1_700_003_600_000,
    });
  });

  it('differs per user and per moment; refuses a user with ":"', () => {
    const a = turnRestCredentials(SECRET, '100', 1_700_000_000_000, 3600);
    const b = turnRestCredentials(SECRET, '101', 1_700_000_000_000, 3600);
    const later = turnRestCredentials(SECRET, '100', 1_700_000_060_000, 3600);
    expect(new Set([a.credential, b.credential, later.credential]).size).toBe(3);
    expect(() => turnRestCredentials(SECRET, 'a:b', 0, 60)).toThrow(/cannot contain/);
  });
});

describe('iceServersFor and the TURN config', () => {
  const clock = { now: () => 1_700_000_000_000 };

  it('static servers only without TURN; with TURN, per-user credentials after them', () => {
    const plain = resolveServerConfig(
      { iceServers: '[{"urls":"stun:127.0.0.1:3478"}]', dataDir: '/tmp/x' },
      {
        tokenSecret: Buffer.alloc(32),
      },
    );
    expect(iceServersFor({ config: plain, clock } as never, '100')).toEqual({
      iceServers: [{ urls: 'stun:127.0.0.1:3478' }],
      expiresAt: null,
    });
    const turn = resolveServerConfig(
      {
        turnUrls: 'turn:127.0.0.1:3478?transport=udp, turn:127.0.0.1:3478?transport=tcp',
        turnSecret: SECRET,
        dataDir: '/tmp/x',
      },
      { tokenSecret: Buffer.alloc(32) },
    );
    expect(turn.turn).toEqual({
      urls: ['turn:127.0.0.1:3478?transport=udp', 'turn:127.0.0.1:3478?transport=tcp'],
      secret: SECRET,
      ttlS: 3600,
    });
    expect(iceServersFor({ config: turn, clock } as never, '100')).toEqual({
      iceServers: [
        {
          urls: ['turn:127.0.0.1:3478?transport=udp', 'turn:127.0.0.1:3478?transport=tcp'],
          username: '1700003600:100',
          credential: 'pnV31fxIbIlNLaoW6t64NFw0yNY=',
        },
      ],
      expiresAt: 1_700_003_600_000,
    });
  });

  it.each([
    [{ turnUrls: 'turn:h:1' }, /go together/],
    [{ turnSecret: SECRET }, /go together/],
    [{ turnUrls: 'http://h', turnSecret: SECRET }, /expected turn:/],
    [{ turnUrls: 'turn:h:1', turnSecret: 'short' }, /16 characters/],
    [{ turnUrls: 'turn:h:1', turnSecret: SECRET, turnTtlS: '999999' }, /turn-ttl-s/],
  ])('refuses a bad TURN config %j', (input, message) => {
    expect(() => resolveServerConfig({ ...input, dataDir: '/tmp/x' }, { tokenSecret: Buffer.alloc(32) })).toThrow(
      message,
    );
  });
});
