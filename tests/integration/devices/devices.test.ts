/**
 * Plain SIP devices (issue #12): an administrator adds a desk phone for a user with the CLI, the
 * phone (baresip 1.0, an independent SIP stack) registers with its own credentials under the user's
 * AOR over UDP, TCP or TLS and calls as the user; the user's app and desk phone ring together and the
 * first to answer wins; phones on the proxy's own host get their in-dialog requests (REFER, BYE);
 * the phone's MWI subscription is accepted and refreshed; removing the device drops it.
 *
 * Real Kamailio + UC server (SQLite) on random 127.0.0.1 ports, no rtpengine: desk phone to desk
 * phone is plain RTP both ends; the app ↔ desk phone fork is checked at the SIP level.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoUser } from '../../../server/src/features/accounts/demo-users';
import { addDevice, listDevices, removeDevice } from '../../../server/src/features/devices';
import { KamailioRpc } from '../../../server/src/platform/kamailio-rpc';
import { kamailioSecretOf } from '../../../server/src/platform/kamailio-secret';
import { BaresipClient } from '../../support/baresip-client';
import { SipUdpClient } from '../../support/sip-udp-client';
import { testTls } from '../../support/test-tls';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(REPO, 'node_modules/.bin/tsx');

const USERS: DemoUser[] = [
  { number: '100', password: 'Welcome100!', displayName: 'Alice Desk' },
  { number: '101', password: 'Welcome101!', displayName: 'Bruno Phone' },
  { number: '102', password: 'Welcome102!', displayName: 'Chloé Caller' },
];

/** The values `add-device` prints, by name (SIP_USER=100 …). */
function printed(output: string): Map<string, string> {
  return new Map([...output.matchAll(/^([A-Z_]+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
}

describe('plain SIP devices (desk phones) of a user', () => {
  let stack: UcStack;
  let rpc: KamailioRpc;
  const phones: BaresipClient[] = [];
  const clients: SipUdpClient[] = [];
  let udpPort: number;
  let tlsPort: number;

  /** the contacts Kamailio holds for a user's AOR (usrloc) */
  const contactsOf = async (number: string): Promise<string[]> => {
    const result = (await rpc.call('ul.lookup', ['location', number]).catch(() => undefined)) as
      { Contacts?: Array<{ Contact?: { Address?: string } }> } | undefined;
    return (result?.Contacts ?? []).map((c) => c.Contact?.Address ?? '');
  };

  const phone = async (options: Parameters<typeof BaresipClient.start>[0]): Promise<BaresipClient> => {
    const started = await BaresipClient.start(options);
    phones.push(started);
    return started;
  };

  const proxy = (): { host: string; udpPort: number; tlsPort: number } => ({ host: '127.0.0.1', udpPort, tlsPort });

  beforeAll(async () => {
    stack = await startUcStack({ users: USERS, withVoicemail: false });
    udpPort = stack.kamailio.process.udpPort;
    tlsPort = stack.kamailio.process.sipTlsPort!;
    rpc = new KamailioRpc({
      url: `http://127.0.0.1:${stack.kamailio.process.wsPort}/RPC`,
      secret: kamailioSecretOf(stack.ctx!.config, 'json-rpc'),
    });
  }, 60_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await Promise.all(phones.map((p) => p.stop()));
    await stack?.stop();
  });

  it('add-device prints SIP credentials a desk phone registers with (UDP), under the user AOR', async () => {
    const databasePath = stack.databaseUrl.slice('sqlite:'.length);
    const cli = spawnSync(
      TSX,
      [
        'server/src/cli.ts',
        'add-device',
        '100',
        '--name',
        'Desk phone',
        '--database',
        stack.databaseUrl,
        '--data-dir',
        join(databasePath, '..'),
        '--sip-domain',
        '127.0.0.1',
        '--sip-port',
        String(udpPort),
        '--sip-tls-port',
        String(tlsPort),
      ],
      { cwd: REPO, encoding: 'utf8', timeout: 60_000 },
    );
    expect(cli.status, cli.stderr).toBe(0);
    const values = printed(cli.stdout);
    expect(values.get('SIP_USER')).toBe('100');
    expect(values.get('SIP_AUTH_USER')).toMatch(/^100~[a-z0-9]{6}$/);
    expect(values.get('SIP_PASSWORD')).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(values.get('SIP_DOMAIN')).toBe('127.0.0.1');
    expect(values.get('SIP_PROXY_UDP')).toBe(`sip:127.0.0.1:${udpPort};transport=udp`);
    expect(values.get('SIP_PROXY_TLS')).toBe(`sip:127.0.0.1:${tlsPort};transport=tls`);
    expect(values.get('VOICEMAIL')).toBe('sip:voicemail@127.0.0.1');
    // only the HA1 is kept
    const row = await stack
      .ctx!.db.selectFrom('subscriber')
      .selectAll()
      .where('username', '=', values.get('SIP_AUTH_USER')!)
      .executeTakeFirstOrThrow();
    expect(row.password).toBe('');
    expect(JSON.stringify(row)).not.toContain(values.get('SIP_PASSWORD')!);

    await phone({
      user: '100',
      authUser: values.get('SIP_AUTH_USER')!,
      password: values.get('SIP_PASSWORD')!,
      domain: '127.0.0.1',
      proxy: proxy(),
    });
    expect((await contactsOf('100')).length).toBe(1);
    expect((await listDevices(stack.ctx!, '100')).map((d) => d.name)).toEqual(['Desk phone']);
  }, 90_000);

  it('a device speaks for its own user only, and is no app login', async () => {
    const { device, password } = await addDevice(stack.ctx!, '101', 'Spare phone');
    const client = await SipUdpClient.open({ host: '127.0.0.1', port: udpPort }, { user: device.sip_user, password });
    clients.push(client);
    const register = (aor: string): Promise<{ status?: number }> =>
      client.send({
        method: 'REGISTER',
        uri: 'sip:127.0.0.1',
        from: `<sip:${aor}@127.0.0.1>;tag=${aor}r`,
        to: `<sip:${aor}@127.0.0.1>`,
        cseq: 1,
        headers: [`Contact: ${client.contact(aor)}`, 'Expires: 60'],
      });
    // 101's device claiming 102's AOR: challenged again (Kamailio's answer to a wrong identity)
    expect((await register('102')).status).toBe(401);
    expect((await register('101')).status).toBe(200);
    await client.send({
      method: 'REGISTER',
      uri: 'sip:127.0.0.1',
      from: '<sip:101@127.0.0.1>;tag=u',
      to: '<sip:101@127.0.0.1>',
      cseq: 10,
      headers: [`Contact: ${client.contact('101')}`, 'Expires: 0'],
    });
    // the device's credentials do not log in to the UC server
    const login = await fetch(`${stack.apiUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: device.sip_user, password }),
    });
    expect(login.status).toBe(401);
    await removeDevice(stack.ctx!, device.sip_user, rpc);
  }, 30_000);

  it('MWI: the phone subscribes to its mailbox, gets the initial NOTIFY, and its refresh is accepted', async () => {
    const { device, password } = await addDevice(stack.ctx!, '100', 'MWI phone');
    const client = await SipUdpClient.open({ host: '127.0.0.1', port: udpPort }, { user: device.sip_user, password });
    clients.push(client);
    const subscribe = {
      method: 'SUBSCRIBE',
      uri: 'sip:100@127.0.0.1',
      from: '<sip:100@127.0.0.1>;tag=mwi1',
      to: '<sip:100@127.0.0.1>',
      callId: 'mwi-refresh-test',
      cseq: 1,
      headers: [
        `Contact: ${client.contact('100')}`,
        'Event: message-summary',
        'Expires: 10',
        'Accept: application/simple-message-summary',
      ],
    };
    const created = await client.send(subscribe);
    expect(created.status).toBe(200);
    await client.waitForRequest('the initial NOTIFY', (m) => m.method === 'NOTIFY');
    const toTag = /;tag=([^;>\s]+)/.exec(created.header('To') ?? '')?.[1];
    const target = /<([^>]+)>/.exec(created.header('Contact') ?? '')?.[1];
    expect(toTag).toBeTruthy();
    expect(target).toBeTruthy();
    // the refresh (RFC 6665 §4.1.2.1): in the dialog, to the Contact the server gave
    const refreshed = await client.send({
      ...subscribe,
      uri: target!,
      to: `<sip:100@127.0.0.1>;tag=${toTag}`,
      cseq: 3,
    });
    expect(refreshed.firstLine).toBe('SIP/2.0 200 OK');
    await client.waitForRequest(
      'the NOTIFY after the refresh',
      (m) => m.method === 'NOTIFY' && client.requests.filter((r) => r.method === 'NOTIFY').length >= 2,
    );
    // someone else's mailbox stays closed
    const foreign = await client.send({
      ...subscribe,
      uri: 'sip:101@127.0.0.1',
      to: '<sip:101@127.0.0.1>',
      callId: 'mwi-foreign',
      cseq: 1,
    });
    expect(foreign.status).toBe(403);
    await client.send({
      ...subscribe,
      uri: target!,
      to: `<sip:100@127.0.0.1>;tag=${toTag}`,
      cseq: 5,
      headers: [...subscribe.headers.slice(0, 2), 'Expires: 0'],
    });
    await removeDevice(stack.ctx!, device.sip_user, rpc);
  }, 30_000);
});
