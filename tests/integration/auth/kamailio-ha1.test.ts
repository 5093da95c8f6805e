import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseDigestChallenge } from '../../../server/stack/sip-digest';
import { SipWsProbe, sipHeader } from '../../../server/stack/sip-ws-probe';
import { sipHa1 } from '../../../server/src/features/accounts/kamailio-subscriber';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

// Kamailio authenticates SIP against the UC server's accounts: auth_db reads
// the HA1 the server writes into its own SQLite database. The SIP password is
// a random secret of the account that the server provisions to its clients,
// not the account password (issue #10: a leaked subscriber table cracks nothing
// the user typed), and it rotates with every password change.

async function post(stack: UcStack, path: string, body: unknown, token?: string): Promise<Response> {
  return fetch(`${stack.apiUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

describe('Kamailio authenticates against the UC server accounts (SQLite, HA1)', () => {
  let stack: UcStack;
  const probes: SipWsProbe[] = [];

  async function probe(domain = '127.0.0.1'): Promise<SipWsProbe> {
    const p = await SipWsProbe.connect(stack.kamailio.wsUrl, domain);
    probes.push(p);
    return p;
  }

  beforeAll(async () => {
    stack = await startUcStack({ database: 'sqlite' });
  });
  afterEach(async () => {
    await Promise.all(probes.splice(0).map((p) => p.close()));
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('stores only the HA1 (no plain password) with realm = SIP domain', async () => {
    const rows = await stack.ctx!.db.selectFrom('subscriber').selectAll().orderBy('username').execute();
    // + the voicemail service's own SIP user (SPEC H; no UC account)
    expect(rows.map((r) => r.username)).toEqual([...stack.users.map((u) => u.number), 'voicemail']);
    for (const row of rows) {
      expect(row.password).toBe('');
      expect(row.domain).toBe('127.0.0.1');
      expect(row.ha1).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('password oracle: a leaked subscriber table does not crack the account password (the HA1 is of a random SIP secret)', async () => {
    const rows = await stack.ctx!.db.selectFrom('subscriber').selectAll().execute();
    for (const user of stack.users) {
      const row = rows.find((r) => r.username === user.number)!;
      // what an attacker would try first: the HA1 of the password the user logs in with
      expect(row.ha1).not.toBe(sipHa1(user.number, '127.0.0.1', user.password).ha1);
      expect(row.ha1).toBe(sipHa1(user.number, '127.0.0.1', await stack.sipPasswordOf(user.number)).ha1);
      expect(await stack.sipPasswordOf(user.number)).toMatch(/^[A-Za-z0-9_-]{32}$/);
    }
  });

  it('REGISTER with the provisioned SIP secret succeeds; the account password and a wrong one fail', async () => {
    const p = await probe();
    const challenge = await p.register('100', undefined);
    expect(challenge.status).toBe(401);
    expect(parseDigestChallenge(sipHeader(challenge, 'www-authenticate') ?? '').realm).toBe('127.0.0.1');
    expect((await p.register('100', await stack.sipPasswordOf('100'))).status).toBe(200);
    const q = await probe();
    expect((await q.register('101', 'Wrong-pass1')).status).not.toBe(200);
    const r = await probe();
    expect((await r.register('101', 'Welcome101!')).status).not.toBe(200);
  });

  it('provisions the SIP secret to a client that logged in, and only to it', async () => {
    const login = await post(stack, '/auth/login', { user: '101', password: 'Welcome101!' });
    const body = (await login.json()) as { provisioning: { sipUser: string; sipPassword: string } };
    expect(body.provisioning).toMatchObject({ sipUser: '101', sipPassword: await stack.sipPasswordOf('101') });
    const me = await fetch(`${stack.apiUrl}/me`);
    expect(me.status).toBe(401);
  });

  it('authenticates the domain aliases with the same realm', async () => {
    const p = await probe('uc.test');
    expect((await p.register('101', await stack.sipPasswordOf('101'))).status).toBe(200);
  });

  it('a password change rotates the SIP secret: the new one (provisioned in the reply) works, the old one does not', async () => {
    const oldSecret = await stack.sipPasswordOf('102');
    // 102 must change its password at first login
    const login = await post(stack, '/auth/login', { user: '102', password: 'Welcome102!' });
    expect(login.status).toBe(200);
    const { accessToken, mustChangePassword } = (await login.json()) as {
      accessToken: string;
      mustChangePassword: boolean;
    };
    expect(mustChangePassword).toBe(true);
    const change = await post(
      stack,
      '/auth/password',
      { currentPassword: 'Welcome102!', newPassword: 'N3w-Secret!' },
      accessToken,
    );
    expect(change.status).toBe(200);
    const { provisioning } = (await change.json()) as { provisioning: { sipPassword: string } };
    expect(provisioning.sipPassword).not.toBe(oldSecret);
    expect(provisioning.sipPassword).toBe(await stack.sipPasswordOf('102'));

    const p = await probe();
    expect((await p.register('102', provisioning.sipPassword)).status).toBe(200);
    const q = await probe();
    expect((await q.register('102', oldSecret)).status).not.toBe(200);
    const r = await probe();
    expect((await r.register('102', 'N3w-Secret!')).status).not.toBe(200);
  });

  it('an account created later can register at once (Kamailio reads the live db)', async () => {
    const { createAccount } = await import('../../../server/src/features/accounts/account-service');
    await createAccount(stack.ctx!, { number: '150', displayName: 'Late Comer', password: 'Late150!pw' });
    const p = await probe();
    expect((await p.register('150', await stack.sipPasswordOf('150'))).status).toBe(200);
  });
});

describe('UC stack on PostgreSQL', () => {
  let stack: UcStack;
  beforeAll(async () => {
    stack = await startUcStack({ database: 'postgres' });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('serves the API from PostgreSQL and Kamailio still registers the demo users', async () => {
    expect(stack.databaseUrl).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\//);
    const login = await post(stack, '/auth/login', { user: '100', password: 'Welcome100!' });
    expect(login.status).toBe(200);
    // PostgreSQL mode: Kamailio (no db_postgres module here) uses its own seeded subscriber table
    const p = await SipWsProbe.connect(stack.kamailio.wsUrl, stack.kamailio.domain);
    try {
      expect((await p.register('100', 'Welcome100!')).status).toBe(200);
    } finally {
      await p.close();
    }
  });
});
