import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sipHa1 } from '../../../server/src/features/accounts/kamailio-subscriber';
import { signAccessToken, verifyAccessToken } from '../../../server/src/platform/auth/access-token';
import { LoginThrottle } from '../../../server/src/features/auth/login-throttle';
import { hashPassword, verifyPassword } from '../../../server/src/features/accounts/password-hash';
import {
  DEFAULT_LOGIN_LIMITS,
  loadTokenSecret,
  parseTrustProxy,
  resolveServerConfig,
} from '../../../server/src/platform/config';
import { openDatabase, parseDatabaseUrl } from '../../../server/src/platform/db/database';
import { sql } from 'kysely';
import { parseUsers } from '../../../server/src/features/accounts/demo-users';
import { renderKamailioConfig } from '../../../server/stack/kamailio-config';

const secret = Buffer.alloc(32, 7);

describe('access tokens (HMAC-SHA256)', () => {
  const claims = { sub: 1, num: '100', scope: 'full' as const, iat: 1000, exp: 2000 };

  it('verifies its own tokens until they expire', () => {
    const token = signAccessToken(claims, secret);
    expect(verifyAccessToken(token, secret, 1999)).toEqual(claims);
    expect(verifyAccessToken(token, secret, 2000)).toBeUndefined();
  });

  it('rejects another key, a changed payload and garbage', () => {
    const token = signAccessToken(claims, secret);
    expect(verifyAccessToken(token, Buffer.alloc(32, 8), 1500)).toBeUndefined();
    const [p, , m] = token.split('.');
    const other = Buffer.from(JSON.stringify({ ...claims, num: '101' })).toString('base64url');
    expect(verifyAccessToken(`${p}.${other}.${m}`, secret, 1500)).toBeUndefined();
    for (const bad of ['', 'a.b', 'v1..', 'v2.x.y']) expect(verifyAccessToken(bad, secret, 1500)).toBeUndefined();
  });
});

describe('scrypt password hashes', () => {
  it('salts per hash and verifies only the right password', async () => {
    const [a, b] = [await hashPassword('Welcome100!'), await hashPassword('Welcome100!')];
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('Welcome100!', a)).toBe(true);
    expect(await verifyPassword('welcome100!', a)).toBe(false);
    expect(await verifyPassword('Welcome100!', 'not-a-hash')).toBe(false);
  });
});

describe('login throttle', () => {
  const limits = {
    ...DEFAULT_LOGIN_LIMITS,
    ipMaxFailures: 3,
    ipWindowMs: 10_000,
    accountMaxFailures: 4,
    accountWindowMs: 60_000,
    accountSlowdownMs: 700,
  };

  it('blocks a source after N failures in the window (any account) and frees it afterwards', () => {
    let now = 0;
    const throttle = new LoginThrottle(limits, { now: () => now });
    for (const user of ['100', '101', '999']) {
      expect(throttle.attempt(user, '1.2.3.4').kind).toBe('try');
      throttle.recordFailure(user, '1.2.3.4');
      now += 1000;
    }
    // oldest failure at t=0 leaves the window at t=10 s; now = 3 s
    expect(throttle.verdict('102', '1.2.3.4')).toEqual({ kind: 'wait', retryAfterS: 7, why: 'source' });
    expect(throttle.verdict('102', '5.6.7.8').kind).toBe('try');
    now = 10_001;
    expect(throttle.verdict('102', '1.2.3.4').kind).toBe('try');
  });

  it('backs off one (account, source) pair exponentially and leaves the account open from another source', () => {
    let now = 0;
    const throttle = new LoginThrottle({ ...limits, ipMaxFailures: 1000 }, { now: () => now });
    const fail = (): void => {
      expect(throttle.attempt('101', '6.6.6.6').kind).toBe('try');
      throttle.recordFailure('101', '6.6.6.6');
    };
    for (let i = 0; i < 3; i++) fail();
    expect(throttle.verdict('101', '6.6.6.6')).toEqual({ kind: 'wait', retryAfterS: 1, why: 'account-source' });
    expect(throttle.verdict('101', '10.0.0.1')).toEqual({ kind: 'try', delayMs: 0 });
    now += 1000;
    fail();
    expect(throttle.verdict('101', '6.6.6.6')).toMatchObject({ kind: 'wait', retryAfterS: 2 });
    expect(throttle.backoffMs(3 + 20)).toBe(limits.maxLockMs);
    // a success resets that pair only
    throttle.recordSuccess('101', '6.6.6.6');
    expect(throttle.verdict('101', '6.6.6.6').kind).toBe('try');
  });

  it('counts an attempt before its outcome: parallel guesses from one source cannot all pass', () => {
    const throttle = new LoginThrottle({ ...limits, ipMaxFailures: 1000 }, { now: () => 0 });
    const verdicts = Array.from({ length: 5 }, () => throttle.attempt('101', '6.6.6.6').kind);
    expect(verdicts).toEqual(['try', 'try', 'try', 'wait', 'wait']);
  });

  it('slows, never refuses, an account failing from many sources', () => {
    const throttle = new LoginThrottle({ ...limits, ipMaxFailures: 1000 }, { now: () => 0 });
    for (let i = 0; i < 4; i++) throttle.recordFailure('101', `6.6.6.${i}`);
    expect(throttle.verdict('101', '10.0.0.1')).toEqual({ kind: 'try', delayMs: 700 });
    expect(throttle.verdict('100', '10.0.0.1')).toEqual({ kind: 'try', delayMs: 0 });
  });
});

describe('trustProxy setting', () => {
  it('is off by default and takes proxy addresses or true', () => {
    for (const off of [undefined, '', 'false', 'off']) expect(parseTrustProxy(off)).toBe(false);
    expect(parseTrustProxy('true')).toBe(true);
    expect(parseTrustProxy('127.0.0.1, 10.0.0.0/8,::1')).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    expect(() => parseTrustProxy('proxy.example.com')).toThrow(/--trust-proxy/);
    expect(resolveServerConfig({ dataDir: '/nonexistent' }, { tokenSecret: secret }).trustProxy).toBe(false);
  });
});

describe('SIP HA1 for Kamailio', () => {
  it('is MD5(user:realm:password) (RFC 2617)', () => {
    // echo -n '100:127.0.0.1:Welcome100!' | md5sum
    expect(sipHa1('100', '127.0.0.1', 'Welcome100!').ha1).toBe('d910dd858414bea46a331aa9af753568');
  });
});

describe('server config', () => {
  it('defaults to 127.0.0.1:8802 and SQLite in the data dir, and validates', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-cfg-'));
    try {
      const config = resolveServerConfig({ dataDir: dir });
      expect(config.port).toBe(8802);
      expect(config.host).toBe('127.0.0.1');
      expect(config.databaseUrl).toBe(`sqlite:${join(dir, 'uc-server.sqlite')}`);
      expect(config.accessTokenTtlMs).toBe(15 * 60_000);
      expect(() => resolveServerConfig({ dataDir: dir, port: 'x' })).toThrow(/--port/);
      expect(() => resolveServerConfig({ dataDir: dir, sipWsUrl: 'http://x' })).toThrow(/--sip-ws-url/);
      expect(() => resolveServerConfig({ dataDir: dir, iceServers: '[1]' })).toThrow(/--ice-servers/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('generates the token secret once (0600) and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-cfg-'));
    try {
      const first = loadTokenSecret(undefined, dir);
      expect(first.length).toBe(32);
      expect(statSync(join(dir, 'token-secret')).mode & 0o777).toBe(0o600);
      expect(loadTokenSecret(undefined, dir).equals(first)).toBe(true);
      expect(readFileSync(join(dir, 'token-secret'), 'utf8').trim()).toBe(first.toString('hex'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('opens SQLite so that an acknowledged write survives a power loss (WAL, synchronous FULL)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-srvdb-'));
    const { db, close } = await openDatabase(`sqlite:${join(dir, 'uc.sqlite')}`, { migrations: [] });
    try {
      const mode = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(db);
      expect(mode.rows[0]?.synchronous).toBe(2);
      const journal = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(db);
      expect(journal.rows[0]?.journal_mode).toBe('wal');
    } finally {
      await close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('parses database URLs', () => {
    expect(parseDatabaseUrl('sqlite:/tmp/x.sqlite')).toEqual({ dialect: 'sqlite', path: '/tmp/x.sqlite' });
    expect(parseDatabaseUrl('postgres://u@h:5432/db')).toEqual({ dialect: 'postgres', url: 'postgres://u@h:5432/db' });
    expect(() => parseDatabaseUrl('mysql://x')).toThrow(/sqlite:PATH or postgres/);
  });
});

describe('Kamailio config and demo users for server auth', () => {
  it('points auth_db at the auth db, reads ha1 and challenges with one realm', () => {
    const cfg = renderKamailioConfig({
      host: '127.0.0.1',
      wsPort: 1000,
      udpPort: 1001,
      dbPath: '/tmp/kam.sqlite',
      authDbPath: '/tmp/uc-server.sqlite',
      ctlSocket: '/tmp/ctl',
    });
    expect(cfg).toContain('#!define AUTH_DBURL "sqlite:///tmp/uc-server.sqlite"');
    expect(cfg).toContain('modparam("auth_db", "db_url", AUTH_DBURL)');
    expect(cfg).toContain('modparam("auth_db", "calculate_ha1", no)');
    expect(cfg).toContain('modparam("auth_db", "password_column", "ha1")');
    // flags 0: who may speak for whom (an account, or one of its devices) is route[DEVICE_IDENTITY]
    expect(cfg).toContain('auth_check("127.0.0.1", "subscriber", "0")');
    expect(cfg).toContain('if ($var(auth) > 0 && !route(DEVICE_IDENTITY)) $var(auth) = -8;');
    expect(cfg).toContain('modparam("presence", "db_url", DBURL)');
  });

  it('reads the mustChangePassword flag of demo users', () => {
    const users = parseUsers([
      { number: '100', password: 'p', displayName: 'A' },
      { number: '102', password: 'p', displayName: 'C', mustChangePassword: true },
    ]);
    expect(users.map((u) => u.mustChangePassword)).toEqual([false, true]);
    expect(() => parseUsers([{ number: '1', password: 'p', displayName: 'A', mustChangePassword: 'yes' }])).toThrow(
      /mustChangePassword/,
    );
  });
});
