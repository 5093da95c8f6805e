/**
 * The mailbox address phones are given (issue #12 item 5): `sip:voicemail@<domain>` (also MWI's
 * Message-Account) is the caller's own mailbox. Listening by phone needs a PIN (issue #16), so the
 * voicemail service answers its owner with the "no PIN yet, use the app" prompt (English, French),
 * hangs up and records nothing — where it used to answer 404 "No Such Mailbox".
 *
 * The caller is a werift WebRTC client (engine harness): without rtpengine in this stack a plain RTP
 * phone's media cannot meet the service's WebRTC; the SIP routing is the same for both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoUser } from '../../../server/src/features/accounts/demo-users';
import { CallState } from '../../../src-main/core/features/calls/sip/call-state';
import { createPhone, waitFor, type TestPhone } from '../../support/engine-harness';
import { startUcStack, type UcStack } from '../../support/uc-stack-fixture';

const USERS: DemoUser[] = [
  { number: '100', password: 'Welcome100!', displayName: 'Alice Desk' },
  { number: '101', password: 'Welcome101!', displayName: 'Bruno Phone' },
];

describe('sip:voicemail@domain: the caller’s own mailbox', () => {
  let stack: UcStack;
  let alice: TestPhone;

  beforeAll(async () => {
    stack = await startUcStack({ users: USERS });
    const sip = { users: await stack.sipUsers(), wsUrl: stack.kamailio.wsUrl, domain: stack.kamailio.domain };
    alice = createPhone(sip, '100');
    expect((await alice.engine.start()).status).toBe('registered');
  }, 60_000);

  afterAll(async () => {
    await alice?.dispose();
    await stack?.stop();
  });

  it('answers the owner with the "no PIN yet" prompt, hangs up, and records nothing', async () => {
    const call = alice.engine.dial('voicemail');
    await waitFor('the mailbox answers', () => call.state === CallState.Established, 15_000);
    await waitFor(
      'the prompt plays',
      () => (alice.media.stats(call.mediaSessionId!)?.rxAudioPackets ?? 0) > 100,
      10_000,
    );
    // the prompt is 13.3 s (assets/voicemail/no-pin-en-fr.wav); then the service hangs up
    await waitFor('the service hangs up after the prompt', () => call.state === CallState.Terminated, 25_000);
    expect(call.endReason).toBe('remote-hangup');
    const stored = await stack.ctx!.db.selectFrom('voicemails').selectAll().execute();
    expect(stored).toEqual([]);
  }, 60_000);
});
