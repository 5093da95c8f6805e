/**
 * Pickup (SPEC D3) of a call ringing at a plain SIP phone: the called user 101 is baresip over
 * UDP (an independent SIP stack, like a desk phone), the caller 100 a WebSocket client, and the
 * picker 102 the app. The mechanism lives in the servers, so the phone needs nothing: it gets a
 * CANCEL with `Reason: SIP;cause=200` (RFC 3326) and stops ringing; the caller talks to the picker.
 *
 * Media: rtpengine bridges the caller's WebRTC offer to plain RTP for the phone (issue #12), and
 * the picked-up call is WebSocket to WebSocket (caller ↔ app, not relayed), whose RTP is checked
 * both ways.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallView, SessionState } from '../../../src-preload/contract/ipc-contract';
import type { AppCore } from '../../../src-main/core/app/app-core';
import { composeAppCore } from '../../../src-main/core/app/compose-app-core';
import { dispatchInvoke } from '../../../src-main/core/platform/ipc/dispatch-invoke';
import { CallState } from '../../../src-main/core/features/calls/sip/call-state';
import type { DemoUser } from '../../../server/src/features/accounts/demo-users';
import { BaresipClient } from '../../support/baresip-client';
import { createPhone, waitFor, type TestPhone } from '../../support/engine-harness';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';
import { WeriftMediaHost } from '../../support/werift-media-host';

const USERS: DemoUser[] = [
  { number: '100', password: 'Welcome100!', displayName: 'Carla Caller' },
  { number: '101', password: 'Welcome101!', displayName: 'Anna Deskphone' },
  { number: '102', password: 'Welcome102!', displayName: 'Boris Picker' },
];

describe('pickup of a call ringing at a plain SIP phone (baresip over UDP)', () => {
  let stack: UcStack;
  let caller: TestPhone;
  let deskPhone: BaresipClient;
  let media: WeriftMediaHost;
  let boris: AppCore;
  let borisCalls: CallView[] = [];

  beforeAll(async () => {
    stack = await startUcStack({ users: USERS, withVoicemail: false });
    const sip = { users: await stack.sipUsers(), wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain };
    caller = createPhone(sip, '100');
    expect((await caller.engine.start()).status).toBe('registered');
    deskPhone = await BaresipClient.start({
      user: '101',
      password: await stack.sipPasswordOf('101'),
      domain: stack.kamailio.domain,
      proxy: { host: '127.0.0.1', udpPort: stack.kamailio.process.udpPort },
      audio: { toneHz: 440 },
      sipTrace: true,
    });
    media = new WeriftMediaHost();
    boris = composeAppCore({ dataDir: ':memory:', mediaHost: media });
    boris.onEvent(({ channel, payload }) => {
      if (channel === 'calls.onDidChange') borisCalls = payload as CallView[];
    });
    const r = await dispatchInvoke(boris, 'session.login', {
      server: stack.serverAddress,
      user: '102',
      password: 'Welcome102!',
    });
    expect(r.ok && (r.value as SessionState).status).toBe('registered');
  }, 60_000);

  afterAll(async () => {
    await boris?.dispose().catch(() => undefined);
    await media?.dispose().catch(() => undefined);
    await deskPhone?.stop();
    await caller?.dispose();
    await stack?.stop();
  });

  it('cancels the phone with cause 200 and connects the caller to the picker', async () => {
    const call = caller.engine.dial('101');
    await deskPhone.waitForEvent('the desk phone rings', (e) => e.type === 'CALL_INCOMING');
    await waitFor('the caller hears ringing', () => call.state === CallState.RingingOut, 10_000);

    const r = await dispatchInvoke(boris, 'calls.pickup', { number: '101' });
    expect(r.ok).toBe(true);
    const { callId } = (r as { ok: true; value: { callId: string } }).value;

    await deskPhone.waitForEvent('the desk phone stops ringing', (e) => e.type === 'CALL_CLOSED');
    // the CANCEL it got says "completed elsewhere" (no missed call on the phone)
    expect(deskPhone.output).toMatch(/CANCEL sip:[^\n]*\n(?:[^\n]+\n)*?Reason: SIP;cause=200/);
    await waitFor('the caller is connected', () => call.state === CallState.Established, 10_000);
    await waitFor('the picker is connected', () =>
      borisCalls.some((c) => c.id === callId && c.state === 'established'),
    );
    const session = media.openSessionIds()[0]!;
    await waitFor('RTP from the caller reaches the picker', () => (media.stats(session)?.rxAudioPackets ?? 0) > 20);
    await waitFor(
      'RTP from the picker reaches the caller',
      () => (caller.media.stats(call.mediaSessionId!)?.rxAudioPackets ?? 0) > 20,
    );
    await call.hangup();
  });
});
