/**
 * Emergency numbers while the UC server does not answer (issue #12, SPEC G),
 * real Kamailio + UC server; the carrier is a raw SIP endpoint on 127.0.0.2.
 * The UC server pushes the emergency routes into Kamailio's `emergency`
 * htable (EmergencyFallbackSync, at start); with the server stopped, 112 and
 * 0112 still go out through the trunk (digest auth, the trunk's main number as
 * caller ID, never the extension), while an ordinary external number does not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kamailioSecretOf } from '../../../server/src/platform/kamailio-secret';
import { KamailioRpc } from '../../../server/src/platform/kamailio-rpc';
import { addTrunk, EMERGENCY_HTABLE, writeDialPlanSettings } from '../../../server/src/features/trunks';
import type { Call } from '../../../src-main/core/features/calls/sip/call';
import { CallState } from '../../../src-main/core/features/calls/sip/call-state';
import { createPhone, sleep, waitFor, type TestPhone } from '../../support/engine-harness';
import { SipCarrier } from '../../support/sip-carrier';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

const credentials = { username: 'switchboard-trunk', password: 'Carrier-Secret-1', realm: 'carrier.example' };

describe('emergency calls without the UC server', () => {
  let stack: UcStack;
  let carrier: SipCarrier;
  let alice: TestPhone;
  let rpc: KamailioRpc;

  const dialOut = async (target: string): Promise<Call> => {
    const call = alice.engine.dial(target);
    await waitFor('call over', () => call.state === CallState.Terminated, 15_000);
    return call;
  };

  beforeAll(async () => {
    stack = await startUcStack({ withVoicemail: false });
    carrier = await SipCarrier.start({ credentials });
    const ctx = stack.ctx!;
    rpc = new KamailioRpc({ url: ctx.config.kamailioRpcUrl!, secret: kamailioSecretOf(ctx.config, 'json-rpc') });
    await writeDialPlanSettings(ctx.db, { outsidePrefix: '0', country: 'FR' });
    await addTrunk(
      ctx.db,
      {
        name: 'carrier',
        address: `${carrier.host}:${carrier.port}`,
        username: credentials.username,
        password: credentials.password,
        sources: [carrier.host],
        numberFormat: 'national',
        mainNumber: '+33 1 23 45 67 00',
      },
      Date.now(),
    );
    const k = { wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain, users: await stack.sipUsers() };
    alice = createPhone(k, '100');
    expect((await alice.engine.start()).status).toBe('registered');
    alice.engine.onDidReceiveCall((c) => void c.reject('busy').catch(() => undefined));
    // the server pushes the routes when it starts: restart it now that the trunk exists
    await stack.stopServer();
    await stack.startServer();
    for (let i = 0; ; i++) {
      // "Key name doesn't exist" until the push
      const entry = (await rpc.call('htable.get', [EMERGENCY_HTABLE, '112']).catch(() => undefined)) as
        { item?: { value?: string } } | undefined;
      if (typeof entry?.item?.value === 'string') break;
      if (i > 50) throw new Error('the emergency route never reached Kamailio');
      await sleep(200);
    }
    await stack.stopServer();
  });

  afterAll(async () => {
    if (process.env.SB_TRUNK_LOG) console.log(stack.kamailio.process.logTail?.(200));
    await alice?.dispose();
    carrier?.close();
    await stack?.stop();
  });

  it('sends 112 and 0112 out through the trunk as the main number while the UC server is stopped', async () => {
    expect(stack.ctx).toBeUndefined();
    for (const dialed of ['112', '0112']) {
      const before = carrier.invites.length;
      const call = await dialOut(dialed);
      const invites = carrier.invites.slice(before);
      expect(invites.map((i) => i.authenticated)).toEqual([false, true]);
      const invite = invites[1]!;
      expect(invite.requestUri).toBe(`sip:112@${carrier.host}:${carrier.port}`);
      expect(invite.header('From')).toMatch(new RegExp(`<sip:0123456700@${carrier.host.replaceAll('.', '\\.')}>`));
      expect(invite.header('P-Asserted-Identity')).toBe(`<sip:0123456700@${carrier.host}>`);
      expect(invite.text.split('\r\n\r\n')[0]).not.toMatch(/sip:100@/);
      expect(call.endReason).toBe('busy');
    }
  });

  it('sends no other external number out while the UC server is stopped', async () => {
    const before = carrier.invites.length;
    const call = await dialOut('+33612345678');
    expect(call.state).toBe(CallState.Terminated);
    await sleep(300);
    expect(carrier.invites.length).toBe(before);
  });
});
