/**
 * UDP desk phones behind NAT and dead UDP phones (issue #12): a phone whose Via and Contact name an
 * address it does not send from (what a NAT does to it) is reached where its packets come from
 * (nathelper fix_nated_register + received_avp), usrloc's OPTIONS keep-alive reaches it there, and a
 * UDP phone that stops answering those OPTIONS is dropped, so calls no longer ring into the void.
 *
 * The "private" side is 127.0.0.2 (loopback): should the NAT handling fail, nothing leaves the host.
 * Real Kamailio + UC server; the phones are {@link SipUdpClient}s (they answer every request 200).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoUser } from '../../../server/src/features/accounts/demo-users';
import { addDevice } from '../../../server/src/features/devices';
import { KamailioRpc } from '../../../server/src/platform/kamailio-rpc';
import { kamailioSecretOf } from '../../../server/src/platform/kamailio-secret';
import { waitFor } from '../../support/engine-harness';
import { callFromAnotherDomain } from '../../support/foreign-sip-caller';
import { SipUdpClient } from '../../support/sip-udp-client';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

const USERS: DemoUser[] = [
  { number: '100', password: 'Welcome100!', displayName: 'Alice Desk' },
  { number: '101', password: 'Welcome101!', displayName: 'Bruno Phone' },
];

describe('UDP desk phones: NAT and keep-alive', () => {
  let stack: UcStack;
  let rpc: KamailioRpc;
  const clients: SipUdpClient[] = [];

  const contactsOf = async (number: string): Promise<Array<{ Address?: string; Received?: string }>> => {
    const result = (await rpc.call('ul.lookup', ['location', number]).catch(() => undefined)) as
      { Contacts?: Array<{ Contact?: { Address?: string; Received?: string } }> } | undefined;
    return (result?.Contacts ?? []).map((c) => c.Contact ?? {});
  };

  /** a device of `number` registering from a UDP socket on 127.0.0.1 with this Via host and Contact */
  const register = async (number: string, natted: boolean): Promise<SipUdpClient> => {
    const { device, password } = await addDevice(stack.ctx!, number, natted ? 'Behind NAT' : 'On the LAN');
    const client = await SipUdpClient.open(
      { host: '127.0.0.1', port: stack.kamailio.process.udpPort },
      { user: device.sip_user, password },
      natted ? { viaHost: '127.0.0.2', viaPort: 5999 } : {},
    );
    clients.push(client);
    const contact = natted ? `<sip:${number}@127.0.0.2:5999>` : client.contact(number);
    const answer = await client.send({
      method: 'REGISTER',
      uri: 'sip:127.0.0.1',
      from: `<sip:${number}@127.0.0.1>;tag=r${number}`,
      to: `<sip:${number}@127.0.0.1>`,
      cseq: 1,
      headers: [`Contact: ${contact}`, 'Expires: 600'],
    });
    expect(answer.status).toBe(200);
    return client;
  };

  beforeAll(async () => {
    stack = await startUcStack({ users: USERS, withVoicemail: false, contactKeepAlive: { intervalS: 1, timeoutS: 3 } });
    rpc = new KamailioRpc({
      url: `http://127.0.0.1:${stack.kamailio.process.wsPort}/RPC`,
      secret: kamailioSecretOf(stack.ctx!.config, 'json-rpc'),
    });
  }, 60_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await stack?.stop();
  });

  it('reaches a phone behind NAT where its packets come from: keep-alives and calls', async () => {
    const phone = await register('100', true);
    const [binding] = await contactsOf('100');
    expect(binding?.Address).toBe('sip:100@127.0.0.2:5999');
    expect(binding?.Received).toBe(`sip:127.0.0.1:${phone.port}`);
    await phone.waitForRequest('an OPTIONS keep-alive through the NAT', (m) => m.method === 'OPTIONS', 10_000);
    const call = await callFromAnotherDomain({ kamailioUdpPort: stack.kamailio.process.udpPort, number: '100' });
    try {
      const invite = await phone.waitForRequest('the INVITE through the NAT', (m) => m.method === 'INVITE');
      expect(invite.firstLine).toBe('INVITE sip:100@127.0.0.2:5999 SIP/2.0');
    } finally {
      call.close();
    }
  }, 30_000);

  it('drops a UDP phone that stops answering the keep-alive, keeps one that answers', async () => {
    const alive = await register('101', false);
    const dead = await register('101', false);
    expect(await contactsOf('101')).toHaveLength(2);
    dead.close();
    // usrloc: OPTIONS every 1 s, a contact silent for 3 s (plus its timer's grace) is removed
    const deadline = Date.now() + 20_000;
    while ((await contactsOf('101')).length !== 1) {
      if (Date.now() > deadline) throw new Error('the dead UDP phone is still registered after 20 s');
      await new Promise((r) => setTimeout(r, 250));
    }
    expect((await contactsOf('101'))[0]?.Address).toBe(`sip:101@127.0.0.1:${alive.port}`);
    await waitFor(
      'the live phone still answers keep-alives',
      () => alive.requests.filter((m) => m.method === 'OPTIONS').length >= 2,
    );
  }, 40_000);
});
