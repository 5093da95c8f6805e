/**
 * The call history of plain SIP phones (issue #13: Kamailio sees every device's calls, not only the
 * app's): desk phone 101 (baresip over UDP) calls desk phone 102 (another baresip), which answers; the
 * server's records say a SIP phone placed it and a SIP phone answered it, with the answer and end times.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallHistoryResponse, CallRecord } from '../../../src-preload/contract/calls';
import type { DemoUser } from '../../../server/src/features/accounts/demo-users';
import { until } from '../../support/app-core-harness';
import { BaresipClient } from '../../support/baresip-client';
import { sleep } from '../../support/engine-harness';
import { loginAccessToken } from '../../support/login-access-token';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

const USERS: DemoUser[] = [
  { number: '101', password: 'Welcome101!', displayName: 'Bruno Deskphone' },
  { number: '102', password: 'Welcome102!', displayName: 'Chloé Deskphone' },
];

describe('call history of plain SIP phones (baresip over UDP)', () => {
  let stack: UcStack;
  const phones: BaresipClient[] = [];

  const records = async (user: DemoUser): Promise<CallRecord[]> => {
    const token = await loginAccessToken(stack.apiUrl, user.number, user.password);
    const res = await fetch(`${stack.apiUrl}/calls`, { headers: { authorization: `Bearer ${token}` } });
    return ((await res.json()) as CallHistoryResponse).calls;
  };

  beforeAll(async () => {
    stack = await startUcStack({ users: USERS, withVoicemail: false });
    for (const user of USERS) {
      phones.push(
        await BaresipClient.start({
          user: user.number,
          password: await stack.sipPasswordOf(user.number),
          domain: stack.kamailio.domain,
          proxy: { host: '127.0.0.1', udpPort: stack.kamailio.process.udpPort },
          audio: { toneHz: 440 },
          mediaenc: 'dtls_srtp',
        }),
      );
    }
  }, 60_000);

  afterAll(async () => {
    for (const phone of phones) await phone.stop();
    await stack?.stop();
  });

  it('records a SIP phone as the device that placed the call and the one that answered it', async () => {
    const [bruno, chloe] = phones as [BaresipClient, BaresipClient];
    await bruno.command('dial', `sip:102@${stack.kamailio.domain}`);
    await chloe.waitForEvent('102 rings', (e) => e.type === 'CALL_INCOMING');
    await chloe.command('accept');
    await bruno.waitForEvent('the call is up', (e) => e.type === 'CALL_ESTABLISHED');
    await sleep(300);
    await bruno.command('hangup');
    let placed: CallRecord | undefined;
    await until("101's record", async () => {
      placed = (await records(USERS[0]!)).find((r) => r.direction === 'out');
      return placed !== undefined && placed.endedAt !== null;
    });
    expect(placed).toMatchObject({
      peer: '102',
      peerName: 'Chloé Deskphone',
      deviceKind: 'sip-phone',
      result: 'answered',
    });
    const answered = (await records(USERS[1]!)).find((r) => r.sipCallId === placed!.sipCallId);
    expect(answered).toMatchObject({ direction: 'in', peer: '101', result: 'answered', deviceKind: 'sip-phone' });
    expect(answered!.durationMs).toBeGreaterThanOrEqual(200);
  });
});
