/**
 * Plain SIP devices (issue #12): an administrator adds a desk phone for a user with the CLI, the
 * phone (baresip 1.0, an independent SIP stack) registers with its own credentials under the user's
 * AOR over UDP, TCP or TLS and calls as the user; the user's app and desk phone ring together and the
 * first to answer wins; phones on the proxy's own host get their in-dialog requests (REFER, BYE);
 * the phone's MWI subscription is accepted and refreshed; removing the device drops it.
 *
 * Real Kamailio + rtpengine + UC server (SQLite) on random 127.0.0.1 ports: desk phone to desk phone
 * is plain RTP both ends (not relayed); the WebRTC caller of the fork reaches the desk phone through
 * rtpengine (its audio is checked in detail by tests/integration/calls/desk-phone-media.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoUser } from '../../../server/src/features/accounts/demo-users';
import { addDevice, listDevices, removeDevice } from '../../../server/src/features/devices';
import { KamailioRpc } from '../../../server/src/platform/kamailio-rpc';
import { kamailioSecretOf } from '../../../server/src/platform/kamailio-secret';
import { CallState } from '../../../src-main/core/features/calls/sip/call-state';
import type { Call } from '../../../src-main/core/features/calls/sip/call';
import { BaresipClient, type BaresipEvent } from '../../support/baresip-client';
import { createPhone, waitFor, type TestPhone } from '../../support/engine-harness';
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

/** Waits for the phone's next event of this type (after those already seen when `since` was taken). */
function nextEvent(
  phone: BaresipClient,
  since: number,
  type: string,
  what: string,
  timeoutMs = 10_000,
): Promise<BaresipEvent> {
  return phone.waitForEvent(what, (e) => e.type === type && phone.events.indexOf(e) >= since, timeoutMs);
}

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
  /** the desk phone the CLI provisioned (first test), and its SIP auth user */
  let deskPhone: BaresipClient;
  let deskAuthUser: string;
  /** 101 and 102 on plain SIP phones with their accounts' credentials, on the proxy's host */
  let bruno: BaresipClient;
  let chloe: BaresipClient;
  const appPhones: TestPhone[] = [];

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
    for (const p of appPhones) await p.dispose().catch(() => undefined);
    for (const c of clients) c.close();
    await Promise.all(phones.map((p) => p.stop()));
    await stack?.stop();
  });

  /** `npm run server -- <args>` on the stack's database */
  const cli = (...args: string[]): { status: number | null; out: string } => {
    const databasePath = stack.databaseUrl.slice('sqlite:'.length);
    const result = spawnSync(
      TSX,
      ['server/src/cli.ts', ...args, '--database', stack.databaseUrl, '--data-dir', join(databasePath, '..')],
      { cwd: REPO, encoding: 'utf8', timeout: 60_000 },
    );
    return { status: result.status, out: result.stdout + result.stderr };
  };

  it('add-device prints SIP credentials a desk phone registers with (UDP), under the user AOR', async () => {
    const added = cli(
      'add-device',
      '100',
      '--name',
      'Desk phone',
      '--sip-domain',
      '127.0.0.1',
      '--sip-port',
      String(udpPort),
      '--sip-tls-port',
      String(tlsPort),
    );
    expect(added.status, added.out).toBe(0);
    const values = printed(added.out);
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

    deskAuthUser = values.get('SIP_AUTH_USER')!;
    deskPhone = await phone({
      user: '100',
      authUser: deskAuthUser,
      password: values.get('SIP_PASSWORD')!,
      domain: '127.0.0.1',
      proxy: proxy(),
      audio: { toneHz: 440 },
      sipTrace: true,
    });
    expect((await contactsOf('100')).length).toBe(1);
    expect((await listDevices(stack.ctx!, '100')).map((d) => d.name)).toEqual(['Desk phone']);
    expect(cli('list-devices', '100')).toMatchObject({
      status: 0,
      out: expect.stringMatching(new RegExp(`^100\t${deskAuthUser}\tDesk phone\t`, 'm')),
    });
    // bad input: a clear message, nothing changed
    expect(cli('add-device', '999', '--name', 'X')).toMatchObject({
      status: 1,
      out: expect.stringContaining('No account 999'),
    });
    expect(cli('add-device', '100')).toMatchObject({ status: 1, out: expect.stringContaining('needs --name') });
    expect(cli('remove-device', '100~nope')).toMatchObject({
      status: 1,
      out: expect.stringContaining('No device 100~nope'),
    });
    expect(await listDevices(stack.ctx!)).toHaveLength(1);
  }, 120_000);

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

  it('a desk phone registers over TCP and over TLS and calls as its user (P-Asserted-Identity)', async () => {
    bruno = await phone({
      user: '101',
      password: await stack.sipPasswordOf('101'),
      domain: '127.0.0.1',
      proxy: proxy(),
      audio: { toneHz: 660 },
      sipTrace: true,
    });
    for (const transport of ['tcp', 'tls'] as const) {
      const { device, password } = await addDevice(stack.ctx!, '100', `Desk phone ${transport}`);
      const desk = await phone({
        user: '100',
        authUser: device.sip_user,
        password,
        domain: '127.0.0.1',
        proxy: proxy(),
        transport,
        tlsCaFile: testTls().certPath,
        audio: { toneHz: 550 },
      });
      const registered = await contactsOf('100');
      expect(registered.some((c) => c.includes(`transport=${transport}`))).toBe(true);
      const mark = bruno.events.length;
      const deskMark = desk.events.length;
      await desk.command('dial', 'sip:101@127.0.0.1');
      const incoming = await nextEvent(bruno, mark, 'CALL_INCOMING', `101 rings for the ${transport} desk phone`);
      expect(incoming.peeruri).toBe('sip:100@127.0.0.1');
      await bruno.command('accept');
      await nextEvent(bruno, mark, 'CALL_ESTABLISHED', `101 talks (${transport})`);
      await nextEvent(desk, deskMark, 'CALL_ESTABLISHED', `the ${transport} desk phone talks`);
      await desk.command('hangup');
      await nextEvent(bruno, mark, 'CALL_CLOSED', `101 hears the ${transport} hang-up`);
      // removing the device takes its credentials and its registration away at once
      const removed = await removeDevice(stack.ctx!, device.sip_user, rpc);
      expect(removed.registration).toBe('dropped');
      expect((await contactsOf('100')).some((c) => c.includes(`transport=${transport}`))).toBe(false);
      await desk.stop();
    }
    // the callee saw the user, asserted by the proxy
    expect(bruno.output).toMatch(/P-Asserted-Identity: <sip:100@127\.0\.0\.1>/);
  }, 90_000);

  it('phones on the proxy host: a call, a REFER (blind transfer) and in-dialog BYEs reach them', async () => {
    chloe = await phone({
      user: '102',
      password: await stack.sipPasswordOf('102'),
      domain: '127.0.0.1',
      proxy: proxy(),
      audio: { toneHz: 770 },
    });
    const b = bruno.events.length;
    const c = chloe.events.length;
    const d = deskPhone.events.length;
    await bruno.command('dial', 'sip:102@127.0.0.1');
    await nextEvent(chloe, c, 'CALL_INCOMING', '102 rings');
    await chloe.command('accept');
    await nextEvent(bruno, b, 'CALL_ESTABLISHED', '101 talks to 102');
    // 101 transfers 102 to 100: the REFER goes to 102's contact sip:102@127.0.0.1:<its port>
    await bruno.command('transfer', 'sip:100@127.0.0.1');
    await nextEvent(deskPhone, d, 'CALL_INCOMING', "100's desk phone rings for the transferred 102", 15_000);
    await deskPhone.command('accept');
    await nextEvent(deskPhone, d, 'CALL_ESTABLISHED', '100 talks to 102');
    await nextEvent(bruno, b, 'CALL_CLOSED', "101's call ends after the transfer");
    // in-dialog BYE from the desk phone to 102's contact on this host
    await deskPhone.command('hangup');
    await waitFor('102 hears the BYE', () => chloe.events.slice(c).filter((e) => e.type === 'CALL_CLOSED').length >= 2);
    expect(deskPhone.output).toMatch(/SIP\/2\.0 200 OK[^\n]*\n(?:[^\n]+\n)*?CSeq: \d+ BYE/);
  }, 60_000);

  it('a call to the user rings the app and the desk phone together; the phone answers, the app stops without a missed call', async () => {
    const sip = { users: await stack.sipUsers(), wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain };
    const app = createPhone(sip, '100');
    const caller = createPhone(sip, '102');
    appPhones.push(app, caller);
    expect((await app.engine.start()).status).toBe('registered');
    expect((await caller.engine.start()).status).toBe('registered');
    const ringing: Call[] = [];
    app.engine.onDidReceiveCall((call) => ringing.push(call));
    const d = deskPhone.events.length;
    // the CLI's desk phone (plain RTP; rtpengine bridges the WebRTC caller's media to it)
    const call = caller.engine.dial('100');
    await nextEvent(deskPhone, d, 'CALL_INCOMING', 'the desk phone rings');
    await waitFor('the app rings', () => ringing.length === 1);
    await deskPhone.command('accept');
    await waitFor('the app stops ringing', () => ringing[0]!.state === CallState.Terminated, 10_000);
    // CANCEL with Reason: SIP;cause=200 (RFC 3326): the journal shows no missed call
    expect(ringing[0]!.endReason).toBe('completed-elsewhere');
    await nextEvent(deskPhone, d, 'CALL_ESTABLISHED', 'the desk phone talks');
    await waitFor('the caller is connected to the desk phone', () => call.state === CallState.Established, 10_000);
    await waitFor(
      "the desk phone's audio reaches the caller",
      () => (caller.media.stats(call.mediaSessionId!)?.rxAudioPackets ?? 0) > 20,
      10_000,
    );
    await call.hangup();
    await nextEvent(deskPhone, d, 'CALL_CLOSED', 'the desk phone hears the hang-up');
  }, 60_000);
});
